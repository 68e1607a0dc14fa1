import { Inject, Injectable } from '@nestjs/common';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';

/** How the simulator misbehaves right now; set at runtime through POST /_sim/failure-modes. */
export interface FailureModes {
  /** Fraction of accepted sends whose status webhooks end in `failed` (131049 or 131026). */
  failureRate: number;
  /** Fraction of send requests answered with a transient error: 131000/500 or 131016/503 (130429 comes from `throughputPerSecond`). */
  transientErrorRate: number;
  /** Every send (or the next `permanentErrorCount`) gets this Meta code; null for none. */
  permanentErrorCode: number | null;
  /** Sends left to get `permanentErrorCode`; null means all of them. */
  permanentErrorCount: number | null;
  /** Each webhook POSTed twice, byte for byte, as Meta's at-least-once delivery may. */
  duplicateWebhooks: boolean;
  /** Status webhooks POSTed newest first: read, then delivered, then sent. */
  outOfOrder: boolean;
  throughputPerSecond: number;
  statusDelaysMs: [number, number, number];
  /**
   * How long an accepted send waits for its answer. The message is accepted (and its statuses
   * follow) before the wait, so a client that dies meanwhile has sent a message it never heard of.
   */
  sendLatencyMs: number;
  /**
   * Added to the status webhooks of messages accepted while set: webhooks held back, as when the
   * receiving endpoint was down and Meta retries later.
   */
  statusWebhookDelayMs: number;
  /** Fraction of status webhooks never delivered at all (each decided when its message is accepted). */
  statusWebhookDropRate: number;
}

@Injectable()
export class FailureModesState {
  private modes: FailureModes;

  constructor(@Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions) {
    this.modes = this.defaults();
  }

  current(): FailureModes {
    return { ...this.modes, statusDelaysMs: [...this.modes.statusDelaysMs] };
  }

  /** Merges the given fields; a new permanentErrorCode without a count applies to every send. */
  update(patch: Partial<FailureModes>): FailureModes {
    const next = { ...this.modes, ...definedFields(patch) };
    if (patch.permanentErrorCode !== undefined && patch.permanentErrorCount === undefined) next.permanentErrorCount = null;
    if (next.permanentErrorCode === null) next.permanentErrorCount = null;
    this.modes = next;
    return this.current();
  }

  reset(): void {
    this.modes = this.defaults();
  }

  /** The forced code for this send, if any, counting it against `permanentErrorCount`. */
  takePermanentError(): number | null {
    const { permanentErrorCode: code, permanentErrorCount: left } = this.modes;
    if (code === null) return null;
    if (left !== null) {
      this.modes.permanentErrorCount = left - 1;
      if (left - 1 <= 0) this.modes = { ...this.modes, permanentErrorCode: null, permanentErrorCount: null };
    }
    return code;
  }

  private defaults(): FailureModes {
    return {
      failureRate: this.options.failureRate,
      transientErrorRate: 0,
      permanentErrorCode: null,
      permanentErrorCount: null,
      duplicateWebhooks: false,
      outOfOrder: false,
      throughputPerSecond: this.options.throughputPerSecond,
      statusDelaysMs: [...this.options.statusDelaysMs],
      sendLatencyMs: 0,
      statusWebhookDelayMs: 0,
      statusWebhookDropRate: 0,
    };
  }
}

function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
