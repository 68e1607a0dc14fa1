/** The envelope every WhatsApp Business Account webhook shares. */
export interface WebhookEnvelope {
  object: 'whatsapp_business_account';
  entry: { id: string; time?: number; changes: { value: unknown; field: string }[] }[];
}

export interface BusinessNumber {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export function envelope(wabaId: string, field: string, value: unknown, time?: number): WebhookEnvelope {
  return { object: 'whatsapp_business_account', entry: [{ id: wabaId, ...(time !== undefined && { time }), changes: [{ value, field }] }] };
}

/** A `messages`-style change (statuses, inbound messages, user preferences) names the business number. */
export function numberChange(number: BusinessNumber, field: string, value: Record<string, unknown>): WebhookEnvelope {
  return envelope(number.wabaId, field, {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
    ...value,
  });
}

export function unixSeconds(ms: number = Date.now()): number {
  return Math.floor(ms / 1000);
}
