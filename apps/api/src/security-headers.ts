import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * Nest's security headers (helmet 8's headers and defaults), set before any middleware on every
 * answer, 404s and errors included. The CSP suits /docs and /admin/queues (their scripts are files
 * of this origin); without upgrade-insecure-requests, which would send a browser on plain http
 * (local, behind a TLS proxy that forwards http) to https for every script.
 */
export const SECURITY_HEADERS: SecurityHeadersOptions = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };
