const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TenantScope = { ok: true; tenantId: string } | { ok: false; status: 400 | 404; field: string; message: string };

/**
 * The tenant a call acts on. A tenant's account or key acts on its own tenant only: naming another
 * is answered 404, as if it did not exist. A global operator (or a deployment-wide key) names one.
 */
export function tenantScope(principalTenantId: string | null, requested: unknown): TenantScope {
  const named = Array.isArray(requested) ? requested[0] : requested;
  if (principalTenantId !== null) {
    if (named === undefined || named === '' || (typeof named === 'string' && named.toLowerCase() === principalTenantId.toLowerCase()))
      return { ok: true, tenantId: principalTenantId };
    return { ok: false, status: 404, field: 'tenant', message: 'tenant not found' };
  }
  if (named === undefined || named === '')
    return { ok: false, status: 400, field: 'tenant', message: 'is required for a global operator: pick a tenant (?tenant=<id>)' };
  if (typeof named !== 'string' || !UUID.test(named)) return { ok: false, status: 400, field: 'tenant', message: 'must be a tenant id (a UUID)' };
  return { ok: true, tenantId: named.toLowerCase() };
}
