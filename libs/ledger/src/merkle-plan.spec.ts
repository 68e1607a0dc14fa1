import { toHex } from './bytes.js';
import { EMPTY_ROOT } from './hash.js';
import { consistencyProof, inclusionProof, leafHash, rootHash } from './merkle.js';
import {
  MAX_TREE_SIZE,
  MerkleFrontier,
  consistencyPlan,
  foldRange,
  frontier,
  inclusionPlan,
  nodesCompletedByAppend,
  rangeNodes,
  type LeafRange,
  type NodeKey,
} from './merkle-plan.js';

const MAX = 64;
const LEAVES = Array.from({ length: 300 }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8)));
const hexes = (hashes: Uint8Array[]) => hashes.map(toHex);
const mthOf = (r: LeafRange) => rootHash(LEAVES.slice(Number(r.start), Number(r.end)));
// A perfect node's hash is the MTH of the leaves it covers.
const nodeHashOf = (k: NodeKey) => mthOf({ start: k.index << BigInt(k.level), end: (k.index + 1n) << BigInt(k.level) });
const key = (k: NodeKey) => `${k.level}:${k.index}`;
const range = (start: number | bigint, end: number | bigint): LeafRange => ({ start: BigInt(start), end: BigInt(end) });
const log2ceil = (n: number) => Math.ceil(Math.log2(n));

// Deterministic PRNG (mulberry32) so failures reproduce.
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const randomSplit = (total: number, random: () => number): number[] => {
  const sizes: number[] = [];
  for (let left = total; left > 0;) {
    // Mostly small batches, sometimes empty ones, sometimes big ones.
    const size = Math.min(left, random() < 0.1 ? 0 : random() < 0.8 ? 1 + Math.floor(random() * 5) : Math.floor(random() * 40));
    sizes.push(size);
    left -= size;
  }
  return sizes;
};

