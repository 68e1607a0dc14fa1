import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { sql, statement } from '#sigillo/db';
import { configTenantSettingChanged, LedgerAppender, type EntryColumns, type EntryRefs, type LedgerActor, type NewLedgerEntry } from '#sigillo/ledger';
import { PgPool, PrismaService } from '#sigillo/platform';
import type { NewTenant, NumberMode, Tenant, TenantAppSecret } from './tenant.js';

type Entries = EntryColumns & EntryRefs;

// Each change of a tenant and its config.tenant_setting_changed entries in one statement: a setting
// is in force only with the record of who set it. Secrets (token, app secret) are recorded as
// changed, never with their value.
const INSERT = statement<
  {
    id: string;
    name: string;
    phoneNumberId: string;
    wabaId: string;
    providerBaseUrl: string;
    graphVersion: string;
    providerToken: string;
    defaultLanguage: string;
    defaultCountry: string;
    throughputPerSecond: number;
    numberMode: string;
    storeInboundText: boolean;
    appSecret: string | null;
    optOutKeywords: string[];
  } & Entries,
  { id: string }
>(
  'sigillo-tenant-insert',
  (p) => sql`
WITH t AS (
  INSERT INTO tenants (id, name, phone_number_id, waba_id, provider_base_url, graph_version, provider_token, default_language, default_country,
                       throughput_per_second, number_mode, store_inbound_text, app_secret, opt_out_keywords)
  VALUES (${p.id}::uuid, ${p.name}, ${p.phoneNumberId}, ${p.wabaId}, ${p.providerBaseUrl}, ${p.graphVersion}, ${p.providerToken}, ${p.defaultLanguage}, ${p.defaultCountry},
          ${p.throughputPerSecond}, ${p.numberMode}, ${p.storeInboundText}, ${p.appSecret}, ${p.optOutKeywords}::text[])
  RETURNING id, 1::bigint AS ref
), le AS (
  ${LedgerAppender.sql(p, { rows: 't', key: 'ref' })}
)
SELECT id::text AS id FROM t`,
);

const SET_APP_SECRET = statement<{ id: string; appSecret: string | null } & Entries>(
  'sigillo-tenant-set-app-secret',
  (p) => sql`
WITH t AS (UPDATE tenants SET app_secret = ${p.appSecret} WHERE id = ${p.id}::uuid RETURNING 1::bigint AS ref), le AS (${LedgerAppender.sql(p, { rows: 't', key: 'ref' })})
SELECT ref FROM t`,
);

const SET_KEYWORDS = statement<{ id: string; keywords: string[] } & Entries>(
  'sigillo-tenant-set-keywords',
  (p) => sql`
WITH t AS (UPDATE tenants SET opt_out_keywords = ${p.keywords}::text[] WHERE id = ${p.id}::uuid RETURNING 1::bigint AS ref), le AS (${LedgerAppender.sql(p, { rows: 't', key: 'ref' })})
SELECT ref FROM t`,
);

const SET_NUMBER_MODE = statement<{ id: string; numberMode: string; throughput: number } & Entries>(
  'sigillo-tenant-set-number-mode',
  (p) => sql`
WITH t AS (
  UPDATE tenants SET number_mode = ${p.numberMode}, throughput_per_second = ${p.throughput} WHERE id = ${p.id}::uuid RETURNING id
), refs AS (
  -- One ref per entry (the mode and the throughput) for the tenant updated.
  SELECT r.ref FROM t, unnest(${p.entryRefs}::bigint[]) AS r(ref)
), le AS (${LedgerAppender.sql(p, { rows: 'refs', key: 'ref' })})
SELECT id FROM t`,
);

