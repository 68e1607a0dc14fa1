import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWEB_EVENT_TYPES as EVENT_TYPES } from '#sigillo/passweb';
import { PASSWEB_EVENT_DATA as DATA } from '../support/passweb-event-data.js';
import { seededRandom } from '../support/seeded-random.js';
import type { PasswebClient } from './passweb-client.js';

/** The chaos run binds cart.abandoned to the MARKETING promotion: it needs a standing opt-in. */
export const MARKETING_EVENT = 'cart.abandoned';

export type Expected = { decision: 'SEND' } | { decision: 'SKIP'; reason: string };

export interface PlannedEvent {
  body: Record<string, any>;
  expected: Expected;
  /** A consent POSTed (opt-in to marketing) before the event. */
  consent: Record<string, any> | null;
  repost: 'none' | 'concurrent' | 'later';
  conflict: boolean;
}

/** What the api answered for one event id (every 202 for the id must be this). */
export interface Accepted {
  notificationId: string;
  decision: 'SEND' | 'SKIP';
  reason?: string;
}

export interface LoadResult {
  posted: number;
  reposts: number;
  conflictsSent: number;
  accepted: Map<string, Accepted>;
  /** Ids that got two different 202 answers, or a 202 for a conflicting body. */
  inconsistent: string[];
  /** Ids whose decision was not the one planned. */
  unexpectedDecisions: string[];
  consentsPosted: number;
  consentsAccepted: Set<string>;
  conflictAnswers: Map<number, number>;
}

