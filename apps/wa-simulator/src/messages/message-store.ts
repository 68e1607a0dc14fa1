import { Injectable } from '@nestjs/common';
import type { TemplateCategory } from '../../../../libs/templates/src/template.js';

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

/** One accepted send, as GET /_sim/messages shows it. */
export interface AcceptedMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  template: { name: string; language: string; category: TemplateCategory };
  /** The request's `template.components`, verbatim. */
  components: unknown[];
  bizOpaqueCallbackData: string | null;
  acceptedAt: string;
  /** The status webhooks planned for it, in event order, and the error code of a `failed` one. */
  statuses: StatusName[];
  errorCode: number | null;
}

// A long dev session or a load test must not grow the simulator without bound.
const KEPT = 100_000;

/** Accepted sends, oldest first (the newest KEPT of them). */
@Injectable()
export class MessageStore {
  private messages: AcceptedMessage[] = [];

  add(message: AcceptedMessage): void {
    this.messages.push(message);
    if (this.messages.length > KEPT * 1.1) this.messages.splice(0, this.messages.length - KEPT);
  }

  list(to?: string): AcceptedMessage[] {
    return to ? this.messages.filter((m) => m.to === to) : [...this.messages];
  }

  clear(): void {
    this.messages = [];
  }
}
