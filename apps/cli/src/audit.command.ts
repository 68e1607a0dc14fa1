// `sigillo audit`: re-derives the whole log from the database and checks it against the signed
// checkpoints and the chain. Needs the database (read-only) and a chain RPC.
import { parseArgs } from 'node:util';
import { EthersAnchorReader } from '#sigillo/chain';
import { auditLog, AuditStore } from '#sigillo/ledger';
import { BaseConfig } from '#sigillo/platform';
import { cliConfig } from './cli-config.js';
import type { CliCommand, CliIo } from './main.js';
import { progressReporter } from './progress.js';

const USAGE = `usage: sigillo audit [--rpc URL] [--quiet]

Re-derives every leaf from the stored entries, rebuilds the tree and its roots, and checks every
stored tree node, every signed checkpoint and every anchor (against the contract on chain).
Names every entry whose stored content no longer matches its leaf. Erased (crypto-shredded)
entries cannot be re-derived, by design: they are reported as erased, with the subject.erased
entry that recorded them, and their stored leaves are checked through the tree, the checkpoints
and the anchors instead.

Reads DATABASE_URL, CHAIN_RPC_URL and LEDGER_CONTRACT_ADDRESS from the environment.
  --rpc URL   overrides CHAIN_RPC_URL
  --quiet     no progress output

exit status: 0 the log is intact, 1 something does not match, 2 bad usage or unreachable services`;

const MAX_FINDINGS_SHOWN = 50;

export const command: CliCommand = {
  summary: 'check the whole stored log against its checkpoints and the chain',
  usage: USAGE,
  run: runAudit,
};

async function runAudit(args: string[], io: CliIo): Promise<number> {
  let values: { rpc?: string; quiet?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { rpc: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    io.err(`sigillo audit: ${(e as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  const config = cliConfig(BaseConfig, 'audit', io, values.rpc ? { ...process.env, CHAIN_RPC_URL: values.rpc } : process.env);
  if (!config) return 2;

  const chain = await EthersAnchorReader.connect(config.CHAIN_RPC_URL);
  // Connected once the work runs: a failure before that is the database's, and said so.
  let connected = false;
  try {
    return await AuditStore.read(config.DATABASE_URL, async (store) => {
      connected = true;
      const progress = values.quiet ? null : progressReporter('audit');
      const started = Date.now();
      const report = await auditLog(store, {
        contract: config.LEDGER_CONTRACT_ADDRESS,
        chain,
        onProgress: progress ? (done, total) => progress.update(done, total) : undefined,
      });
      progress?.end();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const erased = report.erasures.reduce((n, e) => n + e.entries, 0);
      const scope = `${report.entries} entries${erased > 0 ? ` (${erased} erased)` : ''}, ${report.checkpoints} checkpoints, ${report.anchors} anchors`;
      const erasures = report.erasures.map(
        (e) =>
          `${e.entries} ${e.entries === 1 ? 'entry' : 'entries'} erased by ${e.bySeq === null ? 'a subject.erased entry not sequenced yet' : `subject.erased at seq ${e.bySeq}`}`,
      );
      if (report.findings.length === 0) {
        io.out(`audit OK: ${scope} re-derived and verified in ${seconds} s`);
        for (const line of erasures) io.out(line);
        return 0;
      }
      for (const line of erasures) io.out(line);
      for (const f of report.findings.slice(0, MAX_FINDINGS_SHOWN)) io.out(f.message);
      if (report.findings.length > MAX_FINDINGS_SHOWN) io.out(`… and ${report.findings.length - MAX_FINDINGS_SHOWN} more`);
      io.out(`audit FAILED: ${report.findings.length} problem(s) in ${scope}`);
      return 1;
    });
  } catch (e) {
    if (connected) throw e;
    io.err(`sigillo audit: cannot read the database: ${(e as Error).message}`);
    return 2;
  } finally {
    chain.destroy?.();
  }
}
