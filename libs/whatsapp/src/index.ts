// The public surface of libs/whatsapp: other libraries and apps import only this file, as '#sigillo/whatsapp'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { CachedUpload } from './media-reuse.js';
export type { CloudApiProviderOptions } from './cloud-api.provider.js';
export type { MediaAsset, ProviderAccount, TemplateSend, WhatsAppProvider } from './whatsapp-provider.js';
export type { Placeholder, PlaceholderSlot, Template, TemplateButton, TemplateCategory, TemplateComponents, TemplateStatus } from './template.js';
export type { ProviderErrorKind } from './provider-error.js';
export type { RenderedButton, RenderedHeader, RenderedParameters, RenderedText } from './rendered-parameters.js';
export { CloudApiProvider } from './cloud-api.provider.js';
export { ProviderError } from './provider-error.js';
export { ProviderRegistry } from './provider-registry.js';
export { categoryInForce, parameterFormatOf, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, templateSlots } from './template.js';
export { chooseMediaSource, mediaExpiry } from './media-reuse.js';
export {
  compareDelivery,
  DELIVERY_STATUSES,
  deliveryMovesTo,
  deliveryRank,
  deliveryRankSql,
  furthestDelivery,
  type DeliveryStatus,
} from './delivery-status.js';
export { marketingOptOutByError, statusErrorCodes, USER_STOPPED_MARKETING, type MarketingOptOutByError } from './marketing-opt-out.js';
export { metaErrorCode, unclassifiedErrorCounts } from './meta-error-codes.js';
export { renderedText } from './rendered-parameters.js';
export { WhatsAppModule } from './whatsapp.module.js';
export { parseMetaWebhook } from './meta-webhook.js';
export type {
  AccountError,
  InboundMessage,
  MarketingPreference,
  ParsedWebhook,
  PartOrigin,
  StatusUpdate,
  TemplateCategoryChange,
  TemplateChange,
  TemplateQualityChange,
  TemplateStatusChange,
} from './meta-webhook.js';
