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

/** A tenant that brings its own Meta app: what the webhook intake needs to try its secret. */
export type TenantAppSecret = Pick<Tenant, 'id' | 'phoneNumberId' | 'wabaId'> & { appSecret: string };

export type NewTenant = Omit<Tenant, 'id' | 'storeInboundText' | 'appSecret' | 'optOutKeywords'> & {
  storeInboundText?: boolean;
  appSecret?: string | null;
  optOutKeywords?: string[];
};

/** What may be shown: everything but the token and the app secret, and whether there is one. */
export type PublicTenant = Omit<Tenant, 'providerToken' | 'appSecret'> & { ownAppSecret: boolean };

export function publicTenant({ providerToken: _, appSecret, ...rest }: Tenant): PublicTenant {
  return { ...rest, ownAppSecret: appSecret !== null };
}
