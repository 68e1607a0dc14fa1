import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SendRateLimiter } from '#sigillo/notifications';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { runCli } from '../support/cli.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// Issue 15, items 4 and 6, through the api, the worker and the simulator: Meta's template quality,
// category and pause webhooks (ledgered once, at Meta's time), the category in force and the pause
// reason in decisions, a coexistence number's throughput, and 130429 slowing a number's schedule.
let stack: LedgerStack;
let db: pg.Pool;
let n = 0;
const PHONE_NUMBER_ID = '100000000000001';

const DATA: Record<string, Record<string, string>> = {
  'message.sent': { firstName: 'Luca', messageSubject: 'Fattura' },
  'message.read': { fullName: 'Luca Bianchi', messageSubject: 'Fattura' },
  'activity.status_changed': { activitySubject: 'Consegna', activityDate: '2026-12-01', oldStatus: 'Aperta', newStatus: 'Chiusa' },
  'activity.reminder': { activitySubject: 'Consegna', activityDate: '2026-12-01' },
};

function event(type: string) {
  return {
    id: `evt-${randomUUID()}`,
    type,
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u${n}`, phone: `+39333${String(4_000_000 + n++).padStart(7, '0')}`, language: 'it' },
    data: DATA[type],
  };
}

async function post(type: string): Promise<{ notificationId: string; decision: string; reason?: string }> {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, event(type));
  expect(res.status).toBe(202);
  return res.body;
}

async function decided(notificationId: string): Promise<{ type: string; body: Record<string, any> }> {
  const { rows } = await db.query("SELECT type, body FROM ledger_entries WHERE type LIKE 'notification.decided%' AND body->>'notificationId' = $1", [
    notificationId,
  ]);
  return rows[0];
}

async function entriesOf(type: string, name: string): Promise<{ occurred_at: Date; body: Record<string, any> }[]> {
  const { rows } = await db.query("SELECT occurred_at, body FROM ledger_entries WHERE type = $1 AND body->>'name' = $2 ORDER BY id", [type, name]);
  return rows;
}

const unix = (ms: number) => Math.floor(ms / 1000);

beforeAll(async () => {
  stack = await LedgerStack.start({ SEND_BACKOFF_BASE_MS: '200' }, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Pool({ connectionString: stack.db.url, max: 5 });
  await stack.syncAndBind({
    'message.sent': DEMO_BINDINGS['message.sent'],
    'message.read': DEMO_BINDINGS['message.read'],
    'activity.status_changed': DEMO_BINDINGS['activity.status_changed'],
    'activity.reminder': DEMO_BINDINGS['activity.reminder'],
  });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe("Meta's template webhooks", () => {
  it('records a quality change at the time Meta gives, and keeps the score in the catalog', async () => {
    const metaTime = unix(Date.now()) - 3600;
    await stack.simulator!.control.setTemplateQuality('reserved_area_message_sent', 'it', 'YELLOW', metaTime);
    const [entry] = await waitFor('the quality entry', async () => {
      const e = await entriesOf('template.quality_changed', 'reserved_area_message_sent');
      return e.length > 0 && e;
    });
    expect(entry.occurred_at).toEqual(new Date(metaTime * 1000));
    expect(entry.body).toMatchObject({ tenantId: stack.tenant!.id, language: 'it', previous: 'UNKNOWN', score: 'YELLOW', applied: true });
    const { rows } = await db.query("SELECT quality_score, quality_at FROM templates WHERE name = 'reserved_area_message_sent'");
    expect(rows[0]).toEqual({ quality_score: 'YELLOW', quality_at: new Date(metaTime * 1000) });
  });

  it('ledgers a re-delivered change once, with Meta time; a late older change is logged but not applied', async () => {
    const name = 'reserved_area_message_sent';
    const t1 = unix(Date.now()) - 3 * 24 * 3600; // Meta re-delivers for days
    const { webhook } = await stack.simulator!.control.setTemplateQuality(name, 'it', 'RED', t1 + 100);
    await waitFor('the RED entry', async () => (await entriesOf('template.quality_changed', name)).some((e) => e.body.score === 'RED'));
    await stack.simulator!.control.redeliver(webhook.id);
    await stack.simulator!.control.redeliver(webhook.id);
    // A change Meta timed before the RED one, arriving after it (delayed delivery).
    await stack.simulator!.control.setTemplateQuality(name, 'it', 'GREEN', t1);
    await waitFor('the late GREEN entry', async () => (await entriesOf('template.quality_changed', name)).some((e) => e.body.score === 'GREEN'));
    await waitFor('every payload processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0);

    const red = (await entriesOf('template.quality_changed', name)).filter((e) => e.body.score === 'RED');
    expect(red).toHaveLength(1);
    expect(red[0].occurred_at).toEqual(new Date((t1 + 100) * 1000));
    expect(
      (await db.query("SELECT count(*)::int AS n FROM webhook_payloads WHERE position(convert_to($1, 'UTF8') in body) > 0", ['"RED"'])).rows[0].n,
    ).toBeGreaterThanOrEqual(3);
    const green = (await entriesOf('template.quality_changed', name)).filter((e) => e.body.score === 'GREEN');
    expect(green[0].body.applied).toBe(false);
    // The catalog holds the latest by Meta's time: the 1-hour-old YELLOW of the test above.
    expect((await db.query('SELECT quality_score FROM templates WHERE name = $1', [name])).rows[0].quality_score).toBe('YELLOW');
  });

  it('a template recategorised from UTILITY to MARKETING needs marketing consent from then on, and the decision names MARKETING', async () => {
    const before = await post('message.sent');
    expect(before.decision).toBe('SEND');
    expect((await decided(before.notificationId)).body.template).toMatchObject({ category: 'UTILITY' });

    const metaTime = unix(Date.now());
    await stack.simulator!.control.setTemplateCategory('reserved_area_message_sent', 'it', 'MARKETING', { time: metaTime });
    const after = await waitFor(
      'the recategorisation applied',
      async () => {
        const res = await post('message.sent');
        return res.decision === 'SKIP' && res;
      },
      15_000,
      300,
    );
    expect(after.reason).toBe('NO_MARKETING_CONSENT');
    const entry = await decided(after.notificationId);
    expect(entry.type).toBe('notification.decided');
    expect(entry.body).toMatchObject({
      decision: 'SKIP',
      reason: 'NO_MARKETING_CONSENT',
      template: { name: 'reserved_area_message_sent', category: 'MARKETING', status: 'APPROVED' },
    });
    const [changed] = await entriesOf('template.category_changed', 'reserved_area_message_sent');
    expect(changed.occurred_at).toEqual(new Date(metaTime * 1000));
    expect(changed.body).toMatchObject({
      previous: 'UTILITY',
      category: 'MARKETING',
      impending: false,
      effectiveAt: new Date(metaTime * 1000).toISOString(),
      applied: true,
    });
  });

  it('an announced recategorisation counts from the time Meta gave, before its completion webhook arrives', async () => {
    const effectiveAt = unix(Date.now()) + 3;
    await stack.simulator!.control.setTemplateCategory('agenda_activity_status', 'it', 'MARKETING', { impending: true, effectiveAt });
    await waitFor('the announcement ledgered', async () => (await entriesOf('template.category_changed', 'agenda_activity_status')).length > 0);
    const [announced] = await entriesOf('template.category_changed', 'agenda_activity_status');
    expect(announced.body).toMatchObject({
      previous: 'UTILITY',
      category: 'MARKETING',
      impending: true,
      effectiveAt: new Date(effectiveAt * 1000).toISOString(),
    });
    expect((await post('activity.status_changed')).decision).toBe('SEND');
    await new Promise((r) => setTimeout(r, effectiveAt * 1000 - Date.now() + 1100)); // past it, and the catalog cache
    const after = await post('activity.status_changed');
    expect(after).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' });
    expect((await decided(after.notificationId)).body.template).toMatchObject({ category: 'MARKETING' });
  });

  it('a paused template refuses with the pause as its reason until it is unpaused', async () => {
    const name = 'reserved_area_message_read';
    expect((await post('message.read')).decision).toBe('SEND');
    await stack.simulator!.control.setTemplateStatus(name, 'it', 'PAUSED', undefined, { pauseTitle: 'SECOND_PAUSE' });
    const refused = await waitFor(
      'the pause applied',
      async () => {
        const res = await post('message.read');
        return res.decision === 'SKIP' && res;
      },
      15_000,
      300,
    );
    expect(refused.reason).toBe('TEMPLATE_NOT_APPROVED');
    const entry = await decided(refused.notificationId);
    expect(entry.type).toBe('notification.decided/v2');
    expect(entry.body.template).toEqual({ name, language: 'it', category: 'UTILITY', status: 'PAUSED', statusReason: 'SECOND_PAUSE' });
    const [paused] = await entriesOf('template.status_changed/v2', name);
    expect(paused.body).toMatchObject({
      event: 'PAUSED',
      reason: 'NONE',
      otherInfo: { title: 'SECOND_PAUSE' },
      status: 'PAUSED',
      statusReason: 'SECOND_PAUSE',
      applied: true,
    });

    // Still refused while paused, and a catalog sync (the list says PAUSED, not why) keeps the reason.
    expect((await stack.call('POST', '/v1/templates/sync', stack.tenantKeys!.admin)).status).toBe(200);
    const again = await post('message.read');
    expect(again.reason).toBe('TEMPLATE_NOT_APPROVED');
    expect((await decided(again.notificationId)).body.template).toMatchObject({ status: 'PAUSED', statusReason: 'SECOND_PAUSE' });
    // Meta unpauses it (APPROVED with other_info UNPAUSE).
    await stack.simulator!.control.setTemplateStatus(name, 'it', 'APPROVED');
    const sent = await waitFor(
      'the unpause applied',
      async () => {
        const res = await post('message.read');
        return res.decision === 'SEND' && res;
      },
      15_000,
      300,
    );
    expect((await decided(sent.notificationId)).type).toBe('notification.decided');
    const unpaused = (await entriesOf('template.status_changed/v2', name)).at(-1)!;
    expect(unpaused.body).toMatchObject({ event: 'APPROVED', otherInfo: { title: 'UNPAUSE' }, status: 'APPROVED', statusReason: null });
  });
});

describe('throughput', () => {
  it('a coexistence tenant defaults to 20 messages/s and may not exceed it; set-number-mode changes both', async () => {
    const env = { DATABASE_URL: stack.db.url };
    const create = (id: string, ...extra: string[]) =>
      runCli(
        [
          'tenant',
          'create',
          '--json',
          '--name',
          `Shop ${id}`,
          '--phone-number-id',
          id,
          '--waba-id',
          `2${id}`,
          '--base-url',
          stack.simulator!.url,
          '--simulator',
          '--token',
          'tok',
          ...extra,
        ],
        env,
      );
    const made = await create('100000000000901', '--number-mode', 'coexistence');
    expect(made.code).toBe(0);
    const { tenant } = JSON.parse(made.stdout) as { tenant: { id: string; numberMode: string; throughputPerSecond: number } };
    expect(tenant).toMatchObject({ numberMode: 'coexistence', throughputPerSecond: 20 });
    const tooFast = await create('100000000000902', '--number-mode', 'coexistence', '--throughput', '30');
    expect(tooFast.code).toBe(2);
    expect(tooFast.stderr.trim()).toBe('sigillo tenant create: --throughput must be an integer from 1 to 20 for a coexistence number');
    expect((await create('100000000000903')).code).toBe(0);
    expect((await db.query("SELECT number_mode, throughput_per_second FROM tenants WHERE phone_number_id = '100000000000903'")).rows[0]).toEqual({
      number_mode: 'cloud_api',
      throughput_per_second: 80,
    });
    const moved = await runCli(['tenant', 'set-number-mode', '--id', tenant.id, '--number-mode', 'cloud_api'], env);
    expect(moved.code).toBe(0);
    expect((await db.query('SELECT number_mode, throughput_per_second FROM tenants WHERE id = $1', [tenant.id])).rows[0]).toEqual({
      number_mode: 'cloud_api',
      throughput_per_second: 80,
    });
  }, 60_000);

  it('repeated 130429 slow the number down to what Meta admits, instead of only retrying each send', async () => {
    // The simulator admits 1 message/s, far below any pace this machine can send at however loaded
    // it is, so most of the burst meets 130429 whatever the timing. The pacing steps themselves
    // (how far, how fast back up) are send-pacing.spec's to pin down; a timed comparison of two
    // bursts here failed under load, which makes it a flaky test, not a measurement.
    const CAP = 1;
    const BURST = 12;
    const usual = stack.simulator!.control.getFailureModes().throughputPerSecond;
    stack.simulator!.control.setFailureModes({ throughputPerSecond: CAP });
    try {
      const ids = await Promise.all(Array.from({ length: BURST }, async () => (await post('activity.reminder')).notificationId));
      // The pace recovers by itself once the refusals stop, so it is sampled while they happen.
      let slowest = Infinity;
      await waitFor(
        'the burst submitted',
        async () => {
          slowest = Math.min(slowest, await stack.get(SendRateLimiter).rateFor(PHONE_NUMBER_ID, 80));
          return (await db.query("SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'SUBMITTED'", [ids])).rows[0].n === BURST;
        },
        180_000,
        250,
      );
      const { rows } = await db.query(
        'SELECT count(*) FILTER (WHERE error_code = 130429)::int AS throttled FROM send_attempts WHERE notification_id = ANY($1)',
        [ids],
      );
      console.log(`130429 pacing (simulator cap ${CAP}/s, tenant 80/s, ${BURST} sends): ${rows[0].throttled} refusals; slowest pace ${slowest.toFixed(1)}/s`);
      expect(rows[0].throttled).toBeGreaterThan(BURST / 2);
      // Every send got through, and the number's pace was cut (at least halved from 80/s) rather than left at the configured rate.
      expect(slowest).toBeLessThan(40);
    } finally {
      stack.simulator!.control.setFailureModes({ throughputPerSecond: usual });
    }
  }, 240_000);
});

describe('the ledger', () => {
  it('logged only entries that match the schemas of their types (docs/ledger-entries.md)', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
