import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { GroupCommit } from '../../platform/src/group-commit.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import type { ConsentInsertResult, ConsentRecord, NewConsent } from './consent-records.js';
import { ConsentAction, ConsentCategory, ConsentView, NO_CONSENT } from './consent.js';

// The entry's id is drawn before either row exists so the consent can point at it: one statement
// cannot update a row another of its parts inserted. A repeated client id inserts neither row
// (the ledger insert reads from the consent insert) and only burns a sequence number, and ids are
// arrival order only, never log positions, so the gap means nothing.
const RECORD_CONSENT = `
WITH c AS (
  INSERT INTO consents (id, tenant_id, client_id, request_hash, phone, user_id, category, action, source, evidence, occurred_at, ledger_entry_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, nextval(pg_get_serial_sequence('ledger_entries', 'id')))
  ON CONFLICT (tenant_id, client_id) DO NOTHING
  RETURNING ledger_entry_id, recorded_at
), le AS (
  INSERT INTO ledger_entries (id, type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT c.ledger_entry_id, $12, $11, $13::jsonb, decode($14, 'hex'), $2, decode($15, 'hex') FROM c
)
SELECT recorded_at FROM c`;

const RECORD_COLUMNS = `c.id::text AS id, c.tenant_id::text AS tenant_id, c.client_id, c.request_hash, c.phone, c.user_id, c.category, c.action,
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

const CONSENT_VIEWS = `
SELECT DISTINCT ON (c.tenant_id, c.phone, c.category) c.tenant_id::text AS tenant_id, c.phone, c.category, c.action, c.id::text AS id, e.seq::text AS seq
  FROM unnest($1::uuid[], $2::text[]) AS k(tenant_id, phone)
  JOIN consents c ON c.tenant_id = k.tenant_id AND c.phone = k.phone
  LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id
 ORDER BY c.tenant_id, c.phone, c.category, c.occurred_at DESC, c.recorded_at DESC`;

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
    const { rows } = await this.pool.query<{ tenant_id: string; phone: string; category: ConsentCategory; action: ConsentAction; id: string; seq: string | null }>({
      name: 'sigillo-consent-views',
      text: CONSENT_VIEWS,
      values: [keys.map((k) => k.tenantId), keys.map((k) => k.phone)],
    });
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
    const e = pendingEntryColumns([entry]);
    const { rows } = await this.pool.query<{ recorded_at: Date }>({
      name: 'sigillo-record-consent',
      text: RECORD_CONSENT,
      values: [
        consent.id,
        consent.tenantId,
        consent.clientId ?? null,
        consent.requestHash ?? null,
        consent.phone,
        consent.userId ?? null,
        consent.category,
        consent.action,
        consent.source,
        JSON.stringify(consent.evidence),
        consent.occurredAt,
        e.types[0],
        e.bodies[0],
        e.salts[0],
        e.subjects[0],
      ],
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
    const first = await this.pool.query<RecordRow>({
      name: 'sigillo-consent-by-client-id',
      text: `SELECT ${RECORD_COLUMNS} WHERE c.tenant_id = $1 AND c.client_id = $2`,
      values: [consent.tenantId, consent.clientId],
    });
    const row = first.rows[0];
    return { created: false, requestHash: row.request_hash, record: toRecord(row) };
  }

  /** Every change recorded for one recipient, newest first (by when it happened, then recorded). */
  async history(tenantId: string, phone: string): Promise<ConsentRecord[]> {
    const { rows } = await this.pool.query<RecordRow>({
      name: 'sigillo-consent-history',
      text: `SELECT ${RECORD_COLUMNS} WHERE c.tenant_id = $1 AND c.phone = $2 ORDER BY c.occurred_at DESC, c.recorded_at DESC, c.id`,
      values: [tenantId, phone],
    });
    return rows.map(toRecord);
  }

  /** The number the tenant's most recent event for this Passweb user went to, if any. */
  async latestPhoneOfUser(tenantId: string, userId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ phone: string | null }>({
      name: 'sigillo-latest-phone-of-user',
      text: `SELECT payload->'recipient'->>'phone' AS phone FROM events
              WHERE tenant_id = $1 AND payload->'recipient'->>'userId' = $2
              ORDER BY occurred_at DESC, received_at DESC LIMIT 1`,
      values: [tenantId, userId],
    });
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
