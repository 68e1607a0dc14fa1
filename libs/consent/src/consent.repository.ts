import { Injectable } from '@nestjs/common';
import type { JsonObject, NewLedgerEntry } from '#sigillo/ledger';
import { LedgerAppender, type EntryColumns, type EntryRefs } from '#sigillo/ledger';
import { GroupCommit, PgPool } from '#sigillo/platform';
import { sql, statement } from '#sigillo/db';
import type { ConsentInsertResult, ConsentRecord, NewConsent } from './consent-records.js';
import { ConsentAction, ConsentCategory, ConsentView, NO_CONSENT } from './consent.js';

// The entry's id is drawn before either row exists so the consent can point at it: one statement
// cannot update a row another of its parts inserted. A repeated client id inserts neither row
// (the ledger insert reads from the consent insert) and only burns a sequence number, and ids are
// arrival order only, never log positions, so the gap means nothing.
const RECORD_CONSENT = statement<RecordConsentParams, { recorded_at: Date }>(
  'sigillo-record-consent',
  (p) => sql`
WITH c AS (
  INSERT INTO consents (id, tenant_id, client_id, request_hash, phone, user_id, category, action, source, evidence, occurred_at, ledger_entry_id)
  VALUES (${p.id}, ${p.tenantId}, ${p.clientId}, ${p.requestHash}, ${p.phone}, ${p.userId}, ${p.category}, ${p.action}, ${p.source}, ${p.evidence}::jsonb,
          ${p.occurredAt}, nextval(pg_get_serial_sequence('ledger_entries', 'id')))
  ON CONFLICT (tenant_id, client_id) DO NOTHING
  RETURNING ledger_entry_id, recorded_at, 1::bigint AS ord
), le AS (
  ${LedgerAppender.sql(p, { rows: 'c', key: 'ord', id: 'ledger_entry_id' })}
)
SELECT recorded_at FROM c`,
);

/** The consent's columns, and its one entry (entryRefs [1]: appended only when the consent row is). */
interface RecordConsentParams extends EntryColumns, EntryRefs {
  id: string;
  tenantId: string;
  clientId: string | null;
  requestHash: string | null;
  phone: string;
  userId: string | null;
  category: ConsentCategory;
  action: ConsentAction;
  source: string;
  /** JSON text, parsed by PostgreSQL. */
  evidence: string;
  occurredAt: Date;
}

const RECORD_COLUMNS = sql`c.id::text AS id, c.tenant_id::text AS tenant_id, c.client_id, c.request_hash, c.phone, c.user_id, c.category, c.action,
       c.source, c.evidence, c.occurred_at, c.recorded_at, e.seq::text AS seq
  FROM consents c LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id`;

interface RecordRow {
  id: string;
  tenant_id: string;
  client_id: string | null;
  request_hash: string | null;
  phone: string;
  user_id: string | null;
  category: ConsentCategory;
  action: ConsentAction;
  source: string;
  evidence: JsonObject;
  occurred_at: Date;
  recorded_at: Date;
  seq: string | null;
}

const CONSENT_VIEWS = statement<
  { tenantIds: string[]; phones: string[] },
  { tenant_id: string; phone: string; category: ConsentCategory; action: ConsentAction; id: string; seq: string | null }
>(
  'sigillo-consent-views',
  (p) => sql`
SELECT DISTINCT ON (k.tenant_id, k.phone, c.category) k.tenant_id::text AS tenant_id, k.phone, c.category, c.action, c.id::text AS id, e.seq::text AS seq
  FROM unnest(${p.tenantIds}::uuid[], ${p.phones}::text[]) AS k(tenant_id, phone)
  -- Consent follows the person: a STOP from the BSUID or Meta's resolved wa_id counts for the number dialled (contact_identifiers).
  CROSS JOIN LATERAL (
    SELECT k.phone AS identifier
    UNION
    SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
     WHERE s.tenant_id = k.tenant_id AND s.identifier = k.phone
  ) ids
  JOIN consents c ON c.tenant_id = k.tenant_id AND c.phone = ids.identifier
  LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id
 ORDER BY k.tenant_id, k.phone, c.category, c.occurred_at DESC, c.recorded_at DESC`,
);

const CONSENT_BY_CLIENT_ID = statement<{ tenantId: string; clientId: string | null | undefined }, RecordRow>(
  'sigillo-consent-by-client-id',
  (p) => sql`SELECT ${RECORD_COLUMNS} WHERE c.tenant_id = ${p.tenantId} AND c.client_id = ${p.clientId}`,
);

