import { Injectable } from '@nestjs/common';

const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What Meta knows about each WhatsApp user that changes how a send ends: who stopped marketing
 * messages (their marketing sends fail with 131050), and who wrote last within 24 h (their
 * utility templates are free inside that customer-service window).
 */
@Injectable()
export class Recipients {
  private readonly stoppedMarketing = new Set<string>();
  private readonly lastInbound = new Map<string, number>();

  setMarketingPreference(waId: string, preference: 'stop' | 'resume'): void {
    if (preference === 'stop') this.stoppedMarketing.add(waId);
    else this.stoppedMarketing.delete(waId);
  }

  stoppedMarketingMessages(waId: string): boolean {
    return this.stoppedMarketing.has(waId);
  }

  noteInbound(waId: string, at: number = Date.now()): void {
    this.lastInbound.set(waId, at);
  }

  inServiceWindow(waId: string, now: number = Date.now()): boolean {
    const last = this.lastInbound.get(waId);
    return last !== undefined && now - last < SERVICE_WINDOW_MS;
  }

  reset(): void {
    this.stoppedMarketing.clear();
    this.lastInbound.clear();
  }
}
