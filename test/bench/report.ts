// docs/BENCH.md from one run's figures. Pure: every number comes from `BenchResults`.
import type { BenchResults } from './results.js';
import { judgeRatios, judgeTargets } from './targets.js';
import { formatNumber as n, markdownTable, median, percentile } from './stats.js';

const ms = (x: number, digits = 1) => `${n(x, digits)} ms`;
const verdict = (met: boolean | null) => (met === null ? 'not evaluated' : met ? 'met' : '**not met**');
const runs = (k: number) => `${k} run${k === 1 ? '' : 's'}`;
const notRun = (what: string) => `_Not run (${what} was left out with BENCH_ONLY)._`;

/** Figures of earlier runs that no run can repeat, copied in as recorded (Markdown). */
export interface RecordedSections {
  /** Issue 14 §4's HTTP-layer A/B (docs/bench/http-layer-ab.md): Express is gone since. */
  httpLayerAb?: string;
}

export function renderReport(r: BenchResults, recorded: RecordedSections = {}): string {
  const minutes = (r.finishedAt.getTime() - r.startedAt.getTime()) / 60_000;
  const out: string[] = [];
  out.push(
    '# Benchmarks',
    '',
    `Written by \`npm run bench\`${r.quick ? ' with `BENCH_QUICK=1` (a smoke run: fewer and shorter runs, a smaller log; do not quote these figures)' : ''} on ` +
      `${r.startedAt.toISOString()}, in ${n(minutes, 1)} minutes. Every figure below was measured in that run on the machine below; ` +
      'medians, with the number of runs beside them. The load average is there because other work on the machine skews every figure.',
    '',
    '## Machine',
    '',
    markdownTable(
      ['', ''],
      [
        ['CPUs', `${r.machine.cpus} × ${r.machine.cpuModel}`],
        ['memory', `${n(r.machine.memoryGiB, 1)} GiB`],
        ['OS', r.machine.os],
        ['Node.js', r.machine.node],
        ['PostgreSQL', r.machine.postgres],
        ['Redis', r.machine.redis],
        ['Hardhat (node)', r.machine.hardhat],
        ['commit', r.machine.commit],
        ['load average (1 min) at start / end', `${n(r.machine.loadAtStart, 2)} / ${n(r.loadAtEnd, 2)}`],
      ],
    ),
    '',
    '## Targets as ratios to floors measured in this run (issue 14)',
    '',
    'Absolute figures moved 2–3.5× between days on this machine; these verdicts compare each figure with what the same machine did in the same run: ' +
      "ingest with PostgreSQL's own rate for the same rows (pgbench, section 3), the audit with reading its rows and hashing its leaves and nodes (section 4).",
    '',
    markdownTable(
      ['target', 'measured', 'verdict'],
      judgeRatios(r).map((t) => [t.target, t.measured, verdict(t.met)]),
    ),
    '',
    '## Targets in absolute figures (issue 6)',
    '',
    markdownTable(
      ['target', 'measured', 'verdict'],
      judgeTargets(r).map((t) => [t.target, t.measured, verdict(t.met)]),
    ),
    '',
  );
  out.push(...gasSection(r), ...ingestSection(r), ...recordedSection(recorded.httpLayerAb), ...ceilingSection(r), ...auditSection(r), ...ledgerSection(r));
  return out.join('\n') + '\n';
}

