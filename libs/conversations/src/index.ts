// The public surface of libs/conversations: other libraries and apps import only this file, as '#sigillo/conversations'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { ContactView } from './contacts.service.js';
export { ContactsService } from './contacts.service.js';
export { ConversationsModule } from './conversations.module.js';
export { IdentityRepository } from './identity.repository.js';
export { InboundRepository } from './inbound.repository.js';
export { isWindowOpen } from './customer-window.js';
export { normalizeIdentifier } from './identity-links.js';
export { InboundModule } from './inbound.module.js';
export { InboundService } from './inbound.service.js';
