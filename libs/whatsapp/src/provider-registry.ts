import { Injectable } from '@nestjs/common';
import { CloudApiProvider } from './cloud-api.provider.js';
import { undiciFetch } from './undici-fetch.js';
import type { WhatsAppProvider } from './whatsapp-provider.js';
import type { Tenant } from '#sigillo/tenants';
import { TenantsService } from '#sigillo/tenants';

/** One provider client per tenant account, rebuilt when the tenant's token or endpoint changes. */
@Injectable()
export class ProviderRegistry {
  private readonly providers = new Map<string, { key: string; provider: WhatsAppProvider }>();

  constructor(private readonly tenants: TenantsService) {}

  providerFor(tenant: Tenant): WhatsAppProvider {
    const key = `${tenant.providerBaseUrl}|${tenant.graphVersion}|${tenant.phoneNumberId}|${tenant.wabaId}|${tenant.providerToken}`;
    const cached = this.providers.get(tenant.id);
    if (cached?.key === key) return cached.provider;
    const provider = new CloudApiProvider(
      {
        baseUrl: tenant.providerBaseUrl,
        graphVersion: tenant.graphVersion,
        phoneNumberId: tenant.phoneNumberId,
        wabaId: tenant.wabaId,
        accessToken: tenant.providerToken,
      },
      {
        fetch: undiciFetch,
        // Meta's 190 (token expired): a rotated token may already be in the database.
        onTokenExpired: async () => {
          const fresh = await this.tenants.reload(tenant.id);
          return fresh && fresh.providerToken !== tenant.providerToken ? fresh.providerToken : null;
        },
      },
    );
    this.providers.set(tenant.id, { key, provider });
    return provider;
  }
}
