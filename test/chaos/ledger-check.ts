import type pg from 'pg';
import { equalBytes, toHex, nodeHash, verifyConsistency, consistencyPlan, foldRange, rangeNodes } from '#sigillo/ledger';

/**
 * Every checkpoint against the one before, with RFC 9162 consistency proofs computed here from the
 * stored leaves (not from the service's stored nodes), and the root of the final size. The audit
 * CLI re-derives the leaves themselves from the entries.
 */
export async function checkCheckpointChain(db: pg.Pool): Promise<{ checkpoints: number; finalSize: bigint; finalRoot: Uint8Array | null; findings: string[] }> {
  const findings: string[] = [];
  const { rows: leafRows } = await db.query<{ leaf: Buffer }>('SELECT leaf_hash AS leaf FROM ledger_entries WHERE seq IS NOT NULL ORDER BY seq');
  const levels: Uint8Array[][] = [leafRows.map((r) => new Uint8Array(r.leaf))];
  while (levels.at(-1)!.length > 1) {
    const below = levels.at(-1)!;
    const above: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) above.push(nodeHash(below[i], below[i + 1]));
    levels.push(above);
  }
  const rangeHash = (start: bigint, end: bigint) => foldRange(rangeNodes({ start, end }).map((k) => levels[k.level][Number(k.index)]));

  const { rows } = await db.query<{ size: string; root: Buffer }>('SELECT tree_size::text AS size, root FROM checkpoints ORDER BY tree_size');
  const checkpoints = rows.map((r) => ({ size: BigInt(r.size), root: new Uint8Array(r.root) }));
  const leaves = BigInt(levels[0].length);
  let previous: { size: bigint; root: Uint8Array } | null = null;
  for (const c of checkpoints) {
    if (c.size > leaves) {
      findings.push(`checkpoint ${c.size}: larger than the sequenced log (${leaves})`);
      continue;
    }
    if (!equalBytes(rangeHash(0n, c.size), c.root)) findings.push(`checkpoint ${c.size}: its root is not the root of the log's first ${c.size} entries`);
    if (previous) {
      const proof = consistencyPlan(previous.size, c.size).map((r) => rangeHash(r.start, r.end));
      if (!verifyConsistency(previous.size, c.size, previous.root, c.root, proof)) {
        findings.push(`checkpoint ${c.size} is not consistent with checkpoint ${previous.size} (${toHex(previous.root)})`);
      }
    }
    previous = c;
  }
  return { checkpoints: checkpoints.length, finalSize: leaves, finalRoot: leaves > 0n ? rangeHash(0n, leaves) : null, findings };
}
