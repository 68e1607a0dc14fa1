import { createHash } from 'node:crypto';
import { fromHex, toHex } from './bytes.js';
import { EMPTY_ROOT } from './hash.js';
import { consistencyProof, inclusionProof, leafHash, rootHash, verifyConsistency, verifyInclusion } from './merkle.js';

// Known-answer vectors for the 8-leaf reference tree of Certificate Transparency:
// github.com/google/certificate-transparency cpp/merkletree/merkle_tree_test.cc
// (kInputs, kSHA256Roots, kSHA256Paths, kSHA256Proofs; read at commit 0e901cac),
// repeated in github.com/transparency-dev/merkle proof/verify_test.go (leaves,
// roots, inclusionProofs, consistencyProofs; read at commit 02194e9a).
// Those tables number leaves from 1; the indexes below are 0-based.
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => fromHex(hex));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const EMPTY_TREE = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const INCLUSION_VECTORS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY_VECTORS: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const REFERENCE_LEAVES = INPUTS.map(leafHash);
const hexes = (hashes: Uint8Array[]) => hashes.map(toHex);

// Straight transcriptions of the recursive RFC 9162 §2.1 definitions, hashing
// with node:crypto directly, to check the plan-based implementation against.
const refNode = (l: Uint8Array, r: Uint8Array) => new Uint8Array(createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest());
const refSplit = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
// Memoized by (first leaf, length) only to keep the exhaustive tests fast.
const refMemo = new Map<Uint8Array, Map<number, Uint8Array>>();
const refMth = (d: Uint8Array[]): Uint8Array => {
  if (d.length === 0) return new Uint8Array(createHash('sha256').digest());
  if (d.length === 1) return d[0];
  const byLength = refMemo.get(d[0]) ?? refMemo.set(d[0], new Map()).get(d[0])!;
  let mth = byLength.get(d.length);
  if (mth === undefined) {
    const k = refSplit(d.length);
    mth = refNode(refMth(d.slice(0, k)), refMth(d.slice(k)));
    byLength.set(d.length, mth);
  }
  return mth;
};
const refPath = (m: number, d: Uint8Array[]): Uint8Array[] => {
  if (d.length <= 1) return [];
  const k = refSplit(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))] : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
};
const refSubproof = (m: number, d: Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refSplit(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
};

const MAX = 64;
// Like the CT reference tests: leaf i holds the single byte i.
const LEAVES = Array.from({ length: MAX }, (_, i) => leafHash(Uint8Array.of(i)));
const ROOT_OF = [EMPTY_ROOT, ...LEAVES.map((_, i) => rootHash(LEAVES.slice(0, i + 1)))];
// PATHS[n][i] = inclusionProof(i, first n leaves); PROOFS[n][m] = consistencyProof(m, first n leaves).
const PATHS = ROOT_OF.map((_, n) => LEAVES.slice(0, n).map((_, i) => inclusionProof(i, LEAVES.slice(0, n))));
const PROOFS = ROOT_OF.map((_, n) => ROOT_OF.map((_, m) => (m >= 1 && m <= n ? consistencyProof(m, LEAVES.slice(0, n)) : [])));

/** Runs probes that must all be rejected; lists the ones that were accepted, for a readable failure. */
const acceptedOf = (probes: [string, boolean][]) => probes.filter(([, accepted]) => accepted).map(([desc]) => desc);

const flipBit = (hash: Uint8Array, bit: number) => {
  const copy = hash.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};
const replaced = (list: Uint8Array[], i: number, value: Uint8Array) => list.map((h, j) => (j === i ? value : h));
const SOME_HASH = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('leafHash and rootHash (RFC 6962 reference tree)', () => {
  it('hashes leaves as SHA-256(0x00 || data)', () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(ROOTS[0]);
    expect(leafHash(INPUTS[3])).toEqual(
      new Uint8Array(
        createHash('sha256')
          .update(Uint8Array.of(0, 0x20, 0x21))
          .digest(),
      ),
    );
  });

  it('gives SHA-256("") for the empty tree, as a copy', () => {
    const empty = rootHash([]);
    expect(toHex(empty)).toBe(EMPTY_TREE);
    empty[0] ^= 1;
    expect(toHex(rootHash([]))).toBe(EMPTY_TREE);
    expect(toHex(EMPTY_ROOT)).toBe(EMPTY_TREE);
  });

  it('matches the known roots for sizes 1..8', () => {
    for (let n = 1; n <= 8; n++) expect(toHex(rootHash(REFERENCE_LEAVES.slice(0, n)))).toBe(ROOTS[n - 1]);
  });

  it('matches the recursive MTH definition for sizes 0..64', () => {
    expect(hexes(ROOT_OF)).toEqual(ROOT_OF.map((_, n) => toHex(refMth(LEAVES.slice(0, n)))));
  });

  it('never aliases a leaf as the root of a one-leaf tree', () => {
    const leaves = [LEAVES[0].slice()];
    const root = rootHash(leaves);
    root[0] ^= 1;
    expect(leaves[0]).toEqual(LEAVES[0]);
  });

  it('returns plain Uint8Arrays', () => {
    expect(Object.getPrototypeOf(rootHash(LEAVES.slice(0, 5)))).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(leafHash(INPUTS[1]))).toBe(Uint8Array.prototype);
  });

  it('rejects leaf lists that are not arrays of 32-byte hashes', () => {
    expect(() => rootHash([LEAVES[0], new Uint8Array(31)])).toThrow(TypeError);
    expect(() => rootHash('nope' as unknown as Uint8Array[])).toThrow(TypeError);
  });
});

