export interface GroupCommitOptions {
  /** Most items one batch carries. */
  maxBatch: number;
  /** Batches running at once; items submitted while all are busy wait for the next one. */
  maxInFlight: number;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for a hot write path: each `submit` is answered on its own, but while `maxInFlight`
 * batches are running the items submitted meanwhile wait and go together in the next batch. Under
 * light load every item runs alone and at once (no added latency); under load the statement,
 * round trip and commit are shared by many items, so the database does less work per item.
 *
 * `run` answers one output per input, in order. A batch that fails is run again item by item, so
 * one bad item fails alone and the others are not held hostage by it; `run` must therefore be safe
 * to repeat (an atomic statement that either wrote nothing or is idempotent).
 */
export class GroupCommit<In, Out> {
  private readonly waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly options: GroupCommitOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new RangeError('maxBatch and maxInFlight must be at least 1');
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a batch (not those running). */
  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outs = await this.run(batch.map((w) => w.item));
      if (outs.length !== batch.length) throw new Error(`group commit: ${outs.length} answers for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(outs[i]));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      await Promise.all(batch.map((w) => this.run([w.item]).then(([out]) => w.resolve(out), w.reject)));
    }
  }
}
