import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { sql, statement, withTransaction } from '../../db/src/index.js';
import { normalizeIdentifier, planIdentityLinks } from './identity-links.js';

const KNOWN = statement<{ tenantId: string; identifiers: string[] }, { identifier: string; person_id: string }>('sigillo-identities-known', (p) => sql`
SELECT identifier, person_id::text AS person_id FROM contact_identifiers WHERE tenant_id = ${p.tenantId} AND identifier = ANY(${p.identifiers}::text[])`);

// Sorted before taking them, so two linkers wanting overlapping keys queue instead of deadlocking.
const LOCK = statement<{ keys: string[] }>('sigillo-identities-lock', (p) => sql`
SELECT pg_advisory_xact_lock(k.h) FROM (SELECT DISTINCT hashtextextended(x, 0) AS h FROM unnest(${p.keys}::text[]) AS x ORDER BY 1) AS k`);

const MERGE = statement<{ tenantId: string; from: string; into: string }>('sigillo-identities-merge', (p) => sql`
UPDATE contact_identifiers SET person_id = ${p.into}::uuid, linked_at = now() WHERE tenant_id = ${p.tenantId} AND person_id = ${p.from}::uuid`);

const ASSIGN = statement<{ tenantId: string; identifiers: string[]; kinds: string[]; persons: string[] }>('sigillo-identities-assign', (p) => sql`
INSERT INTO contact_identifiers (tenant_id, identifier, kind, person_id)
SELECT ${p.tenantId}, k.identifier, k.kind, k.person_id::uuid FROM unnest(${p.identifiers}::text[], ${p.kinds}::text[], ${p.persons}::text[]) AS k(identifier, kind, person_id)
ON CONFLICT (tenant_id, identifier) DO UPDATE SET person_id = EXCLUDED.person_id, linked_at = now()`);

/**
 * The links between a tenant's identifiers of one WhatsApp user (identity-links.ts decides them).
 * Statements reading consent or the window by recipient use IDENTIFIERS_OF_SAME_PERSON instead.
 */
@Injectable()
export class IdentityRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Links each group of identifiers Meta named together. Under locks on those identifiers and on
   * the persons they belong to, taken in one sorted order: two webhooks naming the same user at
   * once would otherwise each draw a person, and a merge must not race an assignment to the person
   * it empties. Other users' links go on meanwhile (a lock per tenant serialised every first
   * contact: 19 of 21 connections waited on it while sends fell to 66/s in the bench).
   */
  async link(tenantId: string, groups: readonly (readonly (string | null | undefined)[])[]): Promise<void> {
    const all = [...new Set(groups.flat().map((g) => normalizeIdentifier(g)?.value).filter((x): x is string => !!x))];
    if (groups.every((g) => g.filter((x) => normalizeIdentifier(x)).length < 2)) return;
    // Mostly they are linked already (every status and send names them again): one read, no transaction.
    const seen = new Map((await KNOWN.rows(this.pool, { tenantId, identifiers: all })).map((r) => [r.identifier, r.person_id]));
    const draft = planIdentityLinks(groups, seen, () => 'new');
    if (draft.assign.length === 0 && draft.merges.length === 0) return;
    await withTransaction(this.pool, async (tx) => {
      const lock = (keys: string[]) => LOCK.run(tx, { keys: keys.map((k) => `contact_identifiers:${tenantId}:${k}`) });
      const locked = new Set([...all, ...seen.values()]);
      await lock([...locked]);
      const known = new Map((await KNOWN.rows(tx, { tenantId, identifiers: all })).map((r) => [r.identifier, r.person_id]));
      // A merge that committed before the locks moved these identifiers to a person not locked yet.
      const moved = [...new Set(known.values())].filter((person) => !locked.has(person));
      if (moved.length > 0) await lock(moved);
      const plan = planIdentityLinks(groups, known, randomUUID);
      for (const m of plan.merges) await MERGE.run(tx, { tenantId, from: m.from, into: m.into });
      if (plan.assign.length === 0) return;
      await ASSIGN.run(tx, {
        tenantId,
        identifiers: plan.assign.map((a) => a.identifier),
        kinds: plan.assign.map((a) => a.kind),
        persons: plan.assign.map((a) => a.personId),
      });
    });
  }

  /**
   * A status of our own send: the number we dialled (the notification's recipient), the wa_id Meta
   * resolved it to (recipient_id: Brazil and Mexico may differ) and the BSUID are one person.
   * Found by the notification id Meta echoes, or the wamid once the send is recorded.
   */
  async linkSent(tenantId: string, ref: { notificationId: string | null; wamid: string }, identifiers: (string | null)[]): Promise<void> {
    const rows = await SENT_TO.rows(this.pool, { tenantId, notificationId: ref.notificationId, wamid: ref.wamid });
    await this.link(tenantId, [[rows[0]?.recipient ?? null, ...identifiers]]);
  }

  /** Every identifier linked to this one (itself included). */
  async linked(tenantId: string, identifier: string): Promise<string[]> {
    const rows = await LINKED.rows(this.pool, { tenantId, identifier });
    return rows.map((r) => r.identifier);
  }
}

const SENT_TO = statement<{ tenantId: string; notificationId: string | null; wamid: string }, { recipient: string }>('sigillo-identities-sent-to', (p) => sql`
SELECT recipient FROM notifications
 WHERE tenant_id = ${p.tenantId} AND (id = ${p.notificationId}::uuid OR wamid = ${p.wamid}) LIMIT 1`);

const LINKED = statement<{ tenantId: string; identifier: string }, { identifier: string }>('sigillo-identities-linked', (p) => sql`
SELECT ${p.identifier}::text AS identifier
UNION
SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
 WHERE s.tenant_id = ${p.tenantId} AND s.identifier = ${p.identifier}`);