describe('inclusion proofs', () => {
  it.each(INCLUSION_VECTORS)('reproduces and verifies the reference proof for leaf $index of $size', (v) => {
    const leaves = REFERENCE_LEAVES.slice(0, v.size);
    const proof = inclusionProof(v.index, leaves);
    expect(hexes(proof)).toEqual(v.proof);
    expect(verifyInclusion(v.index, v.size, leaves[v.index], proof, fromHex(ROOTS[v.size - 1]))).toBe(true);
  });

  it('equal the recursive PATH definition and round-trip for every index of every size 1..64', () => {
    const failures: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const leaves = LEAVES.slice(0, n);
      for (let i = 0; i < n; i++) {
        const proof = PATHS[n][i];
        if (hexes(proof).join() !== hexes(refPath(i, leaves)).join()) failures.push(`PATH(${i}, ${n})`);
        if (!verifyInclusion(i, n, leaves[i], proof, ROOT_OF[n])) failures.push(`verify(${i}, ${n})`);
        if (!verifyInclusion(BigInt(i), BigInt(n), leaves[i], proof, ROOT_OF[n])) failures.push(`verify(${i}n, ${n}n)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects corrupted probes for every index of every size 1..64', () => {
    const accepted: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const root = ROOT_OF[n];
      for (let i = 0; i < n; i++) {
        const leaf = LEAVES[i];
        const proof = PATHS[n][i];
        const v = (index: number, size: number, l: Uint8Array, p: Uint8Array[], r: Uint8Array) => verifyInclusion(index, size, l, p, r);
        // The probes of the reference verifier tests (CT merkle_tree_test.cc, transparency-dev verify_test.go).
        const probes: [string, boolean][] = [
          ['index - 1', v(i - 1, n, leaf, proof, root)],
          ['index + 1', v(i + 1, n, leaf, proof, root)],
          ['index ^ 2', v(i ^ 2, n, leaf, proof, root)],
          ['size * 2', v(i, n * 2, leaf, proof, root)],
          ['size / 2', v(i, Math.floor(n / 2), leaf, proof, root)],
          ['wrong leaf', v(i, n, LEAVES[(i + 1) % MAX], proof, root)],
          ['empty root', v(i, n, leaf, proof, EMPTY_ROOT)],
          ['random root', v(i, n, leaf, proof, SOME_HASH)],
          ['trailing root', v(i, n, leaf, [...proof, root], root)],
          ['trailing hash', v(i, n, leaf, [...proof, SOME_HASH], root)],
          ['trailing empty', v(i, n, leaf, [...proof, new Uint8Array(0)], root)],
          ['preceding root', v(i, n, leaf, [root, ...proof], root)],
          ['preceding empty', v(i, n, leaf, [new Uint8Array(0), ...proof], root)],
        ];
        if (proof.length > 0) {
          probes.push(['last dropped', v(i, n, leaf, proof.slice(0, -1), root)]);
          probes.push(['empty proof', v(i, n, leaf, [], root)]);
        }
        if (proof.length > 1) {
          probes.push(['inserted hash', v(i, n, leaf, [proof[0], SOME_HASH, ...proof.slice(1)], root)]);
          probes.push(['reversed', v(i, n, leaf, [...proof].reverse(), root)]);
        }
        // One bit per hash, at a position that moves with i and n.
        const bit = (i * 37 + n * 11) % 256;
        probes.push(['leaf bit', v(i, n, flipBit(leaf, bit), proof, root)]);
        probes.push(['root bit', v(i, n, leaf, proof, flipBit(root, bit))]);
        proof.forEach((h, j) => probes.push([`proof[${j}] bit`, v(i, n, leaf, replaced(proof, j, flipBit(h, bit)), root)]));
        accepted.push(...acceptedOf(probes).map((desc) => `${desc} (index ${i}, size ${n})`));
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects every single-bit change of leaf, proof and root (sizes 8, 13 and 64)', () => {
    const accepted: string[] = [];
    for (const n of [8, 13, 64]) {
      const root = ROOT_OF[n];
      for (let i = 0; i < n; i += n === 64 ? 9 : 1) {
        const leaf = LEAVES[i];
        const proof = PATHS[n][i];
        for (let bit = 0; bit < 256; bit++) {
          const probes: [string, boolean][] = [
            ['leaf', verifyInclusion(i, n, flipBit(leaf, bit), proof, root)],
            ['root', verifyInclusion(i, n, leaf, proof, flipBit(root, bit))],
          ];
          proof.forEach((h, j) => probes.push([`proof[${j}]`, verifyInclusion(i, n, leaf, replaced(proof, j, flipBit(h, bit)), root)]));
          accepted.push(...acceptedOf(probes).map((desc) => `${desc} bit ${bit} (index ${i}, size ${n})`));
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('checks the shape of the path; the tree size is bound by the signed tree head, not by the proof', () => {
    // Leaf 0 has three left-turns in trees of 5..8 leaves, so the path alone cannot
    // tell these sizes apart: callers must take size and root from the same checkpoint.
    const proof = inclusionProof(0, LEAVES.slice(0, 5));
    expect(verifyInclusion(0, 6, LEAVES[0], proof, ROOT_OF[5])).toBe(true);
    expect(verifyInclusion(0, 6, LEAVES[0], inclusionProof(0, LEAVES.slice(0, 6)), ROOT_OF[5])).toBe(false);
  });

  it('throws RangeError for an index outside the tree', () => {
    const leaves = LEAVES.slice(0, 8);
    expect(() => inclusionProof(8, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(8n, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(-1, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(-1n, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(1.5, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(Number.NaN, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(0, [])).toThrow(RangeError);
    expect(() => inclusionProof('1' as unknown as number, leaves)).toThrow(TypeError);
    expect(inclusionProof(7n, leaves)).toEqual(inclusionProof(7, leaves));
  });
});

describe('consistency proofs', () => {
  it.each(CONSISTENCY_VECTORS)('reproduces and verifies the reference proof $oldSize -> $newSize', (v) => {
    const proof = consistencyProof(v.oldSize, REFERENCE_LEAVES.slice(0, v.newSize));
    expect(hexes(proof)).toEqual(v.proof);
    const oldRoot = fromHex(ROOTS[v.oldSize - 1]);
    const newRoot = fromHex(ROOTS[v.newSize - 1]);
    expect(verifyConsistency(v.oldSize, v.newSize, oldRoot, newRoot, proof)).toBe(true);
  });

  it('equal the recursive PROOF definition and round-trip for every 1 <= m <= n <= 64', () => {
    const failures: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      const leaves = LEAVES.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = PROOFS[n][m];
        if (hexes(proof).join() !== hexes(refSubproof(m, leaves, true)).join()) failures.push(`PROOF(${m}, ${n})`);
        if (!verifyConsistency(m, n, ROOT_OF[m], ROOT_OF[n], proof)) failures.push(`verify(${m}, ${n})`);
        if (!verifyConsistency(BigInt(m), BigInt(n), ROOT_OF[m], ROOT_OF[n], proof)) failures.push(`verify(${m}n, ${n}n)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects corrupted probes for every 1 <= m < n <= 64', () => {
    const accepted: string[] = [];
    for (let n = 2; n <= MAX; n++) {
      for (let m = 1; m < n; m++) {
        const [r1, r2] = [ROOT_OF[m], ROOT_OF[n]];
        const proof = PROOFS[n][m];
        const v = verifyConsistency;
        const probes: [string, boolean][] = [
          ['oldSize - 1', v(m - 1, n, r1, r2, proof)],
          ['oldSize + 1', v(m + 1, n, r1, r2, proof)],
          ['oldSize ^ 2', v(m ^ 2, n, r1, r2, proof)],
          ['newSize * 2', v(m, n * 2, r1, r2, proof)],
          ['newSize / 2', v(m, Math.floor(n / 2), r1, r2, proof)],
          ['wrong old root', v(m, n, SOME_HASH, r2, proof)],
          ['wrong new root', v(m, n, r1, SOME_HASH, proof)],
          ['swapped roots', v(m, n, r2, r1, proof)],
          ['empty proof', v(m, n, r1, r2, [])],
          ['last dropped', v(m, n, r1, r2, proof.slice(0, -1))],
          ['trailing old root', v(m, n, r1, r2, [...proof, r1])],
          ['trailing new root', v(m, n, r1, r2, [...proof, r2])],
          ['last repeated', v(m, n, r1, r2, [...proof, proof[proof.length - 1]])],
          ['trailing empty', v(m, n, r1, r2, [...proof, new Uint8Array(0)])],
          ['preceding old root', v(m, n, r1, r2, [r1, ...proof])],
          ['preceding new root', v(m, n, r1, r2, [r2, ...proof])],
          ['first repeated', v(m, n, r1, r2, [proof[0], ...proof])],
          ['preceding empty', v(m, n, r1, r2, [new Uint8Array(0), ...proof])],
        ];
        const bit = (m * 29 + n * 13) % 256;
        probes.push(['old root bit', v(m, n, flipBit(r1, bit), r2, proof)]);
        probes.push(['new root bit', v(m, n, r1, flipBit(r2, bit), proof)]);
        proof.forEach((h, j) => probes.push([`proof[${j}] bit`, v(m, n, r1, r2, replaced(proof, j, flipBit(h, bit)))]));
        accepted.push(...acceptedOf(probes).map((desc) => `${desc} (${m} -> ${n})`));
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects every single-bit change of the proof and both roots (n = 13, 64)', () => {
    const accepted: string[] = [];
    for (const n of [13, 64]) {
      for (let m = 1; m < n; m += n === 64 ? 7 : 1) {
        const [r1, r2] = [ROOT_OF[m], ROOT_OF[n]];
        const proof = PROOFS[n][m];
        for (let bit = 0; bit < 256; bit++) {
          const probes: [string, boolean][] = [
            ['old root', verifyConsistency(m, n, flipBit(r1, bit), r2, proof)],
            ['new root', verifyConsistency(m, n, r1, flipBit(r2, bit), proof)],
          ];
          proof.forEach((h, j) => probes.push([`proof[${j}]`, verifyConsistency(m, n, r1, r2, replaced(proof, j, flipBit(h, bit)))]));
          accepted.push(...acceptedOf(probes).map((desc) => `${desc} bit ${bit} (${m} -> ${n})`));
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('needs an empty proof and equal roots when the sizes are equal', () => {
    expect(verifyConsistency(5, 5, ROOT_OF[5], ROOT_OF[5], [])).toBe(true);
    expect(verifyConsistency(5, 5, ROOT_OF[5], ROOT_OF[4], [])).toBe(false);
    expect(verifyConsistency(5, 5, ROOT_OF[5], ROOT_OF[5], [ROOT_OF[5]])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])).toBe(false);
    expect(consistencyProof(5, LEAVES.slice(0, 5))).toEqual([]);
  });

  it('never verifies from an old size of 0', () => {
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, ROOT_OF[1], [])).toBe(false);
    expect(verifyConsistency(0n, 4n, EMPTY_ROOT, ROOT_OF[4], [ROOT_OF[4]])).toBe(false);
  });

  it('throws RangeError unless 0 < oldSize <= newSize', () => {
    const leaves = LEAVES.slice(0, 8);
    expect(() => consistencyProof(0, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(9, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(9n, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(-3, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(2.5, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(1, [])).toThrow(RangeError);
    expect(() => consistencyProof(null as unknown as number, leaves)).toThrow(TypeError);
    expect(consistencyProof(3n, leaves)).toEqual(consistencyProof(3, leaves));
  });
});

describe('verifiers on malformed input', () => {
  const n = 13;
  const i = 6;
  const leaf = LEAVES[i];
  const root = ROOT_OF[n];
  const proof = inclusionProof(i, LEAVES.slice(0, n));
  const [m, r1] = [5, ROOT_OF[5]];
  const cproof = consistencyProof(m, LEAVES.slice(0, n));
  const hostile = new Proxy([...proof], {
    get(target, key, receiver) {
      if (key === '1') throw new Error('boom');
      return Reflect.get(target, key, receiver);
    },
  });
  const badNumbers: unknown[] = [
    -1,
    -1n,
    Number.NaN,
    2.5,
    Infinity,
    -Infinity,
    2 ** 53,
    '6',
    null,
    undefined,
    {},
    [6],
    true,
    Symbol('x'),
    2n ** 64n,
    2n ** 70n,
  ];
  const badHashes: unknown[] = [
    new Uint8Array(31),
    new Uint8Array(33),
    new Uint8Array(0),
    toHex(leaf),
    Array.from(leaf),
    leaf.buffer,
    new Uint16Array(16),
    new DataView(new ArrayBuffer(32)),
    null,
    undefined,
    42,
    {},
  ];
  const badProofs: unknown[] = [
    null,
    undefined,
    'proof',
    7,
    {},
    { length: proof.length, 0: proof[0] },
    proof[0],
    new Set(proof),
    [...proof.slice(0, 2), new Uint8Array(31), ...proof.slice(3)],
    [...proof.slice(0, 2), new Uint8Array(33), ...proof.slice(3)],
    [...proof.slice(0, 2), toHex(proof[2]), ...proof.slice(3)],
    // A hole where a hash should be.
    Object.assign(new Array(proof.length), { 0: proof[0] }),
    hostile,
  ];
  const cast = <T>(x: unknown) => x as T;

  it('the well-formed baseline verifies, with numbers, bigints and mixes', () => {
    expect(verifyInclusion(i, n, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(BigInt(i), n, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(i, BigInt(n), leaf, proof, root)).toBe(true);
    expect(
      verifyInclusion(
        i,
        n,
        Buffer.from(leaf),
        proof.map((h) => Buffer.from(h)),
        Buffer.from(root),
      ),
    ).toBe(true);
    expect(verifyConsistency(m, n, r1, root, cproof)).toBe(true);
    expect(verifyConsistency(BigInt(m), n, r1, root, cproof)).toBe(true);
    expect(verifyConsistency(m, BigInt(n), r1, root, cproof)).toBe(true);
  });

  it('returns false without throwing for bad indexes and sizes', () => {
    for (const bad of badNumbers) {
      expect(verifyInclusion(cast(bad), n, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(i, cast(bad), leaf, proof, root)).toBe(false);
      expect(verifyConsistency(cast(bad), n, r1, root, cproof)).toBe(false);
      expect(verifyConsistency(m, cast(bad), r1, root, cproof)).toBe(false);
    }
    expect(verifyInclusion(n, n, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(n + 5, n, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(0, 0, leaf, [], leaf)).toBe(false);
    expect(verifyConsistency(n, m, root, r1, cproof)).toBe(false);
    expect(verifyConsistency(n, m, r1, root, cproof)).toBe(false);
  });

  it('returns false without throwing for bad hashes', () => {
    for (const bad of badHashes) {
      expect(verifyInclusion(i, n, cast(bad), proof, root)).toBe(false);
      expect(verifyInclusion(i, n, leaf, proof, cast(bad))).toBe(false);
      expect(verifyConsistency(m, n, cast(bad), root, cproof)).toBe(false);
      expect(verifyConsistency(m, n, r1, cast(bad), cproof)).toBe(false);
      expect(verifyConsistency(m, m, cast(bad), cast(bad), [])).toBe(false);
    }
  });

  it('returns false without throwing for bad proofs', () => {
    for (const bad of badProofs) {
      expect(verifyInclusion(i, n, leaf, cast(bad), root)).toBe(false);
      expect(verifyConsistency(m, n, r1, root, cast(bad))).toBe(false);
    }
  });

  it('handles sizes beyond 2^53 as bigints and never throws on huge ones', () => {
    const big = 2n ** 60n;
    const left = SOME_HASH; // stands in for MTH of the first 2^60 leaves
    const bigRoot = refNode(left, leaf);
    // The last leaf of a 2^60 + 1 tree is proven by the root of the other 2^60 leaves alone.
    expect(verifyInclusion(big, big + 1n, leaf, [left], bigRoot)).toBe(true);
    expect(verifyInclusion(big - 1n, big + 1n, leaf, [left], bigRoot)).toBe(false);
    expect(verifyInclusion(big, big + 2n, leaf, [left], bigRoot)).toBe(false);
    // An old tree of 2^60 leaves is a node of the new tree, so the proof is the new leaf only.
    expect(verifyConsistency(big, big + 1n, left, bigRoot, [leaf])).toBe(true);
    expect(verifyConsistency(big, 2n * big + 1n, left, bigRoot, [leaf])).toBe(false);
    expect(verifyConsistency(big + 1n, big + 2n, left, bigRoot, [leaf])).toBe(false);
    expect(verifyInclusion(0n, 2n ** 64n - 1n, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(2n ** 64n - 2n, 2n ** 64n - 1n, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(0, 2n ** 64n, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(i, Number.MAX_SAFE_INTEGER, leaf, proof, root)).toBe(false);
    expect(verifyConsistency(1n, 2n ** 64n - 1n, r1, root, cproof)).toBe(false);
    expect(verifyConsistency(2n ** 63n, 2n ** 64n - 1n, r1, root, cproof)).toBe(false);
  });
});
