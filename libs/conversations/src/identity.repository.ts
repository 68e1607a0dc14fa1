import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GroupCommit, PgPool } from '#sigillo/platform';
import { sql, statement, withTransaction } from '#sigillo/db';
import {
  identifiersToRead,
  namesSeveral,
  normalizeIdentifier,
  planIdentifierChange,
  planIdentityLinks,
  planLinkBatch,
  type IdentifierChange,
  type IdentifierKind,
  type LinkPlan,
  type LinkRequest,
} from './identity-links.js';

// (tenant, identifier) pairs of any tenants at once: a batch of links reads them in one statement.
const KNOWN = statement<
  { tenants: string[]; identifiers: string[] },
  { tenant_id: string; identifier: string; person_id: string; detached_from: string | null }
>(
  'sigillo-identities-known',
  (p) => sql`
SELECT c.tenant_id::text AS tenant_id, c.identifier, c.person_id::text AS person_id, c.detached_from::text AS detached_from
  FROM unnest(${p.tenants}::uuid[], ${p.identifiers}::text[]) AS k(tenant_id, identifier)
  JOIN contact_identifiers c ON c.tenant_id = k.tenant_id AND c.identifier = k.identifier`,
);

// Sorted before taking them, so two linkers wanting overlapping keys queue instead of deadlocking.
const LOCK = statement<{ keys: string[] }>(
  'sigillo-identities-lock',
  (p) => sql`
SELECT pg_advisory_xact_lock(k.h) FROM (SELECT DISTINCT hashtextextended(x, 0) AS h FROM unnest(${p.keys}::text[]) AS x ORDER BY 1) AS k`,
);

// The numbers users left follow a merge of the person they left, so they keep out of it.
const MERGE = statement<{ tenantId: string; from: string; into: string }>(
  'sigillo-identities-merge',
  (p) => sql`
WITH moved AS (
  UPDATE contact_identifiers SET person_id = ${p.into}::uuid, linked_at = now() WHERE tenant_id = ${p.tenantId} AND person_id = ${p.from}::uuid
)
UPDATE contact_identifiers SET detached_from = ${p.into}::uuid
 WHERE tenant_id = ${p.tenantId} AND detached_from = ${p.from}::uuid AND person_id <> ${p.from}::uuid`,
);

// The identifiers of the person an identifier belongs to, itself included.
const MEMBERS = statement<{ tenantId: string; identifier: string }, { identifier: string; kind: string; detached_at: Date | null }>(
  'sigillo-identities-members',
  (p) => sql`
SELECT o.identifier, o.kind, o.detached_at
  FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
 WHERE s.tenant_id = ${p.tenantId} AND s.identifier = ${p.identifier}`,
);

const CLEAR_DETACHED = statement<{ tenantId: string; identifiers: string[] }>(
  'sigillo-identities-clear-detached',
  (p) => sql`
UPDATE contact_identifiers SET detached_from = NULL, detached_at = NULL
 WHERE tenant_id = ${p.tenantId} AND identifier = ANY(${p.identifiers}::text[]) AND detached_from IS NOT NULL`,
);

const PERSON_OF = statement<{ tenantId: string; identifiers: string[] }, { person_id: string }>(
  'sigillo-identities-person-of',
  (p) => sql`
SELECT person_id::text AS person_id FROM contact_identifiers WHERE tenant_id = ${p.tenantId} AND identifier = ANY(${p.identifiers}::text[]) LIMIT 1`,
);

// Old numbers, together, to a person of their own that remembers whose they were.
const DETACH = statement<{ tenantId: string; identifiers: string[]; kinds: string[]; person: string; from: string | null; at: Date }>(
  'sigillo-identities-detach',
  (p) => sql`
INSERT INTO contact_identifiers (tenant_id, identifier, kind, person_id, detached_from, detached_at)
SELECT ${p.tenantId}::uuid, k.identifier, k.kind, ${p.person}::uuid, ${p.from}::uuid, ${p.at}::timestamptz
  FROM unnest(${p.identifiers}::text[], ${p.kinds}::text[]) AS k(identifier, kind)
ON CONFLICT (tenant_id, identifier) DO UPDATE
   SET person_id = EXCLUDED.person_id, detached_from = EXCLUDED.detached_from, detached_at = EXCLUDED.detached_at, linked_at = now()`,
);

const ASSIGN = statement<{ tenants: string[]; identifiers: string[]; kinds: string[]; persons: string[] }>(
  'sigillo-identities-assign',
  (p) => sql`
INSERT INTO contact_identifiers (tenant_id, identifier, kind, person_id)
SELECT k.tenant_id, k.identifier, k.kind, k.person_id::uuid
  FROM unnest(${p.tenants}::uuid[], ${p.identifiers}::text[], ${p.kinds}::text[], ${p.persons}::text[]) AS k(tenant_id, identifier, kind, person_id)
ON CONFLICT (tenant_id, identifier) DO UPDATE SET person_id = EXCLUDED.person_id, linked_at = now()`,
);