function gasSection(r: BenchResults): string[] {
  const out = ['## 1. Gas per recorded entry', ''];
  if (!r.gas) return [...out, notRun('gas'), ''];
  const g = r.gas;
  const attest = g.eas.rows.find((x) => x.method === 'EAS attest');
  const ratio = (perEntry: number) => (attest ? `${n(attest.gasPerEntry / perEntry, perEntry > attest.gasPerEntry / 10 ? 2 : 0)}×` : '');
  const biggestTx = Math.max(...g.eas.rows.map((x) => x.gasPerTx), ...g.events.map((x) => x.gasPerTx));
  const txCap = 2 ** 24;
  out.push(
    'All on one Hardhat node started for the run (automine; receipt `gasUsed`, i.e. the 21,000 base, calldata and execution). ' +
      `Block gas limit ${n(Number(g.blockGasLimit))}` +
      (biggestTx <= txCap && biggestTx > txCap * 0.99 && g.blockGasLimit > BigInt(txCap)
        ? `; the largest batches stay within 98% of ${n(txCap)} gas, the per-transaction cap of EIP-7825 that the node enforces (an estimate right at the cap can fail when sent).`
        : '.'),
    '',
    `- **Sigillo**: \`NotificationLedger.anchor(treeSize, root, consistencyProof)\` with real RFC 9162 consistency proofs from a stored log of ${r.ledger ? n(r.ledger.proofsAt) : '?'} entries, ` +
      'from the previous anchored size; the sizes vary a little between runs so the proof depths vary. Gas per entry = gas per anchor / entries per anchor.',
    `- **EAS**: the real \`SchemaRegistry\` and \`EAS\` from \`@ethereum-attestation-service/eas-contracts\` ${g.eas.packageVersion} (contract version ${g.eas.contractVersion}), ` +
      `deployed from the bytecode the package ships; schema \`${g.eas.schema}\` (one leaf hash per entry, no personal data), no resolver, not revocable. ` +
      '`attest` is one transaction per entry; `multiAttest` and `multiTimestamp` batch entries (the largest batch is found with `eth_estimateGas`).',
    '- **One event per entry**: `contracts/bench/EntryEvents.sol`, `emit EntryRecorded(bytes32)` and nothing stored, one transaction per entry or a loop over a batch.',
    '',
  );
  const rows: (string | number)[][] = [
    ...g.sigillo.map((x) => [
      `Sigillo anchor, ${n(x.entriesPerAnchor)} entries per anchor (${n(x.proofHashes)} proof hashes)`,
      n(x.entriesPerAnchor),
      x.runs,
      x.runs ? n(x.gasPerAnchor) : 'n/a (log too short)',
      x.runs ? n(x.gasPerEntry, 2) : '',
      x.runs ? ratio(x.gasPerEntry) : '',
    ]),
    ...[...g.eas.rows, ...g.events].map((x) => [
      x.method,
      n(x.entriesPerTx),
      x.runs,
      n(x.gasPerTx),
      n(x.gasPerEntry, x.gasPerEntry < 100 ? 2 : 0),
      ratio(x.gasPerEntry),
    ]),
  ];
  out.push(markdownTable(['method', 'entries per tx', 'runs', 'gas per tx', 'gas per entry', 'EAS attest ÷ this'], rows), '');
  return out;
}

