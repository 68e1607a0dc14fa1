/**
 * Bindings of the simulator's seed templates to the ten Passweb events: what `npm run dev` puts on
 * the demo tenant, and what the pipeline e2e tests bind.
 */
export const DEMO_BINDINGS: Record<string, unknown> = {
  'order.status_changed': {
    templates: [
      { name: 'order_status_update', language: 'it' },
      { name: 'order_status_update', language: 'en' },
      { name: 'order_status_update', language: 'de' },
    ],
    variables: {
      'header.1': 'documentCode',
      'body.1': 'firstName',
      'body.2': 'documentCode',
      'body.3': 'newStatus',
      'body.4': 'orderTotal',
      'button.0.1': 'documentCode',
    },
  },
  'cart.abandoned': {
    templates: [
      { name: 'abandoned_cart_reminder', language: 'it' },
      { name: 'abandoned_cart_reminder', language: 'en' },
    ],
    variables: { 'body.1': 'firstName', 'body.2': 'cartItemCount', 'body.3': 'cartTotal', 'button.0.1': 'siteUrl' },
    media: { link: 'https://shop.example/img/cart.jpg' },
  },
  'message.sent': { templates: [{ name: 'reserved_area_message_sent', language: 'it' }], variables: { 'body.1': 'firstName', 'body.2': 'messageSubject' } },
  'message.read': { templates: [{ name: 'reserved_area_message_read', language: 'it' }], variables: { 'body.1': 'fullName', 'body.2': 'messageSubject' } },
  'activity.status_changed': {
    templates: [{ name: 'agenda_activity_status', language: 'it' }],
    variables: { 'body.1': 'activitySubject', 'body.2': 'activityDate', 'body.3': 'oldStatus', 'body.4': 'newStatus' },
  },
  'activity.acknowledged': {
    templates: [{ name: 'agenda_activity_reminder', language: 'it' }],
    variables: { 'body.1': 'activitySubject', 'body.2': 'activityDate' },
  },
  'activity.reminder': {
    templates: [{ name: 'agenda_activity_reminder', language: 'it' }],
    variables: { 'body.1': 'activitySubject', 'body.2': 'activityDate' },
  },
  'file.uploaded': {
    templates: [{ name: 'file_uploaded', language: 'it' }],
    variables: { 'body.1': 'firstName', 'body.2': 'fullName', 'body.3': 'fileName', 'body.4': 'folderName', 'button.0.1': 'folderName' },
    media: { link: 'https://shop.example/docs/preview.pdf', filename: 'anteprima.pdf' },
  },
  'file.downloaded': {
    templates: [
      { name: 'file_downloaded', language: 'it' },
      { name: 'file_downloaded', language: 'en' },
    ],
    variables: { 'body.1': 'firstName', 'body.2': 'fileName', 'body.3': 'folderName', 'body.4': 'lastName', 'body.5': 'fullName' },
  },
  'file.previewed': {
    templates: [{ name: 'file_downloaded', language: 'it' }],
    variables: { 'body.1': 'firstName', 'body.2': 'fileName', 'body.3': 'folderName', 'body.4': 'lastName', 'body.5': 'fullName' },
  },
};

/** The promotion, bound to abandoned carts when a demo wants a MARKETING template. */
export const DEMO_PROMOTION_BINDING = {
  templates: [{ name: 'seasonal_promotion', language: 'it' }],
  variables: { 'body.1': 'firstName', 'body.2': 'cartTotal', 'body.3': 'cartItemCount', 'button.0.1': 'lastName' },
  media: { link: 'https://shop.example/img/promo.jpg' },
};