// The number each status's send dialled, found by the notification id Meta echoes or the wamid.
const SENT_TO = statement<{ tenants: string[]; ids: (string | null)[]; wamids: string[] }, { ord: string; recipient: string }>(
  'sigillo-identities-sent-to',
  (p) => sql`
SELECT k.ord::text AS ord, n.recipient
  FROM unnest(${p.tenants}::uuid[], ${p.ids}::uuid[], ${p.wamids}::text[]) WITH ORDINALITY AS k(tenant_id, id, wamid, ord)
  CROSS JOIN LATERAL (SELECT recipient FROM notifications
                       WHERE tenant_id = k.tenant_id AND (id = k.id OR wamid = k.wamid) AND recipient IS NOT NULL LIMIT 1) n`,
);

/** A status of our own send: who it was for, and the identifiers Meta named for that user. */
export interface SentStatusIdentifiers {
  tenantId: string;
  notificationId: string | null;
  wamid: string;
  identifiers: (string | null)[];
}

const tenantKey = (tenantId: string, key: string) => `contact_identifiers:${tenantId}:${key}`;

/**
 * The links between a tenant's identifiers of one WhatsApp user (identity-links.ts decides them).
 * Statements reading consent or the window by recipient use IDENTIFIERS_OF_SAME_PERSON instead.
 */
@Injectable()
export class IdentityRepository {
  // Every send answer and status names its user again: the links asked for at once are read in one
  // statement and, when something is new, written in one transaction (one per send cost the bench
  // its drain with status webhooks on: ~80 sends/s, the pool held by link transactions).
  private readonly batches = new GroupCommit<LinkRequest, void>(
    async (requests) => {
      await this.linkMany(requests);
      return requests.map(() => undefined);
    },
    { maxBatch: 200, maxInFlight: 2 },
  );

  constructor(private readonly pool: PgPool) {}

  /** Links each group of identifiers Meta named together; callers at once share a batch. */
  async link(tenantId: string, groups: readonly (readonly (string | null | undefined)[])[]): Promise<void> {
    if (!namesSeveral(groups)) return;
    await this.batches.submit({ tenantId, groups });
  }

  /**
   * Statuses of our own sends: the number we dialled (the notification's recipient), the wa_id
   * Meta resolved it to (recipient_id: Brazil and Mexico may differ) and the BSUID are one person.
   */
  async linkSent(statuses: readonly SentStatusIdentifiers[]): Promise<void> {
    const named = statuses.filter((s) => s.identifiers.some((x) => x));
    if (named.length === 0) return;
    const rows = await SENT_TO.rows(this.pool, {
      tenants: named.map((s) => s.tenantId),
      ids: named.map((s) => s.notificationId),
      wamids: named.map((s) => s.wamid),
    });
    const dialled = new Map(rows.map((r) => [Number(r.ord) - 1, r.recipient]));
    await this.linkMany(named.map((s, i) => ({ tenantId: s.tenantId, groups: [[dialled.get(i) ?? null, ...s.identifiers]] })));
  }

  /**
   * Applies a batch of link requests. Mostly everything is linked already (every status and send
   * names it again): one read, no transaction. Otherwise, under locks on the identifiers and on the
   * persons they belong to, taken in one sorted order: two batches naming the same user at once
   * would otherwise each draw a person, and a merge must not race an assignment to the person it
   * empties. Other users' links go on meanwhile (a lock per tenant serialised every first contact).
   */
  private async linkMany(requests: readonly LinkRequest[]): Promise<void> {
    const wanted = identifiersToRead(requests);
    if (wanted.size === 0) return;
    const pairs = [...wanted].flatMap(([tenantId, ids]) => ids.map((identifier) => ({ tenantId, identifier })));
    const read = async (q: Parameters<typeof KNOWN.rows>[0]) => {
      const known = new Map<string, Map<string, string>>();
      const detached = new Map<string, Map<string, string>>();
      for (const r of await KNOWN.rows(q, { tenants: pairs.map((x) => x.tenantId), identifiers: pairs.map((x) => x.identifier) })) {
        known.set(r.tenant_id, (known.get(r.tenant_id) ?? new Map()).set(r.identifier, r.person_id));
        if (r.detached_from !== null) detached.set(r.tenant_id, (detached.get(r.tenant_id) ?? new Map()).set(r.identifier, r.detached_from));
      }
      return { known, detached };
    };
    const seen = await read(this.pool);
    if (planLinkBatch(requests, seen.known, () => 'new', seen.detached).length === 0) return;
    await withTransaction(this.pool, async (tx) => {
      const personsOf = (known: Map<string, Map<string, string>>) => [...known].flatMap(([t, m]) => [...new Set(m.values())].map((p) => tenantKey(t, p)));
      const locked = new Set([...pairs.map((x) => tenantKey(x.tenantId, x.identifier)), ...personsOf(seen.known)]);
      await LOCK.run(tx, { keys: [...locked] });
      const now = await read(tx);
      // A merge that committed before the locks moved these identifiers to a person not locked yet.
      const moved = personsOf(now.known).filter((k) => !locked.has(k));
      if (moved.length > 0) await LOCK.run(tx, { keys: moved });
      await applyPlans(tx, planLinkBatch(requests, now.known, randomUUID, now.detached));
    });
  }