@Injectable()
export class TenantRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pool: PgPool,
  ) {}

  /** The new tenant, recorded by a `created` entry with its settings (not its token or app secret). */
  async insert(tenant: NewTenant, actor: LedgerActor): Promise<Tenant> {
    const id = randomUUID();
    const full = { numberMode: 'cloud_api' as NumberMode, storeInboundText: false, appSecret: null, optOutKeywords: [] as string[], ...tenant, id };
    const value = {
      name: full.name,
      phoneNumberId: full.phoneNumberId,
      wabaId: full.wabaId,
      providerBaseUrl: full.providerBaseUrl,
      graphVersion: full.graphVersion,
      defaultLanguage: full.defaultLanguage,
      defaultCountry: full.defaultCountry,
      numberMode: full.numberMode,
      throughputPerSecond: full.throughputPerSecond,
      ownAppSecret: full.appSecret !== null,
    };
    await INSERT.rows(this.pool, {
      ...full,
      appSecret: full.appSecret ?? null,
      ...entries([configTenantSettingChanged({ tenantId: id, actor, setting: 'created', secret: false, value })]),
    });
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<Tenant | null> {
    return asTenantOrNull(await this.prisma.tenant.findUnique({ where: { id }, select: TENANT_FIELDS }));
  }

  async findByPhoneNumberId(phoneNumberId: string): Promise<Tenant | null> {
    return asTenantOrNull(await this.prisma.tenant.findUnique({ where: { phoneNumberId }, select: TENANT_FIELDS }));
  }

  async findByWabaId(wabaId: string): Promise<Tenant[]> {
    return (await this.prisma.tenant.findMany({ where: { wabaId }, select: TENANT_FIELDS })).map(asTenant);
  }

  /** Tenants that bring their own Meta app, with what the webhook intake needs to try their secret. */
  async withOwnAppSecret(): Promise<TenantAppSecret[]> {
    const rows = await this.prisma.tenant.findMany({
      where: { appSecret: { not: null } },
      select: { id: true, phoneNumberId: true, wabaId: true, appSecret: true },
    });
    return rows.map((r) => ({ ...r, appSecret: r.appSecret! }));
  }

  /** Sets (or, with null, removes) the tenant's own app secret; false when there is no such tenant. */
  async setAppSecret(id: string, appSecret: string | null, actor: LedgerActor): Promise<boolean> {
    const entry = configTenantSettingChanged({ tenantId: id, actor, setting: 'appSecret', secret: true });
    return (await SET_APP_SECRET.run(this.pool, { id, appSecret, ...entries([entry]) })) === 1;
  }

  /** Replaces the tenant's own opt-out keywords; false when there is no such tenant. */
  async setOptOutKeywords(id: string, optOutKeywords: string[], actor: LedgerActor): Promise<boolean> {
    const entry = configTenantSettingChanged({ tenantId: id, actor, setting: 'optOutKeywords', secret: false, value: optOutKeywords });
    return (await SET_KEYWORDS.run(this.pool, { id, keywords: optOutKeywords, ...entries([entry]) })) === 1;
  }

  /** Sets the number's mode and its throughput together; false when there is no such tenant. */
  async setNumberMode(id: string, numberMode: NumberMode, throughputPerSecond: number, actor: LedgerActor): Promise<boolean> {
    const changed = [
      configTenantSettingChanged({ tenantId: id, actor, setting: 'numberMode', secret: false, value: numberMode }),
      configTenantSettingChanged({ tenantId: id, actor, setting: 'throughputPerSecond', secret: false, value: throughputPerSecond }),
    ];
    return (await SET_NUMBER_MODE.run(this.pool, { id, numberMode, throughput: throughputPerSecond, ...entries(changed) })) === 1;
  }

  async list(): Promise<Tenant[]> {
    return (await this.prisma.tenant.findMany({ select: TENANT_FIELDS, orderBy: { createdAt: 'asc' } })).map(asTenant);
  }
}

const TENANT_FIELDS = {
  id: true,
  name: true,
  phoneNumberId: true,
  wabaId: true,
  providerBaseUrl: true,
  graphVersion: true,
  providerToken: true,
  defaultLanguage: true,
  defaultCountry: true,
  throughputPerSecond: true,
  numberMode: true,
  storeInboundText: true,
  appSecret: true,
  optOutKeywords: true,
} as const;

type TenantRow = Omit<Tenant, 'numberMode'> & { numberMode: string };

// The column holds only what NUMBER_MODES allows (the CLI checks it); anything else reads as Cloud API.
function asTenant(row: TenantRow): Tenant {
  return { ...row, numberMode: row.numberMode === 'coexistence' ? 'coexistence' : 'cloud_api' };
}

function asTenantOrNull(row: TenantRow | null): Tenant | null {
  return row === null ? null : asTenant(row);
}

/** Entry columns for a statement whose CTE produces refs 1..n, one per entry. */
function entries(list: NewLedgerEntry[]): Entries {
  return LedgerAppender.columns(
    list,
    list.map((_, i) => i + 1),
  );
}
