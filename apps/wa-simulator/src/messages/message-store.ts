import { Injectable } from '@nestjs/common';
import type { TemplateCategory } from '#sigillo/whatsapp';

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

/** One accepted send, as GET /_sim/messages shows it. */
export interface AcceptedMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  /** Meta's resolved wa_id (absent when sent by BSUID) and the user's BSUID, as the answer's contacts[] named them. */
  waId?: string;
  userId?: string;
  template: { name: string; language: string; category: TemplateCategory };
  /** The request's `template.components`, verbatim. */
  components: unknown[];
  bizOpaqueCallbackData: string | null;
  acceptedAt: string;
  /** The status webhooks planned for it, in event order, and the error code of a `failed` one. */
  statuses: StatusName[];
  /** Those of `statuses` whose webhook is never delivered (failure mode statusWebhookDropRate). */
  droppedStatuses: StatusName[];
  errorCode: number | null;
}

// A long dev session or a load test must not grow the simulator without bound.
const KEPT = 100_000;

/** Accepted sends, oldest first (the newest KEPT of them), and counts over all of them. */
@Injectable()
export class MessageStore {
  private messages: AcceptedMessage[] = [];
  private acceptedCount = 0;
  private statusCount = 0;

  add(message: AcceptedMessage): void {
    this.messages.push(message);
    this.acceptedCount++;
    // Statuses that will be POSTed: a dropped one (statusWebhookDropRate) is never seen by anyone.
    this.statusCount += message.statuses.length - message.droppedStatuses.length;
    if (this.messages.length > KEPT * 1.1) this.messages.splice(0, this.messages.length - KEPT);
  }

  list(to?: string): AcceptedMessage[] {
    return to ? this.messages.filter((m) => m.to === to) : [...this.messages];
  }

  /** Since start or the last clear, including those no longer kept. */
  counts(): { messages: number; statuses: number } {
    return { messages: this.acceptedCount, statuses: this.statusCount };
  }

  clear(): void {
    this.messages = [];
    this.acceptedCount = 0;
    this.statusCount = 0;
  }
}
