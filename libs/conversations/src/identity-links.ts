/**
 * One WhatsApp user, several strings: the number a tenant dialled, the `wa_id` Meta resolved it to
 * (Brazil and Mexico add or drop a 9th digit), and the business-scoped user id (BSUID, `user_id`)
 * Meta adds to webhooks and send answers and that alone names a user who adopted a username.
 * Consent, the 24-hour window and opt-outs follow the person, so every identifier Meta names
 * together is linked to one person id per tenant (table contact_identifiers). Pure: the caller
 * reads the current person of each identifier, applies the plan, and draws new ids.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
 */

export type IdentifierKind = 'phone' | 'bsuid';

/** A BSUID: ISO country code, a dot, optionally ENT. (a parent BSUID), up to 128 alphanumerics, e.g. US.13491208655302741918. */
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/** Meta's wa_id, recipient_id and contacts[].input are digits without +; we keep E.164 with +. */
const DIGITS = /^\+?[1-9][0-9]{6,14}$/;

/** The identifier as stored, or null when it is neither a BSUID nor a phone number. */
export function normalizeIdentifier(raw: string | null | undefined): { kind: IdentifierKind; value: string } | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (BSUID.test(s)) return { kind: 'bsuid', value: s };
  if (DIGITS.test(s)) return { kind: 'phone', value: s.startsWith('+') ? s : `+${s}` };
  return null;
}

export function isBsuid(identifier: string): boolean {
  return BSUID.test(identifier);
}

export interface LinkPlan {
  /** Identifiers to (re)assign; a new person is named by the id `newPersonId` gave. */
  assign: { identifier: string; kind: IdentifierKind; personId: string }[];
  /** Persons found to be one: every identifier of `from` moves to `into`. */
  merges: { from: string; into: string }[];
}

/**
 * What to write when Meta names identifiers together (a contacts[] entry with wa_id and user_id,
 * a send answer's input, wa_id and user_id, a status's recipient_id and recipient_user_id).
 * `known` maps the identifiers already linked to their person. The oldest-sorting person id wins a
 * merge so that re-applying the same webhook, in any order, converges on the same person.
 */
export function planIdentityLinks(
  groups: readonly (readonly (string | null | undefined)[])[],
  known: ReadonlyMap<string, string>,
  newPersonId: () => string,
): LinkPlan {
  const person = new Map(known);
  const mergedInto = new Map<string, string>();
  const resolve = (id: string): string => {
    let p = id;
    while (mergedInto.has(p)) p = mergedInto.get(p)!;
    return p;
  };
  const assign = new Map<string, { identifier: string; kind: IdentifierKind; personId: string }>();
  for (const group of groups) {
    const ids = dedupe(group.map(normalizeIdentifier).filter((x): x is { kind: IdentifierKind; value: string } => x !== null));
    // One identifier alone links nothing; it gets a person when Meta names it with another.
    if (ids.length < 2) continue;
    const persons = [...new Set(ids.flatMap((i) => (person.has(i.value) ? [resolve(person.get(i.value)!)] : [])))].sort();
    const target = persons[0] ?? newPersonId();
    for (const other of persons.slice(1)) mergedInto.set(other, target);
    for (const i of ids) {
      if (person.get(i.value) === target) continue;
      person.set(i.value, target);
      assign.set(i.value, { identifier: i.value, kind: i.kind, personId: target });
    }
  }
  const merges = [...mergedInto.keys()].map((from) => ({ from, into: resolve(from) }));
  for (const a of assign.values()) a.personId = resolve(a.personId);
  return { assign: [...assign.values()], merges };
}

function dedupe<T extends { value: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.value) ? false : (seen.add(x.value), true)));
}
