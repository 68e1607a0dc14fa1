// `sigillo tenant create …`: a Passweb site with its WhatsApp account; prints its API keys once.
// `sigillo tenant set-app-secret …`: the Meta app secret of a tenant that brings its own app.
// `sigillo tenant set-opt-out-keywords …`: the tenant's own opt-out keywords and phrases.
// `sigillo tenant set-number-mode …`: Cloud API only, or coexistence with the WhatsApp Business app.
import { parseArgs } from 'node:util';
import { ApiKeyRepository, ApiKeysService } from '#sigillo/auth';
import { MAX_TENANT_KEYWORDS, parseTenantKeywords } from '#sigillo/consent';
import { DatabaseConfig, PgPool, PrismaService } from '#sigillo/platform';
import { checkProviderBaseUrl, isNumberMode, NUMBER_MODES, publicTenant, throughputFor, TenantRepository, TenantsService } from '#sigillo/tenants';
import { cliConfig } from './cli-config.js';
import type { CliCommand, CliIo } from './main.js';

const USAGE = `usage: sigillo tenant create --name NAME --phone-number-id ID --waba-id ID --base-url URL --token TOKEN
                             [--graph-version v23.0] [--default-language it] [--default-country IT]
                             [--number-mode cloud_api|coexistence] [--throughput N]
                             [--app-secret SECRET] [--simulator] [--json]
       sigillo tenant set-app-secret --id TENANT_ID (--app-secret SECRET | --clear)
       sigillo tenant set-opt-out-keywords --id TENANT_ID (--keyword TEXT... | --clear)
       sigillo tenant set-number-mode --id TENANT_ID --number-mode cloud_api|coexistence [--throughput N]
       sigillo tenant list [--json]

create: registers a Passweb site and its WhatsApp Business account (Meta's Cloud API or a provider
exposing its shape at --base-url, e.g. https://graph.facebook.com) and prints one API key per role
(passweb, auditor, admin), once: only their hashes are stored. The token is never printed.
--base-url must be https and name a public host (not localhost, a loopback, link-local or private
address, or a cloud metadata host); with --simulator (the local WhatsApp simulator) plain http and
any host are allowed.
--app-secret: the tenant brings its own Meta app; its webhooks are then accepted only when signed
with this secret (comma-separated for rotation), not the deployment's WHATSAPP_APP_SECRET. Never
printed. set-app-secret sets or replaces it; --clear goes back to the deployment's app.
set-opt-out-keywords: replaces the tenant's own opt-out keywords and phrases (--keyword, repeated,
at most ${MAX_TENANT_KEYWORDS}), matched in addition to the deployment's: an inbound message that is
exactly one of them, give or take case, accents, punctuation and courtesy words ("grazie",
"please"), opts its sender out of marketing. --clear removes them.
--number-mode: cloud_api (the default), or coexistence when the number is also in use with the
WhatsApp Business app. Meta fixes a coexistence number at 20 messages per second; a Cloud API
number has 80 by default and up to 1,000 once Meta upgrades it. --throughput defaults to the mode's
(80 or 20) and may not exceed its ceiling (1000 or 20). set-number-mode changes both together.
Reads DATABASE_URL from the environment.`;

export const command: CliCommand = {
  summary: 'create or list tenants (Passweb sites and their WhatsApp accounts)',
  usage: USAGE,
  run: runTenant,
};

const OPTIONS = {
  name: { type: 'string' },
  'phone-number-id': { type: 'string' },
  'waba-id': { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'graph-version': { type: 'string', default: 'v23.0' },
  'default-language': { type: 'string', default: 'it' },
  'default-country': { type: 'string', default: 'IT' },
  throughput: { type: 'string' },
  'number-mode': { type: 'string', default: 'cloud_api' },
  simulator: { type: 'boolean', default: false },
  'app-secret': { type: 'string' },
  keyword: { type: 'string', multiple: true },
  id: { type: 'string' },
  clear: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

async function runTenant(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`sigillo tenant: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const action = positionals[0];
  if (
    positionals.length !== 1 ||
    (action !== 'create' && action !== 'list' && action !== 'set-app-secret' && action !== 'set-opt-out-keywords' && action !== 'set-number-mode')
  ) {
    io.err(USAGE);
    return 2;
  }
  const config = cliConfig(DatabaseConfig, 'tenant', io);
  if (!config) return 2;
  const prisma = new PrismaService(config);
  const pool = new PgPool(config);
  const tenants = new TenantsService(new TenantRepository(prisma, pool), new ApiKeysService(new ApiKeyRepository(pool)));
  try {
    if (action === 'list') {
      const list = (await tenants.list()).map(publicTenant);
      if (values.json) io.out(JSON.stringify(list, null, 2));
      else
        for (const t of list)
          io.out(
            `${t.id}  ${t.name}  phone-number-id ${t.phoneNumberId}  ${t.numberMode} ${t.throughputPerSecond}/s  ${t.providerBaseUrl}${t.ownAppSecret ? '  own app secret' : ''}`,
          );
      return 0;
    }
    if (action === 'set-app-secret') {
      const secret = values.clear ? null : values['app-secret'];
      if (
        !values.id ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.id) ||
        (values.clear ? values['app-secret'] !== undefined : !appSecretOk(secret))
      ) {
        io.err(`sigillo tenant set-app-secret: --id (a tenant id) and either --app-secret (${APP_SECRET_RULE}) or --clear are required`);
        return 2;
      }
      if (!(await tenants.setAppSecret(values.id, secret ?? null))) {
        io.err(`sigillo tenant set-app-secret: no tenant ${values.id}`);
        return 1;
      }
      io.out(
        secret
          ? `tenant ${values.id}: webhooks accepted only when signed with its own app secret`
          : `tenant ${values.id}: webhooks signed with the deployment's app secret`,
      );
      return 0;
    }
    if (action === 'set-opt-out-keywords') return await setOptOutKeywords(tenants, values, io);
    if (action === 'set-number-mode') return await setNumberMode(tenants, values, io);
    const problem = missingOrInvalid(values);
    if (problem) {
      io.err(`sigillo tenant create: ${problem}`);
      return 2;
    }
    const baseUrl = checkProviderBaseUrl(values['base-url']!, { simulator: values.simulator });
    if (!baseUrl.ok) {
      io.err(`sigillo tenant create: --base-url ${baseUrl.reason}`);
      return 2;
    }
    const mode = values['number-mode'] as 'cloud_api' | 'coexistence';
    const { tenant, keys } = await tenants.create({
      name: values.name!,
      phoneNumberId: values['phone-number-id']!,
      wabaId: values['waba-id']!,
      providerBaseUrl: baseUrl.url,
      providerToken: values.token!,
      graphVersion: values['graph-version'],
      defaultLanguage: values['default-language'],
      defaultCountry: values['default-country'].toUpperCase(),
      numberMode: mode,
      throughputPerSecond: (throughputFor(mode, values.throughput) as { perSecond: number }).perSecond,
      appSecret: values['app-secret'] ?? null,
    });
    if (values.json) {
      io.out(JSON.stringify({ tenant: publicTenant(tenant), keys }, null, 2));
    } else {
      io.out(`tenant ${tenant.id} (${tenant.name}) created; these keys are shown once:`);
      for (const [role, key] of Object.entries(keys)) io.out(`  ${role.padEnd(8)} ${key}`);
    }
    return 0;
  } finally {
    await Promise.all([prisma.$disconnect(), pool.end()]);
  }
}

