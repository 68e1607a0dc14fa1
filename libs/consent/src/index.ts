// The public surface of libs/consent: other libraries and apps import only this file, as '#sigillo/consent'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { ConsentAnswer, ConsentHistoryItem } from './consent-records.js';
export type { ConsentCategory, ConsentState, ConsentView } from './consent.js';
export { CONSENT_CATEGORIES } from './consent.js';
export { ConsentModule } from './consent.module.js';
export { ConsentRepository } from './consent.repository.js';
export { ConsentService } from './consent.service.js';
export { matchOptOut, MAX_TENANT_KEYWORDS, parseKeywordList, parseTenantKeywords } from './opt-out-keywords.js';
