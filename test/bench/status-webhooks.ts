import { hubSignature } from '../../apps/wa-simulator/src/webhooks/webhook-signature.js';
import { numberChange } from '../../apps/wa-simulator/src/webhooks/webhook-payloads.js';

export interface SentMessage {
  notificationId: string;
  wamid: string;
  /** E.164, as Sigillo stores it; Meta's recipient_id is its digits. */
  recipient: string;
  phoneNumberId: string;
  wabaId: string;
}

export interface SignedWebhook {
  body: string;
  signature: string;
}

const STEPS = ['sent', 'delivered', 'read'] as const;
// Meta sends a message's statuses seconds apart, not back to back: a wave of `sent` for a block
// of messages, then their `delivered`, then their `read`.
const BLOCK = 500;

/**
 * The status webhooks Meta POSTs for messages already sent, one status per POST as Meta sends
 * them, signed with the app secret: what the simulator would have POSTed had its webhook URL
 * been set. Built ahead so that the load generator spends nothing on them while it measures.
 */
export function statusWebhooks(messages: SentMessage[], appSecret: string, sentAt: Date = new Date()): SignedWebhook[] {
  const out: SignedWebhook[] = [];
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  for (let from = 0; from < messages.length; from += BLOCK) {
    const block = messages.slice(from, from + BLOCK);
    for (const status of STEPS) {
      for (const m of block) {
        const body = JSON.stringify(
          numberChange({ wabaId: m.wabaId, phoneNumberId: m.phoneNumberId, displayPhoneNumber: '15550000000' }, 'messages', {
            statuses: [
              {
                id: m.wamid,
                status,
                timestamp,
                recipient_id: m.recipient.replace(/^\+/, ''),
                biz_opaque_callback_data: m.notificationId,
                pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' },
              },
            ],
          }),
        );
        out.push({ body, signature: hubSignature(appSecret, body) });
      }
    }
  }
  return out;
}
