import { Injectable } from '@nestjs/common';

const WINDOW_MS = 1_000;

/** Meta's per-phone-number throughput: at most N sends in any sliding 1 s window. */
@Injectable()
export class ThroughputLimiter {
  private readonly windows = new Map<string, number[]>();

  /** Counts the send and returns true, or returns false (not counted) when the window is full. */
  admit(phoneNumberId: string, perSecond: number, now: number = Date.now()): boolean {
    const recent = (this.windows.get(phoneNumberId) ?? []).filter((t) => t > now - WINDOW_MS);
    const admitted = recent.length < perSecond;
    if (admitted) recent.push(now);
    this.windows.set(phoneNumberId, recent);
    return admitted;
  }

  reset(): void {
    this.windows.clear();
  }
}
