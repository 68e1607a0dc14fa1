import { Injectable } from '@nestjs/common';
import { sql, statement } from '#sigillo/db';
import {
  configStaffAccountCreated,
  configStaffAccountDisabled,
  LedgerAppender,
  type EntryColumns,
  type EntryRefs,
  type LedgerActor,
  type NewLedgerEntry,
} from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';
import type { StaffRole } from './staff-role.js';

/** A staff account as shown: never its password hash. */
export interface StaffAccount {
  id: string;
  tenantId: string | null;
  email: string;
  displayName: string;
  role: StaffRole;
  disabledAt: Date | null;
  createdAt: Date;
  createdBy: string;
}

/** A live session with its account. */
export interface StaffSessionRecord {
  account: StaffAccount;
  csrfToken: string;
}

type EntryParams = EntryColumns & EntryRefs;

interface AccountRow {
  id: string;
  tenant_id: string | null;
  email: string;
  display_name: string;
  role: StaffRole;
  disabled_at: Date | null;
  created_at: Date;
  created_by: string;
}

const ACCOUNT_COLUMNS = sql`a.id::text AS id, a.tenant_id::text AS tenant_id, a.email, a.display_name, a.role, a.disabled_at, a.created_at, a.created_by`;

// The account and its config.staff_account_created entry in one statement; an e-mail already used
// in the tenant inserts nothing (and records nothing).
const CREATE = statement<
  { id: string; tenantId: string | null; email: string; displayName: string; role: StaffRole; passwordHash: string; createdBy: string } & EntryParams,
  AccountRow
>(
  'sigillo-staff-create',
  (p) => sql`
WITH a AS (
  INSERT INTO staff_accounts (id, tenant_id, email, display_name, role, password_hash, created_by)
  VALUES (${p.id}::uuid, ${p.tenantId}::uuid, ${p.email}, ${p.displayName}, ${p.role}, ${p.passwordHash}, ${p.createdBy})
  ON CONFLICT (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), email) DO NOTHING
  RETURNING *, 1::bigint AS ref
), le AS (
  ${LedgerAppender.sql(p, { rows: 'a', key: 'ref' })}
)
SELECT ${ACCOUNT_COLUMNS} FROM a`,
);

const FOR_SIGN_IN = statement<{ tenantId: string | null; email: string }, AccountRow & { password_hash: string }>(
  'sigillo-staff-for-sign-in',
  (p) => sql`SELECT ${ACCOUNT_COLUMNS}, a.password_hash FROM staff_accounts a
              WHERE a.tenant_id IS NOT DISTINCT FROM ${p.tenantId}::uuid AND a.email = ${p.email}`,
);

const LIST = statement<{ tenantId: string | null; all: boolean }, AccountRow>(
  'sigillo-staff-list',
  (p) => sql`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts a
              WHERE ${p.all}::boolean OR a.tenant_id IS NOT DISTINCT FROM ${p.tenantId}::uuid
              ORDER BY a.tenant_id NULLS FIRST, a.email`,
);

// Disabled once, its sessions ended with it, and the change recorded: all in one statement.
const DISABLE = statement<{ id: string; tenantId: string | null; anyTenant: boolean } & EntryParams, AccountRow>(
  'sigillo-staff-disable',
  (p) => sql`
WITH a AS (
  UPDATE staff_accounts SET disabled_at = now()
   WHERE id = ${p.id}::uuid AND disabled_at IS NULL AND (${p.anyTenant}::boolean OR tenant_id IS NOT DISTINCT FROM ${p.tenantId}::uuid)
  RETURNING *, 1::bigint AS ref
), s AS (
  DELETE FROM staff_sessions WHERE account_id IN (SELECT id FROM a)
), le AS (
  ${LedgerAppender.sql(p, { rows: 'a', key: 'ref' })}
)
SELECT ${ACCOUNT_COLUMNS} FROM a`,
);