function ingestSection(r: BenchResults): string[] {
  const out = ['## 2. Ingest', ''];
  if (!r.ingest) return [...out, notRun('ingest'), ''];
  const f = r.ingest;
  const m = <T extends object>(xs: T[], k: keyof T) => median(xs.map((x) => Number(x[k])));
  out.push(
    `The api, the worker and the WhatsApp simulator run as their own processes (\`dist/\`), as deployed, on a fresh database and the run's Hardhat node. ` +
      `[autocannon](https://github.com/mcollina/autocannon) posts \`message.sent\` events (a new id and recipient each) with ${f.connections} connections for ${f.durationS} s per run, ` +
      `after a 3 s warm-up. Medians of ${runs(f.alone.length)}. Overrides: ${Object.entries(f.settings)
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(', ')} ` +
      '(one key drives the whole load, so the per-key rate limit would only measure itself).',
    '',
    '- **api alone**: the worker stopped, what intake (validation, policy, the one-statement write) sustains.',
    '- **sends/s**: the worker then starts on that backlog, its sends paused (BullMQ `pause()`) until it has integrated the ledger entries the api-alone runs left ' +
      'pending, so that the drains measure sending and not the log catching up. ' +
      `Then the rate at which messages reach the simulator between 10% and 90% of ${n(f.drained)} messages, three times: ` +
      "at Meta's cap for one phone number (1,000/s, the tenant's limit and the simulator's); with both lifted to 2,000/s, what the pipeline itself sustains; " +
      'and so again with the simulator POSTing the three status webhooks of every message (sent, delivered, read) to the api, which stores them and the worker applies them.',
    '- **api while the worker sends**: both at once, status webhooks off again; sends/s is what reached the simulator during the run.',
    '',
    markdownTable(
      ['measure', 'api alone', 'api while the worker sends'],
      [
        ['events accepted (202) per second', n(m(f.alone, 'rps')), n(m(f.mixed, 'rps'))],
        ['latency p50', ms(m(f.alone, 'p50')), ms(m(f.mixed, 'p50'))],
        ['latency p99', ms(m(f.alone, 'p99')), ms(m(f.mixed, 'p99'))],
        ['non-2xx answers (all runs)', n(f.alone.reduce((x, a) => x + a.non2xx, 0)), n(f.mixed.reduce((x, a) => x + a.non2xx, 0))],
        ['sends reaching the simulator per second, at the 1,000/s cap', n(f.sendRate), ''],
        ['sends per second, cap lifted', n(f.sendCapacity), ''],
        ...(f.simulatorCeiling.length
          ? [
              ["the simulator alone, its cap lifted (template sends POSTed straight at it; the drains' ceiling)", n(median(f.simulatorCeiling)), ''],
              ['sends, cap lifted, as a fraction of that ceiling', `${n((f.sendCapacity / median(f.simulatorCeiling)) * 100, 1)} %`, ''],
            ]
          : []),
        ['sends per second, cap lifted, status webhooks on', n(f.sendRateWithStatuses), ''],
        ['sends per second while events arrive', '', n(m(f.mixed, 'sends'))],
        ['events/s per run', f.alone.map((x) => n(x.rps)).join(', '), f.mixed.map((x) => n(x.rps)).join(', ')],
      ],
    ),
    '',
  );
  const w = f.webhooks;
  out.push(
    '### Status webhooks',
    '',
    'Meta POSTs a webhook per status, three per message (sent, delivered, read), and asks the receiver to take three times the messages sent per second ' +
      'with a median under 250 ms and under 1% over 1 s. After the runs above, autocannon posts those three statuses, signed with the app secret and one status per POST ' +
      `as Meta sends them, for ${n(w.statuses ? Math.round(w.statuses / 3) : 0)} of the messages sent with webhooks off, at \`POST /v1/webhooks/whatsapp\` with ${f.connections} connections ` +
      `for ${f.durationS} s per run while the worker applies them (each becomes a \`message.status\` ledger entry and moves its notification's delivery status). ` +
      'Statuses applied per second: recorded statuses over the time from the first POST until every stored payload is processed and every status recorded.',
    '',
    markdownTable(
      ['measure', 'value'],
      [
        ['webhooks accepted (200) per second', n(m(w.runs, 'rps'))],
        ['latency p50 / p99', `${ms(m(w.runs, 'p50'))} / ${ms(m(w.runs, 'p99'))}`],
        ['non-2xx answers (all runs)', n(w.runs.reduce((x, a) => x + a.non2xx, 0))],
        ['statuses applied per second (worker)', n(w.appliedPerSecond)],
        ['left unapplied two minutes after the last POST', n(w.unapplied)],
        ['webhooks/s per run', w.runs.map((x) => n(x.rps)).join(', ')],
      ],
    ),
    '',
  );
  out.push('### Event → anchored on chain', '');
  const d = f.anchorDelay;
  if (!d) return [...out, '_Not measured._', ''];
  out.push(
    `Once the throughput runs' backlog is anchored, events are posted open-loop at ${n(d.rate)}/s for ${n(d.seconds)} s with the whole stack running ` +
      `(${Object.entries(r.devSettings)
        .map(([k, v]) => `\`${k}=${v}\``)
        .join(', ')}: the dev settings, i.e. the apps' defaults). For each event: from the start of its POST ` +
      `to the first moment the contract's \`latest()\` covers the seq of its \`event.received\` entry. The bench reads \`latest()\` every ${d.pollMs} ms and ` +
      'takes the time its answer arrived, so the figures err long by up to one poll.',
    '',
    markdownTable(['events', 'never anchored', 'p50', 'p99', 'max'], [[n(d.events), n(d.lost), ms(d.p50, 0), ms(d.p99, 0), ms(d.max, 0)]]),
    '',
  );
  return out;
}

function ceilingSection(r: BenchResults): string[] {
  const out = ['## 3. PostgreSQL ceiling', ''];
  if (!r.pgbench) return [...out, notRun('pgbench'), ''];
  const p = r.pgbench;
  out.push(
    `\`${p.version}\` on the same server, a scratch database migrated with Sigillo's schema (same tables and indexes). One transaction = what the api's intake writes for ` +
      'one accepted event (`RECORD_INTAKES` in libs/notifications/src/notification.repository.ts, which groups concurrent events into one statement; here one event per transaction): the event row with its jsonb payload, the notification, the ' +
      "`event.received` and `notification.decided` ledger entries and the outbox row, rows of the same shape and size as the bench event's " +
      `(test/bench/pgbench-script.ts). \`pgbench -n -M prepared -f intake.sql -c ${p.clients} -j ${p.threads} -T ${p.seconds}\`, ${runs(p.tps.length)}.`,
    '',
  );
  const rows: (string | number)[][] = [['pgbench, events written per second (tps)', n(p.median), p.tps.map((x) => n(x)).join(', ')]];
  if (r.ingest) {
    const alone = median(r.ingest.alone.map((x) => x.rps));
    const mixed = median(r.ingest.mixed.map((x) => x.rps));
    rows.push(
      ['Sigillo ingest, api alone (events/s)', n(alone), `${n((alone / p.median) * 100, 1)} % of the ceiling`],
      ['Sigillo ingest, api while the worker sends (events/s)', n(mixed), `${n((mixed / p.median) * 100, 1)} % of the ceiling`],
    );
  }
  out.push(markdownTable(['measure', 'median', 'runs / fraction'], rows), '');
  return out;
}

