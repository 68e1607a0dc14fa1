import type { AnchorReader } from '../bundle-verify.js';
import { generateSignerKey, signCheckpoint } from '../checkpoint.js';
import { entryLeafHash, ERASED_BODY, newSalts, type JsonObject, type LedgerEntryType } from '../entry.js';
import { EVENT_RECEIVED } from '../entries/event-received.js';
import { MerkleFrontier } from '../merkle-plan.js';
import { auditLog } from './audit.js';
import type { AuditAnchor, AuditCheckpoint, AuditRow, AuditStore } from './audit-store.js';

const KEYS = generateSignerKey('sigillo.test/audit');
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';

interface Log {
  rows: AuditRow[];
  nodes: Map<string, Uint8Array>;
  checkpoints: AuditCheckpoint[];
  anchors: AuditAnchor[];
  chain: AnchorReader;
}

/** A stored log of `size` entries, as the sequencer and the anchorer would have left it. */
function buildLog(size: number): Log {
  const salts = newSalts(size);
  const rows: AuditRow[] = Array.from({ length: size }, (_, i) => ({
    seq: BigInt(i),
    type: 'event.received' as LedgerEntryType,
    occurredAt: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, i)),
    recordedAt: new Date(Date.UTC(2026, 10, 21, 10, 0, 1, i)),
    body: { ...EVENT_RECEIVED.example, eventId: `evt-${i}`, recipient: { ...EVENT_RECEIVED.example.recipient, phone: `+39333${1_000_000 + i}` } } as JsonObject,
    salt: salts[i] as Uint8Array | null,
    leafHash: new Uint8Array(32),
    erased: null as AuditRow['erased'],
  }));
  return commit(rows);
}

/** Leaves, nodes, a checkpoint every 4 entries and at the end, the last one anchored. */
function commit(rows: AuditRow[]): Log {
  for (const row of rows) if (!row.erased && row.salt) row.leafHash = entryLeafHash(row, row.salt);
  const frontier = new MerkleFrontier();
  const nodes = new Map<string, Uint8Array>();
  const checkpoints: AuditCheckpoint[] = [];
  for (const row of rows) {
    for (const n of frontier.append([row.leafHash])) if (n.level > 0) nodes.set(`${n.level}/${n.index}`, n.hash);
    if (frontier.size % 4n === 0n || frontier.size === BigInt(rows.length)) {
      const note = signCheckpoint({ origin: 'sigillo.test/audit', treeSize: frontier.size, root: frontier.root() }, KEYS.signerKey);
      checkpoints.push({ treeSize: frontier.size, root: frontier.root(), note, verifierKey: KEYS.verifierKey });
    }
  }
  const anchored = checkpoints[checkpoints.length - 1];
  const anchors: AuditAnchor[] = [{ chainId: 31337n, contract: CONTRACT, treeSize: anchored.treeSize, root: anchored.root, txHash: `0x${'ab'.repeat(32)}` }];
  const chain: AnchorReader = {
    chainId: async () => 31337n,
    rootAt: async (_c, treeSize) => (treeSize === anchored.treeSize ? anchored.root : null),
    anchorTransaction: async () => null,
  };
  return { rows, nodes, checkpoints, anchors, chain };
}

function storeOf(log: Log): AuditStore {
  const fake = {
    treeSize: async () => BigInt(log.rows.length),
    entries: async function* () {
      yield log.rows.map((r) => ({ ...r }));
    },
    nodes: async (level: number, from: bigint, to: bigint) => {
      const out = new Map<bigint, Uint8Array>();
      for (let i = from; i <= to; i++) {
        const hash = log.nodes.get(`${level}/${i}`);
        if (hash) out.set(i, hash);
      }
      return out;
    },
    checkpoints: async () => log.checkpoints,
    confirmedAnchors: async () => log.anchors,
  };
  return fake as unknown as AuditStore;
}

/**
 * A log whose last entry is a subject.erased entry and whose entries `seqs` were then shredded as
 * ErasureRepository does it: salt and content gone, leaf hash (and so every node and root) kept.
 */
function erasedLog(size: number, seqs: number[]): Log {
  const log = buildLog(size);
  const marker = log.rows[size - 1];
  marker.type = 'subject.erased';
  marker.body = {
    tenantId: EVENT_RECEIVED.example.tenantId,
    subject: 'ab'.repeat(32),
    erasedEntries: seqs.length,
    firstSeq: Math.min(...seqs),
    lastSeq: Math.max(...seqs),
    redacted: {},
  };
  const committed = commit(log.rows);
  for (const s of seqs) shred(committed.rows[s], BigInt(size - 1));
  return committed;
}

function shred(row: AuditRow, bySeq: bigint | null, byType: string | null = 'subject.erased'): void {
  Object.assign(row, { salt: null, body: { ...ERASED_BODY }, erased: { byType, bySeq } });
}

