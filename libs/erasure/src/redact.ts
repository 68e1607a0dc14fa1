/**
 * Redaction of what Sigillo keeps verbatim from Meta (webhook bodies): every object that names the
 * erased subject is replaced whole by {"erased": true} — a message with its text, a contact with
 * its profile name, a status with its recipient, a preference — and the subject's identifiers are
 * cut out of any remaining text. Whatever else the payload says (other users, other business
 * numbers, template updates) stays as it was. Pure.
 */

export const ERASED_OBJECT = Object.freeze({ erased: true });
export const ERASED_TEXT = '[erased]';

/** The identifiers of one subject: its numbers (E.164 or Meta's digits), business-scoped user ids, and Meta ids that embed them. */
export interface SubjectIdentifiers {
  /** E.164, e.g. "+393331234567"; null for a person Sigillo knows only by business-scoped user id. */
  phone: string | null;
  /** The person's other numbers (Meta's resolved wa_id), E.164. */
  otherPhones?: readonly string[];
  /** The person's business-scoped user ids, e.g. "IT.1502576394655843". */
  userIds?: readonly string[];
  /** wamids of messages to or from the subject: Meta's embed the number (base64). */
  messageIds: readonly string[];
}

const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

export interface Redactor {
  /** The value with the subject removed, and whether anything changed. */
  redact(value: unknown): { value: unknown; changed: boolean };
}

export function redactor(subject: SubjectIdentifiers): Redactor {
  const numbers = [subject.phone, ...(subject.otherPhones ?? [])].filter((p): p is string => p !== null).map((p) => p.replace(/^\+/, ''));
  if (numbers.some((d) => !/^[1-9][0-9]{6,14}$/.test(d))) throw new TypeError('redactor expects E.164 phone numbers');
  const userIds = subject.userIds ?? [];
  if (userIds.some((u) => !BSUID.test(u))) throw new TypeError('redactor expects business-scoped user ids');
  if (numbers.length === 0 && userIds.length === 0) throw new TypeError('redactor needs a number or a business-scoped user id');
  const ids = subject.messageIds.filter((id) => id.length > 0);
  const exact = new Set<string>([...numbers.flatMap((d) => [d, `+${d}`]), ...userIds, ...ids]);
  // A number only where it is not part of a longer one, a BSUID only whole; ids anywhere.
  const pattern = new RegExp(
    [
      ...numbers.map((d) => `(?<![0-9])\\+?${d}(?![0-9])`),
      ...userIds.map((u) => `(?<![A-Za-z0-9.])${escapeRegExp(u)}(?![A-Za-z0-9])`),
      ...ids.map(escapeRegExp),
    ].join('|'),
    'g',
  );

  return {
    redact(value: unknown) {
      let changed = false;
      const text = (s: string): string => {
        const out = s.replace(pattern, ERASED_TEXT);
        if (out !== s) changed = true;
        return out;
      };
      const walk = (v: unknown): unknown => {
        if (typeof v === 'string') return text(v);
        if (Array.isArray(v)) return v.map(walk);
        if (v !== null && typeof v === 'object') {
          const entries = Object.entries(v as Record<string, unknown>);
          if (entries.some(([, x]) => (typeof x === 'string' || typeof x === 'number') && exact.has(String(x)))) {
            changed = true;
            return { ...ERASED_OBJECT };
          }
          return Object.fromEntries(entries.map(([k, x]) => [text(k), walk(x)]));
        }
        return v;
      };
      const result = walk(value);
      return { value: result, changed };
    },
  };
}

/**
 * A stored Meta webhook body with the subject removed from the changes of one business number
 * (`phoneNumberId`: the tenant's; a change without metadata is redacted too, to be safe). Null when
 * the body does not mention the subject there. A body that is not JSON cannot be redacted: the
 * caller deletes it.
 */
export function redactWebhookBody(body: Buffer, subject: SubjectIdentifiers, phoneNumberId: string): { body: Buffer } | null | 'unparseable' {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return 'unparseable';
  }
  const r = redactor(subject);
  let changed = false;
  const entries = isObject(payload) && Array.isArray(payload.entry) ? payload.entry : null;
  if (entries === null) {
    // Not shaped like Meta's: no business number to scope by, so the whole document.
    const out = r.redact(payload);
    return out.changed ? { body: Buffer.from(JSON.stringify(out.value), 'utf8') } : null;
  }
  for (const entry of entries) {
    const changes = isObject(entry) && Array.isArray(entry.changes) ? entry.changes : [];
    for (const change of changes) {
      if (!isObject(change) || !isObject(change.value)) continue;
      const metadata = isObject(change.value.metadata) ? change.value.metadata : null;
      const number = metadata && typeof metadata.phone_number_id === 'string' ? metadata.phone_number_id : null;
      if (number !== null && number !== phoneNumberId) continue;
      const out = r.redact(change.value);
      if (out.changed) {
        change.value = out.value;
        changed = true;
      }
    }
  }
  return changed ? { body: Buffer.from(JSON.stringify(payload), 'utf8') } : null;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
