// What the page does when the auditor presses Verify, without the DOM: parse the pasted text as a
// v1 or story bundle with the library's strict parsers, run the library's checks, read the anchor
// through the RPC the auditor typed, and describe each entry as the CLI's timeline does.
// Kept apart from the page script so it runs (and is tested) in Node as well as in the browser.
import {
  parseBundle,
  type ProofBundle,
  bundleVerified,
  verifyBundle,
  verifyBundleOffline,
  type AnchorReader,
  type BundleCheck,
  keyLabel,
  parseCheckpointNote,
  parseVerifierKey,
  parseStoryBundle,
  STORY_BUNDLE_FORMAT,
  type StoryBundle,
  storyLine,
} from '#sigillo/ledger/core';
import { RpcAnchorReader } from './rpc-anchor-reader.js';

export const DEFAULT_RPC_URL = 'http://127.0.0.1:8545';

export interface AuditRequest {
  /** The pasted or dropped bundle, JSON text. */
  text: string;
  /** Chain JSON-RPC endpoint; empty: the chain check is reported as not done (and fails). */
  rpcUrl: string;
  /** The log's verifier key as the auditor knows it; empty: the bundle's own key. */
  verifierKey: string;
}

export interface AuditedEntry {
  seq: number;
  /** occurredAt of the entry, as recorded ('?' when the entry is unreadable). */
  time: string;
  type: string;
  /** The non-personal facts of the CLI timeline line: event type, decision, template, status, error code, wamid. */
  facts: string;
  /** The CLI's timeline line for this entry. */
  line: string;
  ok: boolean;
  /** entry, leaf, checkpoint-signature, inclusion, consistency, chain: in that order. */
  checks: BundleCheck[];
}

export interface AuditReport {
  ok: boolean;
  /** One line: the CLI's "OK …" summary, or how many entries failed. */
  summary: string;
  kind: 'entry' | 'story';
  subject?: StoryBundle['subject'];
  checkpoint?: { origin: string; treeSize: bigint };
  anchor: ProofBundle['anchor'];
  key: { label: string; source: 'auditor' | 'bundle' } | { label: null; source: 'auditor' | 'bundle' };
  rpcUrl: string | null;
  chain: BundleCheck;
  entries: AuditedEntry[];
}

export type AuditOutcome = { ok: false; error: string } | { ok: true; report: AuditReport };

export interface AuditDeps {
  /** Opens the chain reader for a URL; throws (one line) on an unusable URL. */
  connect(url: string): AnchorReader;
}

const defaultDeps: AuditDeps = { connect: (url) => new RpcAnchorReader(url) };

/** Never throws: unusable input is `{ ok: false, error }`, a failing check is a report with ok false. */
export async function auditBundleText(request: AuditRequest, deps: AuditDeps = defaultDeps): Promise<AuditOutcome> {
  try {
    return await audit(request, deps);
  } catch (e) {
    return { ok: false, error: `unexpected error: ${oneLine(e)}` };
  }
}

