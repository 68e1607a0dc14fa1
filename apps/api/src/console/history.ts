// The console's history: configuration changes and consents recorded by staff, each naming who.
import { consentSourceKind } from './consent-source.js';
import { explainEntry, type Explanation } from './explanation.js';

export interface HistoryItem {
  seq: number | null;
  at: string;
  type: string;
  actor: { kind: string; id: string; label: string | null } | null;
  summary: Record<string, string | number | boolean | null>;
  explanation: Explanation;
}

type Body = Record<string, unknown>;

/** One history line from an entry; the actor's label (an account's name, a key's label) is looked up by the caller. */
export function historyItem(
  entry: { seq: number | null; recordedAt: Date; type: string; body: Body },
  labelOf: (kind: string, id: string) => string | null,
): HistoryItem {
  const { body } = entry;
  const actor = actorOf(entry.type, body);
  return {
    seq: entry.seq,
    at: entry.recordedAt.toISOString(),
    type: entry.type,
    actor: actor && { ...actor, label: labelOf(actor.kind, actor.id) },
    summary: summaryOf(entry.type, body),
    explanation: explainEntry(entry.type, body),
  };
}

function actorOf(type: string, body: Body): { kind: string; id: string } | null {
  const a = (type.startsWith('consent.changed') ? (body.evidence as Body | undefined)?.recordedBy : body.actor) as Body | undefined;
  return a && typeof a.kind === 'string' && typeof a.id === 'string' ? { kind: a.kind, id: a.id } : null;
}

/** The non-personal fields worth a line: never a phone number, never the evidence. */
function summaryOf(type: string, body: Body): HistoryItem['summary'] {
  const pick = (...keys: string[]) =>
    Object.fromEntries(keys.filter((k) => body[k] !== undefined && typeof body[k] !== 'object').map((k) => [k, body[k] as string | number | boolean]));
  if (type.startsWith('consent.changed')) return { ...pick('consentId', 'category', 'action'), source: consentSourceKind(String(body.source ?? '')) };
  if (type === 'config.binding_set') {
    const templates = ((body.binding as Body | undefined)?.templates as { name: string; language: string }[] | undefined) ?? [];
    return { ...pick('eventType'), templates: templates.map((t) => `${t.name}/${t.language}`).join(', ') };
  }
  return pick('eventType', 'keyId', 'role', 'label', 'accountId', 'setting', 'secret', 'value', 'subject');
}
