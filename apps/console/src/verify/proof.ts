// Verify in place: the audit page's own verifier (apps/audit-page/src/audit.ts: the ledger library's
// strict parsers and checks, the anchor read from the chain RPC), not a second implementation.
// Loaded on demand, so the console's first page does not carry it.
// eslint-disable-next-line no-restricted-imports -- the audit page is an app, not a library: its verifier is reused as the brief asks, and bundled with its shims (vite.config.ts)
export { auditBundleText, DEFAULT_RPC_URL, type AuditReport, type AuditedEntry } from '../../../audit-page/src/audit.js';
