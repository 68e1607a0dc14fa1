import type { AnchorReader } from '../bundle-verify.js';
import { equalBytes, toHex } from '../bytes.js';
import { parseCheckpointNote, verifyCheckpointNote } from '../checkpoint.js';
import canonicalize from 'canonicalize';
import { entryLeafHash, ERASED_BODY, type JsonObject } from '../entry.js';
import { checkEntryBody, describeProblems } from '../entries/check.js';
import { MerkleFrontier, NewNode } from '../merkle-plan.js';
import type { AuditAnchor, AuditCheckpoint, AuditRow, AuditStore } from './audit-store.js';

export interface AuditFinding {
  /** Where: an entry seq, a checkpoint size or an anchor size. */
  subject: string;
  message: string;
}

export interface AuditReport {
  entries: bigint;
  checkpoints: number;
  anchors: number;
  findings: AuditFinding[];
  /**
   * Crypto-shredded entries, per subject.erased entry that recorded them (bySeq null: that entry
   * is not sequenced yet). Their content cannot be re-derived, by design; their stored leaves are
   * checked through the tree, the checkpoints and the anchors like any other.
   */
  erasures: { bySeq: bigint | null; entries: number }[];
}

export interface AuditProgress {
  (done: bigint, total: bigint): void;
}

/**
 * Re-derives the whole log from the stored rows and checks it against everything that commits to
 * it: the stored leaves and tree nodes, every signed checkpoint, and every anchor on chain. The
 * stored hashes are never trusted: each is recomputed from the entries themselves.
 */
export async function auditLog(store: AuditStore, opts: { contract: string; chain: AnchorReader; onProgress?: AuditProgress }): Promise<AuditReport> {
  const findings: AuditFinding[] = [];
  const total = await store.treeSize();
  const checkpoints = await store.checkpoints();
  const anchors = await store.confirmedAnchors(opts.contract);
  // Roots of the re-derived tree at every size something committed to.
  const wanted = new Set<bigint>([...checkpoints.map((c) => c.treeSize), ...anchors.map((a) => a.treeSize)]);
  const roots = new Map<bigint, Uint8Array>();

  const frontier = new MerkleFrontier();
  const erasures = new ErasureTally();
  let expected = 0n;
  for await (const batch of store.entries()) {
    const leaves: Uint8Array[] = [];
    for (const row of batch) {
      if (row.seq !== expected) {
        findings.push({ subject: `entry ${expected}`, message: `entry ${expected}: missing (the next stored entry is ${row.seq})` });
        return finish();
      }
      leaves.push(checkedLeaf(row, erasures, findings));
      expected++;
    }
    // Append leaf by leaf only where a root is wanted inside the batch; otherwise in one go.
    const nodes = appendRecordingRoots(frontier, leaves, wanted, roots);
    await compareStoredNodes(store, nodes, findings);
    opts.onProgress?.(frontier.size, total);
  }

  erasures.check(findings);
  checkCheckpoints(checkpoints, roots, findings);
  await checkAnchors(anchors, roots, opts, findings);
  return finish();

  function finish(): AuditReport {
    return { entries: expected, checkpoints: checkpoints.length, anchors: anchors.length, findings, erasures: erasures.summary() };
  }
}

/**
 * The leaf the tree is rebuilt from. A live entry's is re-derived from its content and salt; an
 * erased entry's content and salt are gone, so its stored leaf stands in, and the rebuilt nodes,
 * the signed checkpoints and the anchors on chain check that leaf instead.
 */
function checkedLeaf(row: AuditRow, erasures: ErasureTally, findings: AuditFinding[]): Uint8Array {
  if (row.type === 'subject.erased') erasures.recorded(row.seq, row.body);
  if (row.erased) {
    erasures.erased(row, findings);
    return row.leafHash;
  }
  if (row.salt === null) {
    findings.push({ subject: `entry ${row.seq}`, message: `entry ${row.seq}: its salt is missing but no erasure is recorded` });
    return row.leafHash;
  }
  const leaf = entryLeafHash(row, row.salt);
  if (!equalBytes(leaf, row.leafHash)) {
    findings.push({ subject: `entry ${row.seq}`, message: `entry ${row.seq}: stored content does not match its leaf` });
  }
  // Seq and dates are typed by the database; the body is held to its type's schema here.
  const problems = checkEntryBody(row.type, row.body);
  if (problems.length > 0) {
    findings.push({ subject: `entry ${row.seq}`, message: `entry ${row.seq} (${row.type}) does not match its schema: ${describeProblems(problems)}` });
  }
  return leaf;
}

/**
 * Erasures must be accounted for: every erased entry names the subject.erased entry that recorded
 * it, and that entry's (committed, anchored) body says how many entries it erased and their seq
 * range. Erasure cannot be undone, so an insider who blanks further entries to hide an edit changes
 * those counts and is reported.
 */
class ErasureTally {
  private readonly bySeq = new Map<string, { bySeq: bigint | null; count: number; first: bigint; last: bigint }>();
  private readonly records = new Map<bigint, JsonObject>();

  erased(row: AuditRow, findings: AuditFinding[]): void {
    const { erased } = row;
    if (!erased) return;
    if (row.salt !== null || !isErasedBody(row.body)) {
      findings.push({ subject: `entry ${row.seq}`, message: `entry ${row.seq}: marked erased but still holds its salt or content` });
    }
    if (erased.byType !== 'subject.erased') {
      findings.push({ subject: `entry ${row.seq}`, message: `entry ${row.seq}: erased without a subject.erased entry recording it` });
      return;
    }
    const key = erased.bySeq === null ? 'pending' : erased.bySeq.toString();
    const tally = this.bySeq.get(key);
    if (!tally) this.bySeq.set(key, { bySeq: erased.bySeq, count: 1, first: row.seq, last: row.seq });
    else {
      tally.count++;
      tally.last = row.seq;
    }
  }

  recorded(seq: bigint, body: JsonObject): void {
    this.records.set(seq, body);
  }

  check(findings: AuditFinding[]): void {
    for (const [seq, body] of this.records) {
      const tally = this.bySeq.get(seq.toString());
      const count = tally?.count ?? 0;
      const range = tally ? { first: Number(tally.first), last: Number(tally.last) } : null;
      const recordedRange = typeof body.firstSeq === 'number' ? { first: body.firstSeq, last: body.lastSeq } : null;
      if (body.erasedEntries !== count || (count > 0 && (range?.first !== recordedRange?.first || range?.last !== recordedRange?.last))) {
        findings.push({
          subject: `entry ${seq}`,
          message: `subject.erased at seq ${seq} records ${String(body.erasedEntries)} erased entries${recordedRange ? ` (${recordedRange.first}..${String(recordedRange.last)})` : ''}, the log holds ${count}${range ? ` (${range.first}..${range.last})` : ''}`,
        });
      }
    }
  }

  summary(): AuditReport['erasures'] {
    return [...this.bySeq.values()]
      .map((t) => ({ bySeq: t.bySeq, entries: t.count }))
      .sort((a, b) => (a.bySeq === null ? 1 : b.bySeq === null ? -1 : a.bySeq < b.bySeq ? -1 : 1));
  }
}

function isErasedBody(body: JsonObject): boolean {
  return canonicalize(body) === canonicalize(ERASED_BODY);
}

function appendRecordingRoots(frontier: MerkleFrontier, leaves: Uint8Array[], wanted: Set<bigint>, roots: Map<bigint, Uint8Array>): NewNode[] {
  const start = frontier.size;
  const end = start + BigInt(leaves.length);
  const cuts = [...wanted].filter((s) => s > start && s <= end).sort((a, b) => (a < b ? -1 : 1));
  const nodes: NewNode[] = [];
  let offset = start;
  for (const cut of cuts) {
    nodes.push(...frontier.append(leaves.slice(Number(offset - start), Number(cut - start))));
    roots.set(cut, frontier.root());
    offset = cut;
  }
  nodes.push(...frontier.append(leaves.slice(Number(offset - start))));
  return nodes;
}

/** A tampered stored node would make the api hand out proofs that do not verify. */
async function compareStoredNodes(store: AuditStore, nodes: NewNode[], findings: AuditFinding[]): Promise<void> {
  const byLevel = new Map<number, NewNode[]>();
  for (const n of nodes) if (n.level > 0) (byLevel.get(n.level) ?? byLevel.set(n.level, []).get(n.level)!).push(n);
  for (const [level, list] of byLevel) {
    const stored = await store.nodes(level, list[0].index, list[list.length - 1].index);
    for (const n of list) {
      const hash = stored.get(n.index);
      if (!hash || !equalBytes(hash, n.hash)) {
        const first = n.index << BigInt(level);
        const last = first + (1n << BigInt(level)) - 1n;
        findings.push({
          subject: `node ${level}/${n.index}`,
          message: `tree node over entries ${first}..${last}: ${hash ? 'stored hash does not match the entries' : 'missing'}`,
        });
      }
    }
  }
}

function checkCheckpoints(checkpoints: AuditCheckpoint[], roots: Map<bigint, Uint8Array>, findings: AuditFinding[]): void {
  for (const cp of checkpoints) {
    const subject = `checkpoint ${cp.treeSize}`;
    if (!verifyCheckpointNote(cp.note, cp.verifierKey)) {
      findings.push({ subject, message: `checkpoint at size ${cp.treeSize}: signature does not verify` });
      continue;
    }
    const parsed = parseCheckpointNote(cp.note);
    if (parsed.treeSize !== cp.treeSize || !equalBytes(parsed.root, cp.root)) {
      findings.push({ subject, message: `checkpoint at size ${cp.treeSize}: stored size or root differs from its signed note` });
    }
    const derived = roots.get(cp.treeSize);
    if (!derived) findings.push({ subject, message: `checkpoint at size ${cp.treeSize}: the log has fewer entries than it commits to` });
    else if (!equalBytes(derived, parsed.root)) {
      findings.push({ subject, message: `checkpoint at size ${cp.treeSize}: signed root does not match the entries` });
    }
  }
}

async function checkAnchors(
  anchors: AuditAnchor[],
  roots: Map<bigint, Uint8Array>,
  opts: { contract: string; chain: AnchorReader },
  findings: AuditFinding[],
): Promise<void> {
  for (const anchor of anchors) {
    const subject = `anchor ${anchor.treeSize}`;
    const derived = roots.get(anchor.treeSize);
    if (!derived || !equalBytes(derived, anchor.root)) {
      findings.push({ subject, message: `anchor at size ${anchor.treeSize}: recorded root does not match the entries` });
    }
    const onChain = await opts.chain.rootAt(opts.contract, anchor.treeSize);
    if (!onChain || onChain.every((b) => b === 0)) {
      findings.push({ subject, message: `anchor at size ${anchor.treeSize}: contract ${opts.contract} holds no root for that size` });
    } else if (!derived || !equalBytes(onChain, derived)) {
      findings.push({ subject, message: `anchor at size ${anchor.treeSize}: the chain holds ${toHex(onChain)}, not the entries' root` });
    }
  }
}