async function audit(request: AuditRequest, deps: AuditDeps): Promise<AuditOutcome> {
  const text = request.text.trim();
  if (text === '') return { ok: false, error: 'Paste a proof bundle (JSON) or drop a bundle file first.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The input is not JSON: ${oneLine(e)}` };
  }
  let story: StoryBundle | undefined;
  let bundles: ProofBundle[];
  try {
    if ((json as { format?: unknown } | null)?.format === STORY_BUNDLE_FORMAT) ({ story, bundles } = parseStoryBundle(json));
    else bundles = [parseBundle(json)];
  } catch (e) {
    return { ok: false, error: `This is not a valid proof bundle: ${oneLine(e)}` };
  }

  const pinned = request.verifierKey.trim() === '' ? undefined : request.verifierKey.trim();
  if (pinned !== undefined) {
    try {
      parseVerifierKey(pinned);
    } catch (e) {
      return { ok: false, error: `The verifier key is not usable: ${oneLine(e)}` };
    }
  }
  const rpcUrl = request.rpcUrl.trim() === '' ? null : request.rpcUrl.trim();
  let chain: AnchorReader | undefined;
  if (rpcUrl !== null) {
    try {
      chain = deps.connect(rpcUrl);
    } catch (e) {
      return { ok: false, error: `The RPC URL is not usable: ${oneLine(e)}` };
    }
  }

  // The entries of a story share checkpoint and anchor: the chain is read once, and its verdict
  // belongs to every entry (an entry whose anchor is not on chain is not proven).
  const first = await verifyBundle(bundles[0], { chain, verifierKey: pinned });
  const chainCheck: BundleCheck = first.find((c) => c.check === 'chain') ?? {
    check: 'chain',
    ok: false,
    message: 'chain not checked: no RPC URL given, so nothing ties this checkpoint to the anchor on chain',
  };
  const entries = bundles.map((bundle, i) => {
    const offline = i === 0 ? first.filter((c) => c.check !== 'chain') : verifyBundleOffline(bundle, pinned);
    const checks = [...offline, chainCheck];
    return { ...describeEntry(bundle), ok: bundleVerified(checks), checks };
  });
  const ok = entries.every((e) => e.ok);

  const shared = bundles[0];
  let checkpoint: AuditReport['checkpoint'];
  try {
    const { origin, treeSize } = parseCheckpointNote(shared.checkpoint.note);
    checkpoint = { origin, treeSize };
  } catch {
    // the checkpoint-signature check says why
  }
  let label: string | null = null;
  try {
    label = keyLabel(parseVerifierKey(pinned ?? shared.checkpoint.verifierKey));
  } catch {
    // the checkpoint-signature check says why
  }
  const report: AuditReport = {
    ok,
    summary: ok ? okSummary(shared, entries, story) : failSummary(entries),
    kind: story ? 'story' : 'entry',
    subject: story?.subject,
    checkpoint,
    anchor: shared.anchor,
    key: { label, source: pinned === undefined ? 'bundle' : 'auditor' },
    rpcUrl,
    chain: chainCheck,
    entries,
  };
  return { ok: true, report };
}

/** The CLI's timeline line, split into its columns (the facts are exactly the CLI's). */
function describeEntry(bundle: ProofBundle): Omit<AuditedEntry, 'ok' | 'checks'> {
  let entry: { type?: unknown; occurredAt?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(bundle.entry.canonical);
    if (parsed !== null && typeof parsed === 'object') entry = parsed as typeof entry;
  } catch {
    // a malformed entry still gets its row; its failed check says why
  }
  const line = storyLine(bundle);
  const time = typeof entry.occurredAt === 'string' ? entry.occurredAt : '?';
  const type = typeof entry.type === 'string' ? entry.type : '?';
  // storyLine: `seq N  <occurredAt>  <type padded to 20> <facts>`.
  const prefix = `seq ${bundle.leafIndex}  ${time}  ${type.padEnd(20)} `;
  const facts = line.startsWith(prefix) ? line.slice(prefix.length) : '';
  return { seq: bundle.leafIndex, time, type, facts, line };
}

// The CLI's success lines (apps/cli/src/verify.command.ts), word for word.
function okSummary(bundle: ProofBundle, entries: AuditedEntry[], story: StoryBundle | undefined): string {
  const { origin, treeSize } = parseCheckpointNote(bundle.checkpoint.note);
  const a = bundle.anchor;
  const where = `in checkpoint ${treeSize} of ${origin}, anchored at tree size ${a.treeSize} in block ${a.blockNumber} tx ${a.txHash} on chain ${a.chainId}, contract ${a.contract}`;
  if (story) return `OK ${entries.length} entries of ${story.subject.kind} ${story.subject.id} are ${where}`;
  return `OK entry ${bundle.entry.seq} (${entries[0].type}) is ${where}`;
}

function failSummary(entries: AuditedEntry[]): string {
  const failed = entries.filter((e) => !e.ok);
  const names = [...new Set(failed.flatMap((e) => e.checks.filter((c) => !c.ok).map((c) => c.check)))];
  const which = entries.length === 1 ? 'the entry' : `${failed.length} of ${entries.length} entries`;
  return `NOT VERIFIED: ${which} failed (${names.join(', ')})`;
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}
