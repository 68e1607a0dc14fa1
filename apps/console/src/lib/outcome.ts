// How an outcome looks in the list and the story: its badge colour (white text at AA contrast)
// and its catalog key.
import type { Outcome } from '../api/types.js';
import { TONES } from './tones.js';

export const OUTCOMES: readonly Outcome[] = ['pending', 'sent', 'delivered', 'read', 'failed', 'refused'];

const COLORS: Record<Outcome, string> = {
  pending: TONES.gray,
  sent: TONES.blue,
  delivered: TONES.teal,
  read: TONES.green,
  failed: TONES.red,
  refused: TONES.orange,
};

export function outcomeColor(outcome: string): string {
  return COLORS[outcome as Outcome] ?? TONES.gray;
}

export function outcomeKey(outcome: string): string {
  return (OUTCOMES as readonly string[]).includes(outcome) ? `outcome.${outcome}` : 'outcome.unknown';
}

/** A story step's tone: a refusal or failure is red or orange, a consent or config change neutral. */
export function stepTone(code: string): 'ok' | 'refused' | 'failed' | 'neutral' {
  if (code.startsWith('refused.')) return 'refused';
  if (code.startsWith('failed.') || code === 'status.failed') return 'failed';
  if (code.startsWith('decided.') || code.startsWith('submitted') || code.startsWith('status.') || code === 'event.received') return 'ok';
  return 'neutral';
}