async function setOptOutKeywords(tenants: TenantsService, values: { id?: string; keyword?: string[]; clear: boolean }, io: CliIo): Promise<number> {
  const given = values.keyword ?? [];
  if (!values.id || !TENANT_ID.test(values.id) || values.clear === given.length > 0) {
    io.err('sigillo tenant set-opt-out-keywords: --id (a tenant id) and either --keyword (repeated) or --clear are required');
    return 2;
  }
  let keywords: string[];
  try {
    keywords = parseTenantKeywords(given);
  } catch (e) {
    io.err(`sigillo tenant set-opt-out-keywords: ${(e as Error).message}`);
    return 2;
  }
  if (!values.clear && keywords.length === 0) {
    io.err('sigillo tenant set-opt-out-keywords: --keyword names no keyword; use --clear to remove them');
    return 2;
  }
  if (!(await tenants.setOptOutKeywords(values.id, keywords))) {
    io.err(`sigillo tenant set-opt-out-keywords: no tenant ${values.id}`);
    return 1;
  }
  io.out(
    keywords.length > 0
      ? `tenant ${values.id}: ${keywords.length} opt-out keyword(s) of its own: ${keywords.join(' | ')}`
      : `tenant ${values.id}: the deployment's opt-out keywords only`,
  );
  return 0;
}

async function setNumberMode(tenants: TenantsService, values: { id?: string; 'number-mode': string; throughput?: string }, io: CliIo): Promise<number> {
  const mode = values['number-mode'];
  if (!values.id || !TENANT_ID.test(values.id) || !isNumberMode(mode)) {
    io.err(`sigillo tenant set-number-mode: --id (a tenant id) and --number-mode (${NUMBER_MODES.join(' or ')}) are required`);
    return 2;
  }
  const throughput = throughputFor(mode, values.throughput);
  if (!throughput.ok) {
    io.err(`sigillo tenant set-number-mode: ${throughput.problem}`);
    return 2;
  }
  if (!(await tenants.setNumberMode(values.id, mode, throughput.perSecond))) {
    io.err(`sigillo tenant set-number-mode: no tenant ${values.id}`);
    return 1;
  }
  io.out(`tenant ${values.id}: ${mode} number, ${throughput.perSecond} messages/s`);
  return 0;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function missingOrInvalid(values: Record<string, string | string[] | boolean | undefined>): string | null {
  for (const name of ['name', 'phone-number-id', 'waba-id', 'base-url', 'token']) {
    if (!values[name]) return `--${name} is required`;
  }
  if (values['keyword'] !== undefined) return '--keyword goes with set-opt-out-keywords';
  if (!/^v\d+\.\d+$/.test(String(values['graph-version']))) return '--graph-version must look like v23.0';
  if (!/^[A-Za-z]{2}$/.test(String(values['default-country']))) return '--default-country must be an ISO 3166 alpha-2 code';
  if (values['app-secret'] !== undefined && !appSecretOk(values['app-secret'])) return `--app-secret must be ${APP_SECRET_RULE}`;
  if (!isNumberMode(values['number-mode'])) return `--number-mode must be one of ${NUMBER_MODES.join(', ')}`;
  const throughput = throughputFor(values['number-mode'], values.throughput as string | undefined);
  return throughput.ok ? null : throughput.problem;
}

const APP_SECRET_RULE = 'one or more comma-separated secrets of 16 to 256 printable characters';

/** Meta's app secrets are 32 hex digits; anything shorter is a typo, not a secret. */
function appSecretOk(value: unknown): value is string {
  return typeof value === 'string' && value.split(',').every((s) => /^[\x21-\x7e]{16,256}$/.test(s.trim()));
}
