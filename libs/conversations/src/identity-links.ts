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

type Group = readonly (string | null | undefined)[];

/** Identifiers Meta named together, for one tenant: what a send answer, a status or a contacts[] entry asks to link. */
export interface LinkRequest {
  tenantId: string;
  groups: readonly Group[];
}

/**
 * Whether any group names two or more different identifiers. Most do not (a status names again the
 * number it was sent to, often with and without its +): those link nothing and need no query.
 */
export function namesSeveral(groups: readonly Group[]): boolean {
  return groups.some((g) => distinct(g).length >= 2);
}

/** Per tenant, the identifiers whose person a batch of requests must read: those of groups naming several. */
export function identifiersToRead(requests: readonly LinkRequest[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const r of requests) {
    for (const g of r.groups) {
      const ids = distinct(g);
      if (ids.length < 2) continue;
      const set = out.get(r.tenantId) ?? new Set<string>();
      for (const id of ids) set.add(id);
      out.set(r.tenantId, set);
    }
  }
  return new Map([...out].map(([tenant, set]) => [tenant, [...set]]));
}

/**
 * What a batch of requests writes, tenant by tenant: each tenant's groups planned together, as if
 * applied one after the other. `known` maps each tenant's identifiers to their person. Tenants with
 * nothing to write are left out, so an empty answer means no transaction at all.
 */
export function planLinkBatch(
  requests: readonly LinkRequest[],
  known: ReadonlyMap<string, ReadonlyMap<string, string>>,
  newPersonId: () => string,
): { tenantId: string; plan: LinkPlan }[] {
  const groups = new Map<string, Group[]>();
  for (const r of requests) groups.set(r.tenantId, [...(groups.get(r.tenantId) ?? []), ...r.groups]);
  const out: { tenantId: string; plan: LinkPlan }[] = [];
  for (const [tenantId, g] of groups) {
    const plan = planIdentityLinks(g, known.get(tenantId) ?? new Map(), newPersonId);
    if (plan.assign.length > 0 || plan.merges.length > 0) out.push({ tenantId, plan });
  }
  return out;
}

function distinct(group: Group): string[] {
  return [...new Set(group.map((x) => normalizeIdentifier(x)?.value).filter((x): x is string => x !== undefined))];
}
