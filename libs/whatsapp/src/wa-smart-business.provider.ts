import { CloudApiProvider, type CloudApiProviderOptions } from './cloud-api.provider.js';
import type { ProviderAccount } from './whatsapp-provider.js';

/**
 * WA Smart Business (the platform the Passweb manual integrates) sends through Meta's official
 * Cloud API. We assume, and docs/providers.md spells out, that it exposes the same HTTP shape
 * (`/{version}/{phone-number-id}/messages`, `/{version}/{waba-id}/message_templates`, Meta's JSON
 * bodies and error objects) at its own base URL, authenticated with a bearer token it issues.
 * Nothing here is specific to it beyond that: it is a CloudApiProvider pointed elsewhere.
 */
export interface WaSmartBusinessAccount extends Omit<ProviderAccount, 'graphVersion'> {
  /** The Graph version the platform relays; defaults to the one we test against Meta. */
  graphVersion?: string;
}

export const WA_SMART_BUSINESS_DEFAULT_GRAPH_VERSION = 'v23.0';

export function createWaSmartBusinessProvider(account: WaSmartBusinessAccount, options?: CloudApiProviderOptions): CloudApiProvider {
  // There is no public default endpoint to fall back on; a wrong guess would send the token there.
  if (!account.baseUrl) throw new Error('WA Smart Business needs its base URL (the platform gives it with the token)');
  const url = new URL(account.baseUrl);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !local) throw new Error('WA Smart Business base URL must be https: the token travels with every request');
  for (const field of ['phoneNumberId', 'wabaId', 'accessToken'] as const) {
    if (!account[field]) throw new Error(`WA Smart Business account needs ${field}`);
  }
  return new CloudApiProvider({ ...account, graphVersion: account.graphVersion ?? WA_SMART_BUSINESS_DEFAULT_GRAPH_VERSION }, options);
}
