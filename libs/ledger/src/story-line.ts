import type { ProofBundle } from './bundle.js';
import { entryFacts } from './entries/index.js';

/**
 * One timeline line per entry: when, what, and the non-personal facts its type's definition names
 * (template, decision, status, Meta's error code), never a phone number or a name.
 */
export function storyLine(bundle: ProofBundle): string {
  let entry: { type?: string; occurredAt?: string } = {};
  try {
    entry = JSON.parse(bundle.entry.canonical);
  } catch {
    // a malformed entry still gets its line; its failed check says why
  }
  return `seq ${bundle.leafIndex}  ${entry.occurredAt ?? '?'}  ${(entry.type ?? '?').padEnd(20)} ${entryFacts(entry).join('  ')}`.trimEnd();
}
