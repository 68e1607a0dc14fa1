import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

import { generateSignerKey, parseSignerKey, verifierKeyFor } from '#sigillo/ledger';

/**
 * The checkpoint signer key of the dev stack, kept in a file across runs: a new key on every run
 * would leave the checkpoints already in the database unverifiable.
 */
export function loadOrCreateSignerKey(path: string, origin: string): { signerKey: string; verifierKey: string; created: boolean } {
  if (!existsSync(path)) {
    const { signerKey, verifierKey } = generateSignerKey(origin);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${signerKey}\n`, { mode: 0o600 });
    return { signerKey, verifierKey, created: true };
  }
  const signerKey = readFileSync(path, 'utf8').trim();
  const { name } = parseSignerKey(signerKey);
  if (name !== origin) {
    // Replacing it silently would orphan every checkpoint signed so far.
    throw new Error(
      `${relative(process.cwd(), path)} signs for origin "${name}" but LEDGER_ORIGIN is "${origin}": ` +
        `set LEDGER_ORIGIN=${name}, or move the file away to start a new log identity`,
    );
  }
  return { signerKey, verifierKey: verifierKeyFor(signerKey), created: false };
}

/** A key given in CHECKPOINT_SIGNER_KEY: used as is, after the same origin check. */
export function signerKeyFromEnv(signerKey: string, origin: string): { signerKey: string; verifierKey: string } {
  const { name } = parseSignerKey(signerKey);
  if (name !== origin) throw new Error(`CHECKPOINT_SIGNER_KEY signs for origin "${name}" but LEDGER_ORIGIN is "${origin}"`);
  return { signerKey, verifierKey: verifierKeyFor(signerKey) };
}
