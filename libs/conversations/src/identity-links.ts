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
 * `known` maps the identifiers already linked to their person, `detachedFrom` the numbers users
 * left to the person they left (planIdentifierChange). The oldest-sorting person id wins a
 * merge so that re-applying the same webhook, in any order, converges on the same person.
 */
export function planIdentityLinks(
  groups: readonly (readonly (string | null | undefined)[])[],
  known: ReadonlyMap<string, string>,
  newPersonId: () => string,
  detachedFrom: ReadonlyMap<string, string> = new Map(),
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
    const named = dedupe(group.map(normalizeIdentifier).filter((x): x is { kind: IdentifierKind; value: string } => x !== null));
    const personOf = (v: string) => (person.has(v) ? resolve(person.get(v)!) : null);
    // A number its user left never re-joins them through a late webhook naming it beside their BSUID.
    const ids = named.filter((i) => {
      const left = detachedFrom.get(i.value);
      return left === undefined || !named.some((o) => o !== i && personOf(o.value) === resolve(left));
    });
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

/** A user's change of identifier, as a `system` message tells it. */
export interface IdentifierChange {
  /** `user_changed_number` or `user_changed_user_id`. */
  systemType: string;
  /** The identifier the message came from: the old number, or the old BSUID of a user showing none. */
  from: string;
  /** Other identifiers the message names for the user as they were (`previous_user_id`). */
  previous: readonly string[];
  /** The user's identifiers from now on: `system.wa_id` and `system.user_id`. */
  to: readonly string[];
  /** When Meta says the change happened. */
  occurredAt: Date;
}

/** An identifier linked to the same person as the change's `from`, `from` itself included. */
export interface PersonMember {
  identifier: string;
  kind: IdentifierKind;
  detachedAt: Date | null;
}

export interface IdentifierChangePlan {
  /** Old numbers to take from the person (each to a new person of its own, remembering whose it was). */
  detach: { identifier: string; kind: IdentifierKind }[];
  /** Identifiers to link as one person: the new ones with what the user keeps (its BSUIDs). */
  join: string[];
  /** The new identifiers: whatever detachment they carried is over (a user taking back an old number). */
  clear: string[];
}

/**
 * What a change of identifier writes. A new number: the old one, and any form of it Meta resolved
 * (Brazil's 9th digit), leaves the person, since WhatsApp may give it to someone else, who must not
 * inherit this user's consents through the BSUIDs; the new number and new BSUID join the old BSUIDs
 * (Meta regenerates the BSUID with the number and reports both). A new BSUID alone: it joins the
 * person, who keeps everything else. A change that is re-delivered, or older than the detachment
 * already recorded, writes nothing.
 */
export function planIdentifierChange(change: IdentifierChange, members: readonly PersonMember[]): IdentifierChangePlan {
  const none: IdentifierChangePlan = { detach: [], join: [], clear: [] };
  const from = normalizeIdentifier(change.from);
  const to = dedupe(change.to.map(normalizeIdentifier).filter((x): x is { kind: IdentifierKind; value: string } => x !== null));
  if (from === null || to.length === 0) return none;
  const done = members.find((m) => m.identifier === from.value)?.detachedAt;
  if (done && done.getTime() >= change.occurredAt.getTime()) return none;
  const newIds = new Set(to.map((x) => x.value));
  const pool = dedupe([
    from,
    ...members.map((m) => ({ kind: m.kind, value: m.identifier })),
    ...change.previous.map(normalizeIdentifier).filter((x): x is { kind: IdentifierKind; value: string } => x !== null),
  ]);
  const newNumber = change.systemType === 'user_changed_number' && to.some((x) => x.kind === 'phone');
  const detach = newNumber ? pool.filter((x) => x.kind === 'phone' && !newIds.has(x.value)) : [];
  const leaving = new Set(detach.map((x) => x.value));
  return {
    detach: detach.map((x) => ({ identifier: x.value, kind: x.kind })),
    join: dedupe([...to, ...pool.filter((x) => !leaving.has(x.value))]).map((x) => x.value),
    clear: [...newIds],
  };
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
  detachedFrom: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): { tenantId: string; plan: LinkPlan }[] {
  const groups = new Map<string, Group[]>();
  for (const r of requests) groups.set(r.tenantId, [...(groups.get(r.tenantId) ?? []), ...r.groups]);
  const out: { tenantId: string; plan: LinkPlan }[] = [];
  for (const [tenantId, g] of groups) {
    const plan = planIdentityLinks(g, known.get(tenantId) ?? new Map(), newPersonId, detachedFrom.get(tenantId));
    if (plan.assign.length > 0 || plan.merges.length > 0) out.push({ tenantId, plan });
  }
  return out;
}

function distinct(group: Group): string[] {
  return [...new Set(group.map((x) => normalizeIdentifier(x)?.value).filter((x): x is string => x !== undefined))];
}
