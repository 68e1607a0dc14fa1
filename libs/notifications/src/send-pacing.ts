/**
 * How fast a business number is sent from after Meta throttled it. Meta answers 130429 when a
 * number sends beyond its throughput (80 messages/s by default, 20 for a number shared with the
 * WhatsApp Business app): https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput
 * Retrying each refused send alone keeps the schedule at the rate Meta just refused, so repeated
 * 130429 lower the number's effective rate instead (multiplicative decrease), and it climbs back
 * by a fixed step per second (additive increase) to the configured rate. AIMD: a number that is
 * throttled again soon halves again, one that is not recovers without anyone's help. A stray
 * 130429 (a send leaving at the very edge of its slot: 4 in 10,000 at 1,000/s, see the README) is
 * not a reason to slow down; several within a second are.
 *
 * Pure: the state lives in Redis per phone number id (send-rate-limiter.ts), shared by every worker.
 */
export interface PaceState {
  /** The effective rate (messages/s) as of `at`. */
  rate: number;
  /** Epoch ms of the last change. */
  at: number;
  /** 130429s counted since `strikesSince`. */
  strikes: number;
  strikesSince: number;
  /** Epoch ms of the last decrease (0: none). */
  cutAt: number;
}

export interface PacePolicy {
  /** 130429s within `strikeWindowMs` that make a decrease: a stray one is a send at its slot's edge. */
  strikes: number;
  strikeWindowMs: number;
  /** Multiplier of a decrease, in (0, 1). */
  factor: number;
  /** No second decrease within this time: the sends in flight when the first came are throttled too. */
  cooldownMs: number;
  /** Share of the configured rate regained per second without throttling (1/30: from half back in 15 s)… */
  recoveryShare: number;
  /** …and at least this many messages/s per second. */
  minRecoveryPerSecond: number;
  /** Never slower than this (messages/s). */
  minRate: number;
}

export const DEFAULT_PACE_POLICY: PacePolicy = {
  strikes: 3,
  strikeWindowMs: 1_000,
  factor: 0.5,
  cooldownMs: 1_000,
  recoveryShare: 1 / 30,
  minRecoveryPerSecond: 1,
  minRate: 1,
};

/** Messages/s regained per second at this configured rate. */
export function recoveryPerSecond(configured: number, policy: PacePolicy = DEFAULT_PACE_POLICY): number {
  return Math.max(policy.minRecoveryPerSecond, configured * policy.recoveryShare);
}

/** The rate to schedule at `now`: the configured one without state, else the state's recovered so far. */
export function pacedRate(state: PaceState | null, configured: number, now: number, policy: PacePolicy = DEFAULT_PACE_POLICY): number {
  if (state === null) return configured;
  const elapsed = Math.max(0, now - state.at) / 1000;
  return Math.max(Math.min(policy.minRate, configured), Math.min(configured, state.rate + elapsed * recoveryPerSecond(configured, policy)));
}

/** The state after Meta answered 130429 at `now`. */
export function onThrottled(state: PaceState | null, configured: number, now: number, policy: PacePolicy = DEFAULT_PACE_POLICY): PaceState {
  const rate = pacedRate(state, configured, now, policy);
  const fresh = state === null || now - state.strikesSince > policy.strikeWindowMs;
  const strikes = fresh ? 1 : state.strikes + 1;
  const strikesSince = fresh ? now : state.strikesSince;
  const cutAt = state?.cutAt ?? 0;
  if (strikes >= policy.strikes && now - cutAt >= policy.cooldownMs) {
    const floor = Math.min(policy.minRate, configured);
    return { rate: Math.max(floor, rate * policy.factor), at: now, strikes: 0, strikesSince: now, cutAt: now };
  }
  return { rate, at: now, strikes, strikesSince, cutAt };
}

/** Whether the state no longer changes anything at `now` (it may then be forgotten). */
export function recovered(state: PaceState, configured: number, now: number, policy: PacePolicy = DEFAULT_PACE_POLICY): boolean {
  return pacedRate(state, configured, now, policy) >= configured && now - state.strikesSince > policy.strikeWindowMs;
}

/** How long the state matters at most: until the rate is back and the strikes have expired. */
export function stateTtlMs(state: PaceState, configured: number, policy: PacePolicy = DEFAULT_PACE_POLICY): number {
  const climb = (Math.max(0, configured - state.rate) / recoveryPerSecond(configured, policy)) * 1000;
  return Math.ceil(Math.max(climb, state.strikesSince + policy.strikeWindowMs - state.at)) + 1000;
}