const FIND = statement<{ id: string }, AccountRow>(
  'sigillo-staff-find',
  (p) => sql`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts a WHERE a.id = ${p.id}::uuid`,
);

const FIND_BY_EMAIL = statement<{ tenantId: string | null; email: string }, AccountRow>(
  'sigillo-staff-find-by-email',
  (p) => sql`SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts a WHERE a.tenant_id IS NOT DISTINCT FROM ${p.tenantId}::uuid AND a.email = ${p.email}`,
);

const INSERT_SESSION = statement<{ id: string; accountId: string; csrfToken: string; now: Date; expiresAt: Date }>(
  'sigillo-staff-session-insert',
  (p) => sql`INSERT INTO staff_sessions (id, account_id, csrf_token, created_at, last_seen_at, expires_at)
             VALUES (${p.id}, ${p.accountId}::uuid, ${p.csrfToken}, ${p.now}, ${p.now}, ${p.expiresAt})`,
);

// A live session of an enabled account is touched (its idle timer restarts) and returned; a dead one is not.
const TOUCH_SESSION = statement<{ id: string; now: Date; idleCutoff: Date }, AccountRow & { csrf_token: string }>(
  'sigillo-staff-session-touch',
  (p) => sql`
UPDATE staff_sessions s SET last_seen_at = ${p.now}
  FROM staff_accounts a
 WHERE s.id = ${p.id} AND a.id = s.account_id AND a.disabled_at IS NULL
   AND s.expires_at > ${p.now} AND s.last_seen_at > ${p.idleCutoff}
RETURNING ${ACCOUNT_COLUMNS}, s.csrf_token`,
);

const DELETE_SESSION = statement<{ id: string }>('sigillo-staff-session-delete', (p) => sql`DELETE FROM staff_sessions WHERE id = ${p.id}`);

const DELETE_DEAD_SESSIONS = statement<{ now: Date; idleCutoff: Date }>(
  'sigillo-staff-session-sweep',
  (p) => sql`DELETE FROM staff_sessions WHERE expires_at <= ${p.now} OR last_seen_at <= ${p.idleCutoff}`,
);

const RECENT_FAILURES = statement<{ scopes: string[]; keys: string[]; since: Date }, { scope: string; at: Date }>(
  'sigillo-staff-login-failures',
  (p) => sql`SELECT f.scope, f.at FROM staff_login_failures f
               JOIN unnest(${p.scopes}::text[], ${p.keys}::text[]) AS k(scope, key) ON f.scope = k.scope AND f.key = k.key
              WHERE f.at > ${p.since}`,
);

const RECORD_FAILURE = statement<{ scopes: string[]; keys: string[]; at: Date }>(
  'sigillo-staff-login-failure-insert',
  (p) => sql`INSERT INTO staff_login_failures (scope, key, at) SELECT s, k, ${p.at} FROM unnest(${p.scopes}::text[], ${p.keys}::text[]) AS u(s, k)`,
);

const CLEAR_FAILURES = statement<{ scope: string; key: string }>(
  'sigillo-staff-login-failures-clear',
  (p) => sql`DELETE FROM staff_login_failures WHERE scope = ${p.scope} AND key = ${p.key}`,
);

const FORGET_OLD_FAILURES = statement<{ before: Date }>(
  'sigillo-staff-login-failures-sweep',
  (p) => sql`DELETE FROM staff_login_failures WHERE at <= ${p.before}`,
);

const RESOLVE_TENANT = statement<{ idOrName: string }, { id: string }>(
  'sigillo-staff-resolve-tenant',
  (p) => sql`SELECT id::text AS id FROM tenants WHERE id::text = lower(${p.idOrName}) OR lower(name) = lower(${p.idOrName}) LIMIT 2`,
);

@Injectable()
export class StaffRepository {
  constructor(private readonly pool: PgPool) {}