function auditSection(r: BenchResults): string[] {
  const out = ['## 4. Full audit', ''];
  const a = r.ledger?.audit;
  if (!a) return [...out, r.ledger ? '_Not measured._' : notRun('ledger'), ''];
  const secs = a.runs.map((x) => x.seconds);
  out.push(
    `The ledger bench's log of ${n(a.entries)} entries (built as in section 5), anchored on the run's Hardhat node by ${n(a.anchors)} anchors (the gas ` +
      "measurement's and one at the full size) recorded as the worker records them. Then `sigillo audit --quiet` as its own process, as an auditor runs it " +
      '(`dist/apps/cli/src/main.js`): it re-derives every leaf from the stored entries, rebuilds the tree, compares every stored node, and checks every signed ' +
      'checkpoint and every anchor against the contract. Wall-clock time of the whole command.',
    '',
    markdownTable(
      ['entries', 'runs', 'median', 'p100', 'each run', 'CLI said (last run)'],
      [
        [
          n(a.entries),
          a.runs.length,
          `${n(median(secs), 1)} s`,
          `${n(percentile(secs, 100), 1)} s`,
          secs.map((x) => `${n(x, 1)} s`).join(', '),
          a.runs.at(-1)!.summary,
        ],
      ],
    ),
    '',
    `Its floor, on the same database right after (test/bench/audit-floor.ts): \`psql\` receiving the audit's rows with \`COPY (…) TO STDOUT\` ` +
      `(${n(a.floor.entries)} entries with the audit's join, ${n(a.floor.nodes)} stored nodes, ${n(a.floor.bytes / 1e6, 0)} MB), ` +
      `and SHA-256 over as many leaves of the log's mean leaf size and ${n(Math.max(a.floor.entries - 1, 0))} nodes, in one Node process.`,
    '',
    markdownTable(
      ['floor part', 'median', 'each run'],
      [
        ['COPY of the rows', `${n(median(a.floor.copySeconds), 2)} s`, a.floor.copySeconds.map((x) => `${n(x, 2)} s`).join(', ')],
        ['hashing leaves and nodes', `${n(median(a.floor.hashSeconds), 2)} s`, a.floor.hashSeconds.map((x) => `${n(x, 2)} s`).join(', ')],
        ['floor (sum)', `${n(a.floor.seconds, 2)} s`, ''],
        ['audit ÷ floor', `${n(median(secs) / a.floor.seconds, 2)}×`, ''],
      ],
    ),
    '',
  );
  return out;
}

function ledgerSection(r: BenchResults): string[] {
  const out = ['## 5. Ledger: entries integrated into the log', ''];
  const f = r.ledger;
  if (!f) return [...out, notRun('ledger'), ''];
  const at = n(f.proofsAt);
  out.push(
    `The sequencer (one writer, as in the worker) integrating entries on a fresh database: ${f.producers} producers append ${n(f.appended)} entries in batches of ${f.batch} ` +
      `while it gives them seqs, leaves and tree nodes; then a steady ${n(f.checkpointDelayMs.rate)}/s; then a backlog bulk-inserted up to ${at} entries. One run each.`,
    '',
    markdownTable(
      ['measure', 'value'],
      [
        ['entries appended (pending rows written)', `${n(f.appendedPerSecond)} /s`],
        ['entries appended and integrated (seq, leaf, tree nodes)', `${n(f.integratedPerSecond)} /s`],
        [`integration of a ${n(f.backlog)}-entry backlog`, `${n(f.backlogPerSecond)} /s`],
        [`checkpoint delay p50 / p99 (steady ${n(f.checkpointDelayMs.rate)}/s)`, `${ms(f.checkpointDelayMs.p50, 0)} / ${ms(f.checkpointDelayMs.p99, 0)}`],
        [
          `inclusion proof at ${at}: generation / verification (median of ${n(f.proofSamples)})`,
          `${n(f.proofUs.inclusionGen)} µs / ${n(f.proofUs.inclusionVerify, 1)} µs`,
        ],
        [
          `consistency proof at ${at}: generation / verification (median of ${n(f.proofSamples)})`,
          `${n(f.proofUs.consistencyGen)} µs / ${n(f.proofUs.consistencyVerify, 1)} µs`,
        ],
      ],
    ),
    '',
  );
  return out;
}

/** A recorded section as written, without its leading comment, or nothing. */
function recordedSection(markdown: string | undefined): string[] {
  if (!markdown) return [];
  return [markdown.replace(/^<!--[\s\S]*?-->\s*/, '').trimEnd(), ''];
}