  /**
   * A user's new number or BSUID (identity-links.ts's planIdentifierChange decides what moves):
   * the old number leaves the person, the new identifiers join what the user keeps. One
   * transaction, under the locks linkMany takes, on the identifiers and on the person.
   */
  async changeIdentifier(tenantId: string, change: IdentifierChange): Promise<void> {
    const from = normalizeIdentifier(change.from)?.value;
    if (from === undefined) return;
    const names = [...new Set([change.from, ...change.previous, ...change.to].flatMap((x) => normalizeIdentifier(x)?.value ?? []))];
    await withTransaction(this.pool, async (tx) => {
      const readKnown = () => KNOWN.rows(tx, { tenants: names.map(() => tenantId), identifiers: names });
      const locked = new Set(names.map((x) => tenantKey(tenantId, x)));
      await LOCK.run(tx, { keys: [...locked] });
      // Locked in two steps like linkMany: a merge may move these identifiers while we wait.
      for (;;) {
        const persons = [...new Set((await readKnown()).map((r) => tenantKey(tenantId, r.person_id)))].filter((k) => !locked.has(k));
        if (persons.length === 0) break;
        await LOCK.run(tx, { keys: persons });
        for (const k of persons) locked.add(k);
      }
      const members = (await MEMBERS.rows(tx, { tenantId, identifier: from })).map((m) => ({
        identifier: m.identifier,
        kind: m.kind as IdentifierKind,
        detachedAt: m.detached_at,
      }));
      const plan = planIdentifierChange(change, members);
      if (plan.join.length === 0 && plan.detach.length === 0) return;
      const left = plan.detach.length > 0 ? ((await PERSON_OF.rows(tx, { tenantId, identifiers: [from] }))[0]?.person_id ?? null) : null;
      if (plan.clear.length > 0) await CLEAR_DETACHED.run(tx, { tenantId, identifiers: plan.clear });
      const known = new Map<string, string>();
      const detached = new Map<string, string>();
      for (const r of await readKnown()) {
        known.set(r.identifier, r.person_id);
        if (r.detached_from !== null) detached.set(r.identifier, r.detached_from);
      }
      await applyPlans(tx, [{ tenantId, plan: planIdentityLinks([plan.join], known, randomUUID, detached) }]);
      if (plan.detach.length === 0) return;
      // Whom the old number is kept from: the person the user is now, or was when nothing joined.
      const user = (await PERSON_OF.rows(tx, { tenantId, identifiers: plan.join }))[0]?.person_id;
      await DETACH.run(tx, {
        tenantId,
        identifiers: plan.detach.map((d) => d.identifier),
        kinds: plan.detach.map((d) => d.kind),
        person: randomUUID(),
        from: user ?? left,
        at: change.occurredAt,
      });
    });
  }

  /** Every identifier linked to this one (itself included). */
  async linked(tenantId: string, identifier: string): Promise<string[]> {
    const rows = await LINKED.rows(this.pool, { tenantId, identifier });
    return rows.map((r) => r.identifier);
  }
}

const LINKED = statement<{ tenantId: string; identifier: string }, { identifier: string }>(
  'sigillo-identities-linked',
  (p) => sql`
SELECT ${p.identifier}::text AS identifier
UNION
SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
 WHERE s.tenant_id = ${p.tenantId} AND s.identifier = ${p.identifier}`,
);

async function applyPlans(tx: Parameters<typeof ASSIGN.run>[0], plans: readonly { tenantId: string; plan: LinkPlan }[]): Promise<void> {
  for (const { tenantId, plan } of plans) for (const m of plan.merges) await MERGE.run(tx, { tenantId, from: m.from, into: m.into });
  const assign = plans.flatMap(({ tenantId, plan }) => plan.assign.map((a) => ({ tenantId, ...a })));
  if (assign.length === 0) return;
  await ASSIGN.run(tx, {
    tenants: assign.map((a) => a.tenantId),
    identifiers: assign.map((a) => a.identifier),
    kinds: assign.map((a) => a.kind),
    persons: assign.map((a) => a.personId),
  });
}
