/**
 * One Passweb site and its WhatsApp Business account. The provider token and the app secret never
 * leave the server.
 */
export interface Tenant {
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
  /** cloud_api, or coexistence (the number is shared with the WhatsApp Business app: 20 messages/s at most). */
  numberMode: NumberMode;
  /** Keep inbound message texts (otherwise a salted hash only). */
  storeInboundText: boolean;
  /**
   * The tenant's own Meta app secret(s), comma-separated for rotation, when it brings its own app:
   * its webhooks are then accepted only when signed with it. Null: the deployment's app.
   */
  appSecret: string | null;
  /** Opt-out keywords and phrases of its own, matched like the deployment's (opt-out-keywords.ts). */
  optOutKeywords: string[];
}

/**
 * How the business number is used. A coexistence number is also in use with the WhatsApp Business
 * app; Meta fixes its throughput at 20 messages per second, where a Cloud API number has 80 by
 * default (up to 1,000 by automatic upgrade):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 */
export const NUMBER_MODES = ['cloud_api', 'coexistence'] as const;
export type NumberMode = (typeof NUMBER_MODES)[number];

/** Meta's throughput of a number in each mode: the default of a tenant's send schedule. */
export const DEFAULT_THROUGHPUT: Record<NumberMode, number> = { cloud_api: 80, coexistence: 20 };

/** The most a number in this mode may be given: Meta's ceiling for it. */
export const MAX_THROUGHPUT: Record<NumberMode, number> = { cloud_api: 1000, coexistence: 20 };

export function isNumberMode(x: unknown): x is NumberMode {
  return (NUMBER_MODES as readonly unknown[]).includes(x);
}

/** The throughput a number in `mode` gets: `given` (text from the CLI) when it fits the mode, else its default. */
export function throughputFor(mode: NumberMode, given: string | undefined): { ok: true; perSecond: number } | { ok: false; problem: string } {
  if (given === undefined) return { ok: true, perSecond: DEFAULT_THROUGHPUT[mode] };
  const n = Number(given);
  const max = MAX_THROUGHPUT[mode];
  if (!/^[0-9]+$/.test(given) || !Number.isInteger(n) || n < 1 || n > max) {
    return { ok: false, problem: `--throughput must be an integer from 1 to ${max} for a ${mode} number` };
  }
  return { ok: true, perSecond: n };
}

/** A tenant that brings its own Meta app: what the webhook intake needs to try its secret. */
export type TenantAppSecret = Pick<Tenant, 'id' | 'phoneNumberId' | 'wabaId'> & { appSecret: string };

export type NewTenant = Omit<Tenant, 'id' | 'storeInboundText' | 'appSecret' | 'optOutKeywords' | 'numberMode'> & {
  numberMode?: NumberMode;
  storeInboundText?: boolean;
  appSecret?: string | null;
  optOutKeywords?: string[];
};

/** What may be shown: everything but the token and the app secret, and whether there is one. */
export type PublicTenant = Omit<Tenant, 'providerToken' | 'appSecret'> & { ownAppSecret: boolean };

export function publicTenant({ providerToken: _, appSecret, ...rest }: Tenant): PublicTenant {
  return { ...rest, ownAppSecret: appSecret !== null };
}
