/** Everything one simulator instance needs; main.ts reads it from SIMULATOR_* variables. */
export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The only bearer token the Graph endpoints accept. */
  accessToken: string;
  /** HMAC-SHA256 key of X-Hub-Signature-256 on every webhook it POSTs. */
  appSecret: string;
  /** Where webhooks go; null records them without POSTing. */
  webhookUrl: string | null;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  /** Meta's `message_templates` JSON: `{ data: [...] }` or a bare array. */
  templatesFile: string;
  /** Sends admitted per phone number id in any 1 s window before 130429. */
  throughputPerSecond: number;
  /** Delays after the send of the sent, delivered and read status webhooks. */
  statusDelaysMs: [number, number, number];
  /** Fraction of accepted sends that end with a `failed` status webhook. */
  failureRate: number;
  /** Attempts per webhook (Meta retries failed deliveries), with doubling backoff. */
  webhookMaxAttempts: number;
  webhookBackoffMs: number;
  /** Source of every random decision (failure rates, error picks); tests may fix it. */
  random: () => number;
}

export const SIMULATOR_OPTIONS = Symbol('SIMULATOR_OPTIONS');
