// `sigillo keygen [origin]`: a new checkpoint signing key for CHECKPOINT_SIGNER_KEY.
import { generateSignerKey } from '#sigillo/ledger';
import type { CliCommand, CliIo } from './main.js';

const USAGE = `usage: sigillo keygen [ORIGIN]

Prints a new Ed25519 checkpoint signer key (for CHECKPOINT_SIGNER_KEY) on the first line and its
public verifier key (for auditors) on the second. ORIGIN defaults to LEDGER_ORIGIN or
sigillo.local/ledger and must equal the deployment's LEDGER_ORIGIN.`;

export const command: CliCommand = {
  summary: 'create a checkpoint signing key pair',
  usage: USAGE,
  run: async (args: string[], io: CliIo) => {
    if (args.length > 1 || args[0]?.startsWith('-')) {
      io.err(USAGE);
      return 2;
    }
    const { signerKey, verifierKey } = generateSignerKey(args[0] ?? process.env.LEDGER_ORIGIN ?? 'sigillo.local/ledger');
    io.out(signerKey);
    io.out(verifierKey);
    return 0;
  },
};