async function audit(log: Log) {
  return auditLog(storeOf(log), { contract: CONTRACT, chain: log.chain });
}

describe('auditLog and entry schemas', () => {
  it('names the entry and every wrong field of a body that breaks its schema, though its leaf and tree are intact', async () => {
    const log = buildLog(11);
    log.rows[5].body = { ...log.rows[5].body, eventId: 5, surprise: true };
    const report = await audit(commit(log.rows));
    expect(report.findings).toEqual([
      {
        subject: 'entry 5',
        message: 'entry 5 (event.received) does not match its schema: /body/surprise is not a field of event.received; /body/eventId must be string',
      },
    ]);
  });

  it('names an entry of a type the log never writes', async () => {
    const log = buildLog(5);
    log.rows[2].type = 'message.sent' as LedgerEntryType;
    const report = await audit(commit(log.rows));
    expect(report.findings.map((f) => f.message)).toEqual([
      'entry 2 (message.sent) does not match its schema: /type "message.sent" is not an entry type of this log',
    ]);
  });

  it('holds each entry to its own version: v1 entries written before v2 existed pass, a v2 may name a BSUID, a v1 may not', async () => {
    const log = buildLog(6);
    const bsuid = (i: number) =>
      ({ ...EVENT_RECEIVED.example, eventId: `evt-${i}`, recipient: { ...EVENT_RECEIVED.example.recipient, phone: 'IT.1502576394655843' } }) as JsonObject;
    // Entries 0-2 as the log held them before version 2; 3 and 4 written since; 5 a v1 claiming a BSUID.
    for (const i of [3, 4]) log.rows[i].type = 'event.received/v2' as LedgerEntryType;
    log.rows[4].body = bsuid(4);
    log.rows[5].body = bsuid(5);
    const report = await audit(commit(log.rows));
    expect(report.findings.map((f) => f.message)).toEqual([
      'entry 5 (event.received) does not match its schema: /body/recipient/phone must be an E.164 phone number',
    ]);
  });

  it('does not hold erased entries to a schema: their body is gone by design', async () => {
    expect((await audit(erasedLog(11, [2, 5, 7]))).findings).toEqual([]);
  });
});

describe('auditLog and erased entries', () => {
  it('passes on an intact log', async () => {
    const report = await audit(buildLog(11));
    expect(report.findings).toEqual([]);
    expect(report.erasures).toEqual([]);
    expect(report.entries).toBe(11n);
  });

  it('reports erased entries as erased, by their subject.erased entry, and still verifies every checkpoint and anchor', async () => {
    const report = await audit(erasedLog(11, [2, 5, 7]));
    expect(report.findings).toEqual([]);
    expect(report.erasures).toEqual([{ bySeq: 10n, entries: 3 }]);
  });

  it('still names a tampered entry that was not erased', async () => {
    const log = erasedLog(11, [2, 5]);
    log.rows[6].body = { eventId: 'evt-6', recipient: { phone: '+390000000000' } };
    const report = await audit(log);
    expect(report.findings[0].message).toBe('entry 6: stored content does not match its leaf');
    expect(report.findings.map((f) => f.message)).not.toContainEqual(expect.stringMatching(/^entry [25]:/));
  });

  it('names an entry blanked without a subject.erased entry, and one whose salt alone is missing', async () => {
    const log = buildLog(11);
    shred(log.rows[3], null, null);
    log.rows[4].salt = null;
    const messages = (await audit(log)).findings.map((f) => f.message);
    expect(messages).toEqual(['entry 3: erased without a subject.erased entry recording it', 'entry 4: its salt is missing but no erasure is recorded']);
  });

  it('names a subject.erased entry whose count no longer matches the entries marked erased by it', async () => {
    const log = erasedLog(11, [2, 5]);
    // An insider blanks one more entry (to hide an edit) and attributes it to the same erasure.
    shred(log.rows[6], 10n);
    const messages = (await audit(log)).findings.map((f) => f.message);
    expect(messages).toEqual(['subject.erased at seq 10 records 2 erased entries (2..5), the log holds 3 (2..6)']);
  });

  it('names an erased entry that still holds content', async () => {
    const log = erasedLog(11, [2]);
    log.rows[2].body = { eventId: 'evt-2' };
    expect((await audit(log)).findings.map((f) => f.message)).toEqual(['entry 2: marked erased but still holds its salt or content']);
  });

  it('counts entries erased by a subject.erased entry not sequenced yet, without failing', async () => {
    const log = buildLog(11);
    for (const s of [1, 3]) shred(log.rows[s], null);
    const report = await audit(log);
    expect(report.findings).toEqual([]);
    expect(report.erasures).toEqual([{ bySeq: null, entries: 2 }]);
  });
});
