import { Injectable } from '@nestjs/common';
import { sql, statement, type Row } from '#sigillo/db';
import {
  configApiKeyCreated,
  configApiKeyRevoked,
  LedgerAppender,
  type EntryColumns,
  type EntryRefs,
  type LedgerActor,
  type NewLedgerEntry,
} from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';
import type { ApiRole } from './api-role.js';

/** An API key as listed to its admins: never the key, nor its hash. */
export interface ApiKeyListing {
  id: string;
  tenantId: string | null;
  role: ApiRole;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

type EntryParams = EntryColumns & EntryRefs;

// The key and its config.api_key_created entry in one statement: a key exists only with its record.
const INSERT_KEY = statement<{ id: string; role: ApiRole; keyHash: string; label: string; tenantId: string | null } & EntryParams, { id: string }>(
  'sigillo-api-key-insert',
  (p) => sql`
WITH k AS (
  INSERT INTO api_keys (id, tenant_id, role, label, key_hash) VALUES (${p.id}::uuid, ${p.tenantId}::uuid, ${p.role}::api_role, ${p.label}, ${p.keyHash})
  RETURNING id, tenant_id, 1::bigint AS ref
), le AS (
  ${LedgerAppender.sql(p, { rows: 'k', key: 'ref' })}
)
SELECT id::text AS id FROM k`,
);

const FIND_ACTIVE = statement<{ keyHash: string }, { id: string; role: ApiRole; tenant_id: string | null }>(
  'sigillo-api-key-find-active',
  (p) => sql`SELECT id::text AS id, role::text AS role, tenant_id::text AS tenant_id FROM api_keys WHERE key_hash = ${p.keyHash} AND revoked_at IS NULL`,
);

type KeyRow = Row<'api_keys', 'label' | 'created_at' | 'revoked_at'> & { id: string; tenant_id: string | null; role: ApiRole };

const LIST = statement<{ tenantId: string }, KeyRow>(
  'sigillo-api-key-list',
  (p) => sql`SELECT id::text AS id, tenant_id::text AS tenant_id, role::text AS role, label, created_at, revoked_at
               FROM api_keys WHERE tenant_id = ${p.tenantId}::uuid ORDER BY created_at DESC, id`,
);

// Revoked once: a second revocation changes nothing and records nothing.
const REVOKE = statement<{ id: string; tenantId: string } & EntryParams, { id: string }>(
  'sigillo-api-key-revoke',
  (p) => sql`
WITH k AS (
  UPDATE api_keys SET revoked_at = now() WHERE id = ${p.id}::uuid AND tenant_id = ${p.tenantId}::uuid AND revoked_at IS NULL
  RETURNING id, tenant_id, 1::bigint AS ref
), le AS (
  ${LedgerAppender.sql(p, { rows: 'k', key: 'ref' })}
)
SELECT id::text AS id FROM k`,
);

const EXISTS_IN_TENANT = statement<{ id: string; tenantId: string }, { revoked: boolean }>(
  'sigillo-api-key-exists',
  (p) => sql`SELECT revoked_at IS NOT NULL AS revoked FROM api_keys WHERE id = ${p.id}::uuid AND tenant_id = ${p.tenantId}::uuid`,
);

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly pool: PgPool) {}

  async insert(key: { id: string; role: ApiRole; keyHash: string; label: string; tenantId: string | null }, actor: LedgerActor): Promise<{ id: string }> {
    const entry = entryParams(configApiKeyCreated({ tenantId: key.tenantId, actor, keyId: key.id, role: key.role, label: key.label }));
    const [row] = await INSERT_KEY.rows(this.pool, { ...key, ...entry });
    return row;
  }

  async findActive(keyHash: string): Promise<{ id: string; role: ApiRole; tenantId: string | null } | null> {
    const [row] = await FIND_ACTIVE.rows(this.pool, { keyHash });
    return row ? { id: row.id, role: row.role, tenantId: row.tenant_id } : null;
  }

  async list(tenantId: string): Promise<ApiKeyListing[]> {
    const rows = await LIST.rows(this.pool, { tenantId });
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, role: r.role, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  /** 'revoked' now, 'already' when it was, 'missing' when the tenant has no such key. */
  async revoke(id: string, tenantId: string, actor: LedgerActor): Promise<'revoked' | 'already' | 'missing'> {
    const entry = entryParams(configApiKeyRevoked({ tenantId, actor, keyId: id }));
    const rows = await REVOKE.rows(this.pool, { id, tenantId, ...entry });
    if (rows.length === 1) return 'revoked';
    const [found] = await EXISTS_IN_TENANT.rows(this.pool, { id, tenantId });
    return found ? 'already' : 'missing';
  }
}

function entryParams(entry: NewLedgerEntry): EntryParams {
  return LedgerAppender.columns([entry], [1]);
}