/** A deterministic plan (a seeded random) so a failing run can be repeated. */
export function planEvents(n: number, runId: string, seed = 42): PlannedEvent[] {
  const random = seededRandom(seed);
  const plan: PlannedEvent[] = [];
  let phoneSerial = 0;
  let previousPhone = '';
  let previousType = '';
  for (let i = 0; i < n; i++) {
    const type = EVENT_TYPES[i % EVENT_TYPES.length];
    // Mostly one recipient per event; a few share the previous one (Meta's 6 s pair limit paces
    // them). Never around a marketing event: its decision would race the other's consent.
    const share = i > 0 && type !== MARKETING_EVENT && previousType !== MARKETING_EVENT && random() < 0.03;
    const phone = share ? previousPhone : `+39333${String(1_000_000 + phoneSerial++).padStart(7, '0')}`;
    previousPhone = phone;
    previousType = type;
    const optedOut = random() < 0.02;
    const agentCart = type === MARKETING_EVENT && random() < 0.05;
    const withConsent = type === MARKETING_EVENT && random() < 0.5;
    const language = type === 'order.status_changed' ? (['it', 'en', 'de'] as const)[i % 3] : 'it';
    const body = {
      id: `chaos-${runId}-${i}`,
      type,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      recipient: { userId: `u-${i}`, phone, name: 'Giulia Rossi', language, groups: ['clienti'], ...(optedOut ? { whatsappOptOut: true } : {}) },
      data: DATA[type],
      ...(agentCart ? { createdByAgent: true } : {}),
    };
    const expected: Expected = agentCart
      ? { decision: 'SKIP', reason: 'AGENT_CART' }
      : optedOut
        ? { decision: 'SKIP', reason: 'OPTED_OUT' }
        : type === MARKETING_EVENT && !withConsent
          ? { decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' }
          : { decision: 'SEND' };
    const consent = withConsent
      ? {
          id: `chaos-consent-${runId}-${i}`,
          phone,
          category: 'marketing',
          action: 'opt_in',
          source: 'passweb-form',
          evidence: { form: 'newsletter' },
          occurredAt: new Date(Date.now() - 120_000).toISOString(),
        }
      : null;
    const r = random();
    const repost = r < 0.1 ? 'concurrent' : r < 0.3 ? 'later' : 'none';
    plan.push({ body, expected, consent, repost, conflict: random() < 0.005 });
  }
  return plan;
}

/**
 * Posts the plan at a steady rate over `seconds` with `concurrency` requests in flight, with the
 * reposts (concurrent with their original, or later) and a few conflicting bodies.
 * `progress` is the fraction of the plan started, for the fault schedule.
 */
export class PasswebLoad {
  private started = 0;

  constructor(
    private readonly client: PasswebClient,
    private readonly plan: PlannedEvent[],
    private readonly seconds: number,
    private readonly concurrency: number,
  ) {}

  get progress(): number {
    return this.plan.length === 0 ? 1 : this.started / this.plan.length;
  }

  async run(): Promise<LoadResult> {
    const result: LoadResult = {
      posted: 0,
      reposts: 0,
      conflictsSent: 0,
      accepted: new Map(),
      inconsistent: [],
      unexpectedDecisions: [],
      consentsPosted: 0,
      consentsAccepted: new Set(),
      conflictAnswers: new Map(),
    };
    // Later reposts come back 50–500 tasks after their original, in the same stream.
    const tasks: (() => Promise<void>)[] = this.plan.map((p) => () => this.postPlanned(p, result));
    const later: { at: number; task: () => Promise<void> }[] = [];
    this.plan.forEach((p, i) => {
      if (p.repost === 'later') later.push({ at: i + 50 + Math.floor((i * 7919) % 450), task: () => this.repost(p, result) });
    });
    const stream: { task: () => Promise<void>; main: boolean }[] = [];
    let l = 0;
    later.sort((a, b) => a.at - b.at);
    tasks.forEach((task, i) => {
      stream.push({ task, main: true });
      while (l < later.length && later[l].at <= i) stream.push({ task: later[l++].task, main: false });
    });
    while (l < later.length) stream.push({ task: later[l++].task, main: false });

    const t0 = Date.now();
    const perTaskMs = (this.seconds * 1000) / Math.max(1, stream.length);
    let nextIndex = 0;
    const lanes = Array.from({ length: this.concurrency }, async () => {
      for (;;) {
        const k = nextIndex++;
        if (k >= stream.length) return;
        const due = t0 + k * perTaskMs;
        if (due > Date.now()) await sleep(due - Date.now());
        if (stream[k].main) this.started++;
        await stream[k].task();
      }
    });
    await Promise.all(lanes);
    return result;
  }

  private async postPlanned(p: PlannedEvent, result: LoadResult): Promise<void> {
    if (p.consent) {
      result.consentsPosted++;
      const res = await this.client.post('/v1/consents', p.consent);
      if (res.status === 201 || res.status === 200) result.consentsAccepted.add(p.consent.id);
      // A repeat of the consent's client id: idempotent.
      if (p.repost !== 'none') {
        result.consentsPosted++;
        await this.client.post('/v1/consents', p.consent);
      }
    }
    const first = this.postEvent(p, result);
    if (p.repost === 'concurrent') await Promise.all([first, this.repost(p, result)]);
    else await first;
    if (p.conflict) {
      result.conflictsSent++;
      const changed = { ...p.body, data: { ...p.body.data, firstName: 'Giovanna' } };
      const res = await this.client.post('/v1/events', changed);
      result.conflictAnswers.set(res.status, (result.conflictAnswers.get(res.status) ?? 0) + 1);
      if (res.status === 202) result.inconsistent.push(`${p.body.id}: a different body was accepted (202), not refused with 409`);
    }
  }

  private async repost(p: PlannedEvent, result: LoadResult): Promise<void> {
    result.reposts++;
    await this.postEvent(p, result, true);
  }

  private async postEvent(p: PlannedEvent, result: LoadResult, isRepost = false): Promise<void> {
    if (!isRepost) result.posted++;
    const res = await this.client.post('/v1/events', p.body);
    if (res.status !== 202) {
      result.inconsistent.push(`${p.body.id}: answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return;
    }
    const answer: Accepted = { notificationId: res.body.notificationId, decision: res.body.decision, ...(res.body.reason ? { reason: res.body.reason } : {}) };
    const known = result.accepted.get(p.body.id);
    if (!known) {
      result.accepted.set(p.body.id, answer);
      const e = p.expected;
      if (answer.decision !== e.decision || (e.decision === 'SKIP' && answer.reason !== e.reason)) {
        result.unexpectedDecisions.push(
          `${p.body.id} (${p.body.type}): expected ${e.decision}${e.decision === 'SKIP' ? ` ${e.reason}` : ''}, got ${answer.decision} ${answer.reason ?? ''}`,
        );
      }
    } else if (known.notificationId !== answer.notificationId || known.decision !== answer.decision) {
      result.inconsistent.push(`${p.body.id}: two different answers (${known.notificationId} ${known.decision} / ${answer.notificationId} ${answer.decision})`);
    }
  }
}
