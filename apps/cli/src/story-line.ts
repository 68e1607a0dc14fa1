import type { ProofBundle } from '../../../libs/ledger/src/bundle.js';

/**
 * One timeline line per entry: when, what, and the non-personal facts of it (template, decision,
 * status, Meta's error code), never a phone number or a name.
 */
export function storyLine(bundle: ProofBundle): string {
  let entry: { type?: string; occurredAt?: string; body?: Record<string, unknown> } = {};
  try {
    entry = JSON.parse(bundle.entry.canonical);
  } catch {
    // a malformed entry still gets its line; its failed check says why
  }
  const body = entry.body ?? {};
  const template = body.template as { name?: string; language?: string } | undefined;
  const facts: string[] = [];
  if (typeof body.eventType === 'string') facts.push(body.eventType);
  if (typeof body.decision === 'string') facts.push(body.decision + (typeof body.reason === 'string' ? ` ${body.reason}` : ''));
  if (template?.name) facts.push(`${template.name}/${template.language ?? '?'}`);
  if (typeof body.status === 'string') facts.push(body.status);
  const error = (body.error ?? {}) as { code?: unknown };
  if (typeof error.code === 'number') facts.push(`error ${error.code}`);
  if (typeof body.action === 'string') facts.push(`${String(body.category)} ${body.action}`);
  if (typeof body.wamid === 'string') facts.push(body.wamid);
  return `seq ${bundle.leafIndex}  ${entry.occurredAt ?? '?'}  ${(entry.type ?? '?').padEnd(20)} ${facts.join('  ')}`.trimEnd();
}