  /** The new account, or null when the e-mail is taken in its tenant. */
  async create(
    account: { id: string; tenantId: string | null; email: string; displayName: string; role: StaffRole; passwordHash: string },
    actor: LedgerActor,
  ): Promise<StaffAccount | null> {
    const entry = entryParams(configStaffAccountCreated({ tenantId: account.tenantId, actor, accountId: account.id, role: account.role }));
    const [row] = await CREATE.rows(this.pool, { ...account, createdBy: `${actor.kind}:${actor.id}`, ...entry });
    return row ? toAccount(row) : null;
  }

  async forSignIn(tenantId: string | null, email: string): Promise<{ account: StaffAccount; passwordHash: string } | null> {
    const [row] = await FOR_SIGN_IN.rows(this.pool, { tenantId, email });
    return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
  }

  /** A tenant's accounts; `tenantId` null and `all` for every account (a global operator's view). */
  async list(tenantId: string | null, all = false): Promise<StaffAccount[]> {
    return (await LIST.rows(this.pool, { tenantId, all })).map(toAccount);
  }

  async find(id: string): Promise<StaffAccount | null> {
    const [row] = await FIND.rows(this.pool, { id });
    return row ? toAccount(row) : null;
  }

  async findByEmail(tenantId: string | null, email: string): Promise<StaffAccount | null> {
    const [row] = await FIND_BY_EMAIL.rows(this.pool, { tenantId, email });
    return row ? toAccount(row) : null;
  }

  /** Disables an enabled account of `account.tenantId` (any tenant's with `anyTenant`); null when there was none to disable. */
  async disable(account: { id: string; tenantId: string | null }, anyTenant: boolean, actor: LedgerActor): Promise<StaffAccount | null> {
    const entry = entryParams(configStaffAccountDisabled({ tenantId: account.tenantId, actor, accountId: account.id }));
    const [row] = await DISABLE.rows(this.pool, { id: account.id, tenantId: account.tenantId, anyTenant, ...entry });
    return row ? toAccount(row) : null;
  }

  async insertSession(session: { id: string; accountId: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void> {
    await INSERT_SESSION.run(this.pool, session);
  }

  async touchSession(id: string, now: Date, idleCutoff: Date): Promise<StaffSessionRecord | null> {
    const [row] = await TOUCH_SESSION.rows(this.pool, { id, now, idleCutoff });
    return row ? { account: toAccount(row), csrfToken: row.csrf_token } : null;
  }

  async deleteSession(id: string): Promise<void> {
    await DELETE_SESSION.run(this.pool, { id });
  }

  async sweep(now: Date, idleCutoff: Date, failuresBefore: Date): Promise<void> {
    await DELETE_DEAD_SESSIONS.run(this.pool, { now, idleCutoff });
    await FORGET_OLD_FAILURES.run(this.pool, { before: failuresBefore });
  }

  async recentFailures(keys: { scope: string; key: string }[], since: Date): Promise<{ scope: string; at: Date }[]> {
    return RECENT_FAILURES.rows(this.pool, { scopes: keys.map((k) => k.scope), keys: keys.map((k) => k.key), since });
  }

  async recordFailure(keys: { scope: string; key: string }[], at: Date): Promise<void> {
    await RECORD_FAILURE.run(this.pool, { scopes: keys.map((k) => k.scope), keys: keys.map((k) => k.key), at });
  }

  async clearFailures(scope: string, key: string): Promise<void> {
    await CLEAR_FAILURES.run(this.pool, { scope, key });
  }

  /** The tenant named by id or (unambiguous) name; null when none or several. */
  async resolveTenant(idOrName: string): Promise<string | null> {
    const rows = await RESOLVE_TENANT.rows(this.pool, { idOrName });
    return rows.length === 1 ? rows[0].id : null;
  }
}

function toAccount(r: AccountRow): StaffAccount {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

function entryParams(entry: NewLedgerEntry): EntryParams {
  return LedgerAppender.columns([entry], [1]);
}
