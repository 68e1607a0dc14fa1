// The public surface of libs/passweb: other libraries and apps import only this file, as '#sigillo/passweb'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { CountryCode } from './phone.js';
export type { EventRecipient, FieldError, PasswebEvent } from './event-dto.js';
export type { EventVariableName, PasswebEventType } from './event-types.js';
export { EVENT_VARIABLE_NAMES, EVENT_VARIABLES, isPasswebEventType, PASSWEB_EVENT_TYPES } from './event-types.js';
export { MAX_FUTURE_SKEW_MS, validateEventBody } from './event-dto.js';
export { normalizePhone, normalizeWhatsAppUser } from './phone.js';
export { sampleEvent, type SampleEvent } from './sample-events.js';
export { flattenValidationErrors, type FlattenOptions } from './validation-errors.js';
