// The public surface of libs/policy: other libraries and apps import only this file, as '#sigillo/policy'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { PolicyDecision } from './policy.js';
export { decide, SKIP_REASONS } from './policy.js';
