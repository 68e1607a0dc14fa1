// The public surface of libs/tenants: other libraries and apps import only this file, as '#sigillo/tenants'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { PublicTenant, Tenant } from './tenant.js';
export { TENANT_CACHE_MS, TenantsService } from './tenants.service.js';
export { TenantRepository } from './tenant.repository.js';
export { TenantsModule } from './tenants.module.js';
export { checkProviderBaseUrl } from './provider-base-url.js';
export { isNumberMode, NUMBER_MODES, publicTenant, throughputFor } from './tenant.js';
