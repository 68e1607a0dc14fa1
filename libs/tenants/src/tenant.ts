/** One Passweb site and its WhatsApp Business account. The provider token never leaves the server. */
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
}

export type NewTenant = Omit<Tenant, 'id' | 'storeInboundText'> & { storeInboundText?: boolean };

/** What may be shown: everything but the token. */
export type PublicTenant = Omit<Tenant, 'providerToken'>;

export function publicTenant({ providerToken: _, ...rest }: Tenant): PublicTenant {
  return rest;
}