const CONSENT_HISTORY = statement<{ tenantId: string; phone: string }, RecordRow>(
  'sigillo-consent-history',
  (p) => sql`SELECT ${RECORD_COLUMNS} WHERE c.tenant_id = ${p.tenantId} AND c.phone = ${p.phone} ORDER BY c.occurred_at DESC, c.recorded_at DESC, c.id`,
);

const LATEST_PHONE_OF_USER = statement<{ tenantId: string; userId: string }, { phone: string | null }>(
  'sigillo-latest-phone-of-user',
  (p) => sql`
SELECT payload->'recipient'->>'phone' AS phone FROM events
 WHERE tenant_id = ${p.tenantId} AND payload->'recipient'->>'userId' = ${p.userId}
 ORDER BY occurred_at DESC, received_at DESC LIMIT 1`,
);

@Injectable()
export class ConsentRepository {
  // One read at a time, like the intake it precedes (see INTAKE_BATCH): bigger batches, less CPU.
  private readonly views = new GroupCommit<{ tenantId: string; phone: string }, ConsentView>((keys) => this.viewMany(keys), { maxBatch: 64, maxInFlight: 1 });

  constructor(private readonly pool: PgPool) {}

  /**
   * The latest change per category for one recipient (latest by when it happened, then recorded).
   * Read for every event, so the reads arriving together share one query (group commit).
   */
  view(tenantId: string, phone: string): Promise<ConsentView> {
    return this.views.submit({ tenantId, phone });
  }

  private async viewMany(keys: { tenantId: string; phone: string }[]): Promise<ConsentView[]> {
    const rows = await CONSENT_VIEWS.rows(this.pool, { tenantIds: keys.map((k) => k.tenantId), phones: keys.map((k) => k.phone) });
    const views = new Map<string, ConsentView>();
    for (const r of rows) {
      const key = `${r.tenant_id}/${r.phone}`;
      const view = views.get(key) ?? { ...NO_CONSENT };
      view[r.category] = { action: r.action, consentId: r.id, seq: r.seq === null ? null : BigInt(r.seq) };
      views.set(key, view);
    }
    return keys.map((k) => views.get(`${k.tenantId}/${k.phone}`) ?? { ...NO_CONSENT });
  }

  /**
   * The consent row and its pending consent.changed entry in one statement: atomic, one round trip.
   * A client id already used inserts nothing and gets the first record; a concurrent repeat waits
   * on the unique index and then sees the first one's row.
   */
  async insert(consent: NewConsent, entry: NewLedgerEntry): Promise<ConsentInsertResult> {
    const rows = await RECORD_CONSENT.rows(this.pool, {
      id: consent.id,
      tenantId: consent.tenantId,
      clientId: consent.clientId ?? null,
      requestHash: consent.requestHash ?? null,
      phone: consent.phone,
      userId: consent.userId ?? null,
      category: consent.category,
      action: consent.action,
      source: consent.source,
      evidence: JSON.stringify(consent.evidence),
      occurredAt: consent.occurredAt,
      ...LedgerAppender.columns([entry], [1]),
    });
    if (rows.length === 1) {
      return {
        created: true,
        record: {
          id: consent.id,
          tenantId: consent.tenantId,
          clientId: consent.clientId ?? null,
          phone: consent.phone,
          userId: consent.userId ?? null,
          category: consent.category,
          action: consent.action,
          source: consent.source,
          evidence: consent.evidence,
          occurredAt: consent.occurredAt,
          recordedAt: rows[0].recorded_at,
          seq: null,
        },
      };
    }
    // Only a client id conflicts: a change without one is always inserted.
    const [row] = await CONSENT_BY_CLIENT_ID.rows(this.pool, { tenantId: consent.tenantId, clientId: consent.clientId });
    return { created: false, requestHash: row.request_hash, record: toRecord(row) };
  }

  /** Every change recorded for one recipient, newest first (by when it happened, then recorded). */
  async history(tenantId: string, phone: string): Promise<ConsentRecord[]> {
    const rows = await CONSENT_HISTORY.rows(this.pool, { tenantId, phone });
    return rows.map(toRecord);
  }

  /** The number the tenant's most recent event for this Passweb user went to, if any. */
  async latestPhoneOfUser(tenantId: string, userId: string): Promise<string | null> {
    const rows = await LATEST_PHONE_OF_USER.rows(this.pool, { tenantId, userId });
    return rows[0]?.phone ?? null;
  }
}

function toRecord(r: RecordRow): ConsentRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    clientId: r.client_id,
    phone: r.phone,
    userId: r.user_id,
    category: r.category,
    action: r.action,
    source: r.source,
    evidence: r.evidence,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    seq: r.seq === null ? null : BigInt(r.seq),
  };
}