describe('rangeNodes and foldRange', () => {
  it('decompose ranges into aligned perfect nodes, largest first', () => {
    expect(rangeNodes(range(0, 13))).toEqual([
      { level: 3, index: 0n },
      { level: 2, index: 2n },
      { level: 0, index: 12n },
    ]);
    expect(rangeNodes(range(8, 14))).toEqual([
      { level: 2, index: 2n },
      { level: 1, index: 6n },
    ]);
    expect(rangeNodes(range(16, 32))).toEqual([{ level: 4, index: 1n }]);
    expect(rangeNodes(range(5, 6))).toEqual([{ level: 0, index: 5n }]);
    expect(rangeNodes(range(7, 7))).toEqual([]);
  });

  it('fold to the same hash as rootHash for every range of a 64-leaf tree they accept', () => {
    const mismatches: string[] = [];
    let accepted = 0;
    for (let start = 0; start <= MAX; start++) {
      for (let end = start; end <= MAX; end++) {
        let nodes: NodeKey[];
        try {
          nodes = rangeNodes(range(start, end));
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          continue;
        }
        accepted++;
        if (toHex(foldRange(nodes.map(nodeHashOf))) !== toHex(mthOf(range(start, end)))) {
          mismatches.push(`[${start}, ${end})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(MAX);
  });

  it('accept every subtree range that RFC 9162 trees and proofs use', () => {
    // Subtrees of RFC trees start at a multiple of the power of two their size rounds up to.
    for (let end = 1; end <= MAX; end++) {
      for (let start = 0; start < end; start++) {
        const width = 2 ** log2ceil(end - start);
        if (start % width === 0) expect(() => rangeNodes(range(start, end))).not.toThrow();
      }
    }
  });

  it('reject ranges whose pieces would not be stored nodes, and bad bounds', () => {
    expect(() => rangeNodes(range(1, 3))).toThrow(RangeError);
    expect(() => rangeNodes(range(3, 7))).toThrow(RangeError);
    expect(() => rangeNodes(range(5, 4))).toThrow(RangeError);
    expect(() => rangeNodes(range(-1, 4))).toThrow(RangeError);
    expect(() => rangeNodes(range(0, 2n ** 64n))).toThrow(RangeError);
    expect(() => rangeNodes({ start: 0, end: 4 } as unknown as LeafRange)).toThrow(TypeError);
    expect(() => rangeNodes(undefined as unknown as LeafRange)).toThrow(TypeError);
  });

  it('fold nothing to the empty-tree hash (a copy) and reject non-hashes', () => {
    const empty = foldRange([]);
    expect(empty).toEqual(EMPTY_ROOT);
    expect(empty).not.toBe(EMPTY_ROOT);
    expect(() => foldRange([LEAVES[0], new Uint8Array(31)])).toThrow(TypeError);
    expect(() => foldRange([new Uint8Array(33)])).toThrow(TypeError);
    expect(() => foldRange('x' as unknown as Uint8Array[])).toThrow(TypeError);
  });

  it('handle the largest RFC 9162 tree', () => {
    const nodes = rangeNodes(range(0, MAX_TREE_SIZE));
    expect(nodes).toHaveLength(64);
    expect(nodes[0]).toEqual({ level: 63, index: 0n });
    expect(nodes[63]).toEqual({ level: 0, index: MAX_TREE_SIZE - 1n });
  });
});

describe('inclusionPlan', () => {
  it('gives the ranges of inclusionProof for every index of every size 1..64', () => {
    const mismatches: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        const planned = inclusionPlan(BigInt(i), BigInt(n)).map(mthOf);
        if (hexes(planned).join() !== hexes(inclusionProof(i, LEAVES.slice(0, n))).join()) mismatches.push(`${i}/${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('walks from the leaf to the root, each sibling adjacent to what it covers so far, in O(log n) reads', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        let covered = range(i, i + 1);
        let reads = 0;
        for (const sibling of inclusionPlan(BigInt(i), BigInt(n))) {
          if (sibling.end === covered.start) covered = range(sibling.start, covered.end);
          else if (sibling.start === covered.end) covered = range(covered.start, sibling.end);
          else throw new Error(`sibling [${sibling.start}, ${sibling.end}) not adjacent for ${i}/${n}`);
          reads += rangeNodes(sibling).length;
        }
        expect(covered).toEqual(range(0, n));
        expect(reads).toBeLessThanOrEqual(2 * log2ceil(n));
      }
    }
  });

  it('works beyond 2^53 and up to 2^64 - 1', () => {
    const big = 2n ** 60n;
    expect(inclusionPlan(big, big + 1n)).toEqual([range(0n, big)]);
    expect(inclusionPlan(0n, big + 1n)).toHaveLength(61);
    const last = inclusionPlan(MAX_TREE_SIZE - 1n, MAX_TREE_SIZE);
    expect(last).toHaveLength(63);
    expect(last.reduce((reads, r) => reads + rangeNodes(r).length, 0)).toBe(63);
    const first = inclusionPlan(0n, MAX_TREE_SIZE);
    expect(first.reduce((reads, r) => reads + rangeNodes(r).length, 0)).toBeLessThanOrEqual(128);
  });

  it('rejects an index outside the tree', () => {
    expect(() => inclusionPlan(4n, 4n)).toThrow(RangeError);
    expect(() => inclusionPlan(0n, 0n)).toThrow(RangeError);
    expect(() => inclusionPlan(-1n, 4n)).toThrow(RangeError);
    expect(() => inclusionPlan(0n, 2n ** 64n)).toThrow(RangeError);
    expect(() => inclusionPlan(1 as unknown as bigint, 4n)).toThrow(TypeError);
  });
});

describe('consistencyPlan', () => {
  it('gives the ranges of consistencyProof for every 1 <= m <= n <= 64', () => {
    const mismatches: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const planned = consistencyPlan(BigInt(m), BigInt(n)).map(mthOf);
        if (hexes(planned).join() !== hexes(consistencyProof(m, LEAVES.slice(0, n))).join()) mismatches.push(`${m}->${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('needs O(log n) reads', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const reads = consistencyPlan(BigInt(m), BigInt(n)).reduce((sum, r) => sum + rangeNodes(r).length, 0);
        expect(reads).toBeLessThanOrEqual(2 * log2ceil(n) + 1);
      }
    }
  });

  it('works beyond 2^53', () => {
    const big = 2n ** 60n;
    expect(consistencyPlan(big, big + 1n)).toEqual([range(big, big + 1n)]);
    expect(consistencyPlan(big + 1n, big + 2n)).toEqual([range(big, big + 1n), range(big + 1n, big + 2n), range(0n, big)]);
    expect(consistencyPlan(big, big)).toEqual([]);
  });

  it('rejects anything but 0 < oldSize <= newSize', () => {
    expect(() => consistencyPlan(0n, 4n)).toThrow(RangeError);
    expect(() => consistencyPlan(5n, 4n)).toThrow(RangeError);
    expect(() => consistencyPlan(-1n, 4n)).toThrow(RangeError);
    expect(() => consistencyPlan(1n, 2n ** 64n)).toThrow(RangeError);
    expect(() => consistencyPlan(1n, 4 as unknown as bigint)).toThrow(TypeError);
  });
});

describe('frontier', () => {
  it('is the right edge of the tree', () => {
    expect(frontier(0n)).toEqual([]);
    expect(frontier(1n)).toEqual([{ level: 0, index: 0n }]);
    expect(frontier(6n)).toEqual([
      { level: 2, index: 0n },
      { level: 1, index: 2n },
    ]);
    expect(frontier(MAX_TREE_SIZE)).toHaveLength(64);
  });
});

describe('nodesCompletedByAppend', () => {
  it('lists the level >= 1 nodes completed by an append, level by level', () => {
    expect(nodesCompletedByAppend(0n, 4n)).toEqual([
      { level: 1, index: 0n },
      { level: 1, index: 1n },
      { level: 2, index: 0n },
    ]);
    expect(nodesCompletedByAppend(3n, 1n)).toEqual([
      { level: 1, index: 1n },
      { level: 2, index: 0n },
    ]);
    expect(nodesCompletedByAppend(4n, 1n)).toEqual([]);
    expect(nodesCompletedByAppend(5n, 0n)).toEqual([]);
    expect(nodesCompletedByAppend(2n ** 60n - 1n, 1n)).toHaveLength(60);
  });

  it('rejects bad sizes', () => {
    expect(() => nodesCompletedByAppend(-1n, 1n)).toThrow(RangeError);
    expect(() => nodesCompletedByAppend(1n, -1n)).toThrow(RangeError);
    expect(() => nodesCompletedByAppend(MAX_TREE_SIZE, 1n)).toThrow(RangeError);
    expect(() => nodesCompletedByAppend(1 as unknown as bigint, 1n)).toThrow(TypeError);
  });
});

describe('MerkleFrontier', () => {
  it('builds exactly the nodes of the full tree, agreeing with nodesCompletedByAppend, for random batch splits', () => {
    const total = 300;
    for (let seed = 1; seed <= 25; seed++) {
      const batches = randomSplit(total, prng(seed));
      const tree = new MerkleFrontier();
      const seen = new Map<string, string>();
      let size = 0;
      for (const count of batches) {
        const batch = LEAVES.slice(size, size + count);
        const created = tree.append(batch);
        const planned = nodesCompletedByAppend(BigInt(size), BigInt(count));
        // Same set of nodes, and in both orders every node comes after its children.
        expect(
          created
            .filter((n) => n.level > 0)
            .map(key)
            .sort(),
        ).toEqual(planned.map(key).sort());
        expect(created.filter((n) => n.level === 0).map(key)).toEqual(batch.map((_, i) => `0:${size + i}`));
        for (const order of [created, planned]) {
          const position = new Map(order.map((n, i) => [key(n), i]));
          for (const [i, n] of order.entries()) {
            if (n.level === 0) continue;
            for (const child of [2n * n.index, 2n * n.index + 1n]) {
              const at = position.get(key({ level: n.level - 1, index: child }));
              if (at !== undefined) expect(at).toBeLessThan(i);
            }
          }
        }
        for (const node of created) {
          expect(seen.has(key(node))).toBe(false);
          seen.set(key(node), toHex(node.hash));
        }
        size += count;
        expect(tree.size).toBe(BigInt(size));
        expect(toHex(tree.root())).toBe(toHex(rootHash(LEAVES.slice(0, size))));
      }
      // Every perfect node of the final tree, each with the right hash, and nothing else.
      const expected = new Map<string, string>();
      for (let level = 0; 2 ** level <= total; level++) {
        for (let index = 0n; (index + 1n) << BigInt(level) <= BigInt(total); index++) {
          expected.set(key({ level, index }), toHex(nodeHashOf({ level, index })));
        }
      }
      expect(new Map([...seen].sort())).toEqual(new Map([...expected].sort()));
    }
  });

  it('resumes from stored frontier hashes and keeps producing the roots of rootHash', () => {
    const batches = randomSplit(200, prng(42));
    const original = new MerkleFrontier();
    let size = 0;
    for (const count of batches) {
      original.append(LEAVES.slice(size, size + count));
      size += count;
      // What a database stores: the frontier nodes' hashes, which are the perfect nodes of frontier(size).
      const stored = original.hashes();
      expect(hexes(stored)).toEqual(frontier(BigInt(size)).map((k) => toHex(nodeHashOf(k))));
      const resumed = new MerkleFrontier(original.size, stored);
      expect(resumed.root()).toEqual(original.root());
      let resumedSize = size;
      for (const next of [1, 3, 0, 17]) {
        const created = resumed.append(LEAVES.slice(resumedSize, resumedSize + next));
        expect(
          created
            .filter((n) => n.level > 0)
            .map(key)
            .sort(),
        ).toEqual(nodesCompletedByAppend(BigInt(resumedSize), BigInt(next)).map(key).sort());
        resumedSize += next;
        expect(toHex(resumed.root())).toBe(toHex(rootHash(LEAVES.slice(0, resumedSize))));
      }
    }
  });

  it('starts empty with the empty-tree root', () => {
    const tree = new MerkleFrontier();
    expect(tree.size).toBe(0n);
    expect(tree.root()).toEqual(EMPTY_ROOT);
    expect(tree.hashes()).toEqual([]);
    expect(tree.append([])).toEqual([]);
  });

  it('cannot be changed through the arrays it is given or returns', () => {
    const leaves = LEAVES.slice(0, 7).map((h) => h.slice());
    const tree = new MerkleFrontier();
    const created = tree.append(leaves);
    const root = toHex(tree.root());
    for (const leaf of leaves) leaf.fill(0);
    for (const node of created) node.hash.fill(0);
    for (const hash of tree.hashes()) hash.fill(0);
    tree.root().fill(0);
    expect(toHex(tree.root())).toBe(root);
    const stored = tree.hashes();
    const resumed = new MerkleFrontier(7n, stored);
    stored[0].fill(0);
    expect(toHex(resumed.root())).toBe(root);
  });

  it('rejects a frontier that does not fit its size', () => {
    const hashes = frontier(6n).map(nodeHashOf);
    expect(() => new MerkleFrontier(6n, hashes.slice(1))).toThrow(RangeError);
    expect(() => new MerkleFrontier(6n, [...hashes, LEAVES[0]])).toThrow(RangeError);
    expect(() => new MerkleFrontier(6n, [hashes[0], new Uint8Array(31)])).toThrow(TypeError);
    expect(() => new MerkleFrontier(6 as unknown as bigint, hashes)).toThrow(TypeError);
    expect(() => new MerkleFrontier(-1n, [])).toThrow(RangeError);
  });

  it('rejects a bad batch as a whole, leaving the tree unchanged', () => {
    const tree = new MerkleFrontier();
    tree.append(LEAVES.slice(0, 5));
    const root = toHex(tree.root());
    expect(() => tree.append([LEAVES[5], new Uint8Array(33), LEAVES[6]])).toThrow(TypeError);
    expect(() => tree.append([LEAVES[5], 'x' as unknown as Uint8Array])).toThrow(TypeError);
    expect(() => tree.append('x' as unknown as Uint8Array[])).toThrow(TypeError);
    expect(tree.size).toBe(5n);
    expect(toHex(tree.root())).toBe(root);
  });

  it('refuses to grow past 2^64 - 1 leaves', () => {
    const full = new MerkleFrontier(
      MAX_TREE_SIZE,
      frontier(MAX_TREE_SIZE).map(() => LEAVES[0]),
    );
    expect(() => full.append([LEAVES[1]])).toThrow(RangeError);
    expect(full.append([])).toEqual([]);
  });

  it('benchmark: appends 10,000 leaves (timing logged, not asserted)', () => {
    const leaves = Array.from({ length: 10_000 }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8)));
    const timings = (batch: number) => {
      const runs: number[] = [];
      for (let run = 0; run < 7; run++) {
        const tree = new MerkleFrontier();
        const started = performance.now();
        for (let at = 0; at < leaves.length; at += batch) tree.append(leaves.slice(at, at + batch));
        tree.root();
        runs.push(performance.now() - started);
      }
      runs.sort((a, b) => a - b);
      return `min ${runs[0].toFixed(2)} ms, median ${runs[3].toFixed(2)} ms`;
    };
    const oneBatch = timings(10_000);
    const batchesOf100 = timings(100);
    console.log(`MerkleFrontier.append, 10,000 leaves: one batch ${oneBatch}; batches of 100 ${batchesOf100}`);
  });
});
