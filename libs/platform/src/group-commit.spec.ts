import { GroupCommit } from './group-commit.js';

/** A `run` whose batches the test releases by hand, recording what each batch held. */
function manualRun<T>() {
  const batches: T[][] = [];
  const releases: (() => void)[] = [];
  const run = (items: T[]) => {
    batches.push(items);
    return new Promise<T[]>((resolve) => releases.push(() => resolve(items)));
  };
  return { run, batches, release: (i: number) => releases[i]() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('runs an item alone and at once when nothing is in flight', async () => {
    const m = manualRun<number>();
    const gc = new GroupCommit(m.run, { maxBatch: 10, maxInFlight: 1 });
    const a = gc.submit(1);
    expect(m.batches).toEqual([[1]]);
    m.release(0);
    await expect(a).resolves.toBe(1);
  });

  it('groups what arrives while the in-flight batches run, answering each item its own output', async () => {
    const m = manualRun<number>();
    const gc = new GroupCommit(m.run, { maxBatch: 10, maxInFlight: 2 });
    const answers = [1, 2, 3, 4, 5].map((n) => gc.submit(n));
    expect(m.batches).toEqual([[1], [2]]);
    expect(gc.queued).toBe(3);
    m.release(1);
    await tick();
    expect(m.batches).toEqual([[1], [2], [3, 4, 5]]);
    m.release(0);
    m.release(2);
    await expect(Promise.all(answers)).resolves.toEqual([1, 2, 3, 4, 5]);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const m = manualRun<number>();
    const gc = new GroupCommit(m.run, { maxBatch: 2, maxInFlight: 1 });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => gc.submit(n));
    for (let i = 0; i < 4; i++) {
      m.release(i);
      await tick();
    }
    await Promise.all(answers);
    expect(m.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('runs a failed batch again item by item, so only the bad item fails', async () => {
    const calls: number[][] = [];
    const gc = new GroupCommit<number, number>(
      async (items) => {
        calls.push(items);
        if (items.includes(13)) throw new Error('bad item 13');
        return items.map((n) => n * 10);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const first = gc.submit(1);
    const rest = [12, 13, 14].map((n) =>
      gc.submit(n).then(
        (v) => ({ v }),
        (e: Error) => ({ e: e.message }),
      ),
    );
    await first;
    expect(await Promise.all(rest)).toEqual([{ v: 120 }, { e: 'bad item 13' }, { v: 140 }]);
    expect(calls).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('rejects a single item with the error of its run', async () => {
    const gc = new GroupCommit<number, number>(() => Promise.reject(new Error('database unreachable')), { maxBatch: 5, maxInFlight: 1 });
    await expect(gc.submit(1)).rejects.toThrow('database unreachable');
  });

  it('treats a wrong number of answers as a failed batch', async () => {
    const gc = new GroupCommit<number, number>(async (items) => (items.length > 1 ? [1] : items), { maxBatch: 5, maxInFlight: 1 });
    const first = gc.submit(7);
    const later = [8, 9].map((n) => gc.submit(n));
    await expect(first).resolves.toBe(7);
    await expect(Promise.all(later)).resolves.toEqual([8, 9]);
  });

  it('keeps serving after failures: the in-flight count is released', async () => {
    let fail = true;
    const gc = new GroupCommit<number, number>(
      async (items) => {
        if (fail) throw new Error('down');
        return items;
      },
      { maxBatch: 5, maxInFlight: 1 },
    );
    await expect(gc.submit(1)).rejects.toThrow('down');
    fail = false;
    await expect(gc.submit(2)).resolves.toBe(2);
  });

  it('refuses options that could never run a batch', () => {
    expect(() => new GroupCommit(async (x: number[]) => x, { maxBatch: 0, maxInFlight: 1 })).toThrow(RangeError);
    expect(() => new GroupCommit(async (x: number[]) => x, { maxBatch: 1, maxInFlight: 0 })).toThrow(RangeError);
  });
});
