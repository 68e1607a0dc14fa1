import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { command as tenantCommand } from '../../apps/cli/src/tenant.command.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// Issue 15 through the api, the worker and the simulator: named-parameter templates, Meta's
// throttling codes retried within SEND_RETRY_DEADLINE_MS, and opt-out wording.

const lines: string[] = [];
const capture: DestinationStream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) };

let stack: LedgerStack;
let db: pg.Client;
let n = 0;

const phone = () => `+39333${String(6_000_000 + n++).padStart(7, '0')}`;

const NAMED_BINDING = {
  templates: [
    { name: 'order_ready_named', language: 'it' },
    { name: 'order_ready_named', language: 'en' },
  ],
  variables: {
    'header.order_id': 'documentCode',
    'body.first_name': 'firstName',
    'body.order_id': 'documentCode',
    'body.status': 'newStatus',
    'button.0.order_code': 'siteUrl',
  },
};

function order(to: string, language = 'it') {
  return {
    id: `evt-${randomUUID()}`,
    type: 'order.status_changed',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-named', phone: to, language },
    data: {
      firstName: 'Giulia',
      documentCode: 'ORD-1042',
      newStatus: 'Spedito',
      oldStatus: 'Pagato',
      siteUrl: 'https://shop.example/ordini/ORD-1042',
      orderTotal: '10.00',
    },
  };
}

async function post(body: unknown): Promise<{ decision: string; notificationId: string }> {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
  expect(res.status).toBe(202);
  return res.body;
}

async function settled(notificationId: string): Promise<{ status: string; attempts: number; last_error: any }> {
  return waitFor(`notification ${notificationId} settled`, async () => {
    const { rows } = await db.query('SELECT status, attempts, last_error FROM notifications WHERE id = $1', [notificationId]);
    return rows[0] && (rows[0].status === 'SUBMITTED' || rows[0].status === 'FAILED') ? rows[0] : null;
  });
}

async function attempts(notificationId: string): Promise<{ attempt: number; outcome: string; error_code: number | null }[]> {
  const { rows } = await db.query('SELECT attempt, outcome, error_code FROM send_attempts WHERE notification_id = $1 ORDER BY attempt', [notificationId]);
  return rows;
}

async function entryTypes(notificationId: string): Promise<string[]> {
  const { rows } = await db.query("SELECT type FROM ledger_entries WHERE body->>'notificationId' = $1 ORDER BY id", [notificationId]);
  return rows.map((r) => r.type);
}

async function inbound(from: string, text: string): Promise<void> {
  // The simulator's control endpoint, as an operator would drive it.
  const res = await fetch(`${stack.simulator!.url}/_sim/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: from.slice(1), text }),
  });
  expect(res.status).toBe(200);
}

async function optOuts(to: string): Promise<{ source: string; evidence: any }[]> {
  const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'phone' = $1 AND body->>'action' = 'opt_out'", [
    to,
  ]);
  return rows.map((r) => r.body);
}

beforeAll(async () => {
  stack = await LedgerStack.start(
    // LOG_LEVEL warn: the unknown code's warning is part of what is tested.
    { RECIPIENT_MIN_INTERVAL_MS: '0', SEND_BACKOFF_BASE_MS: '100', SEND_RETRY_DEADLINE_MS: '3000', LOG_LEVEL: 'warn' },
    { simulator: { statusDelaysMs: [20, 40, 60] }, logDestination: capture },
  );
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('a named-parameter template, end to end', () => {
  it('is synced with its names, refused when bound by number, bound by name, and sent with parameter_name', async () => {
    const admin = stack.tenantKeys!.admin;
    expect(await stack.call('POST', '/v1/templates/sync', admin)).toMatchObject({ status: 200 });
    const listed = await stack.call('GET', '/v1/templates', admin);
    const named = listed.body.find((t: any) => t.name === 'order_ready_named' && t.language === 'it');
    expect(named.components).toMatchObject({
      parameterFormat: 'NAMED',
      body: { placeholders: ['first_name', 'order_id', 'status'] },
      buttons: [{ placeholders: ['order_code'] }],
    });

    const numbered = await stack.call('PUT', '/v1/bindings/order.status_changed', admin, {
      templates: NAMED_BINDING.templates,
      variables: {
        'body.1': 'firstName',
        'body.order_id': 'documentCode',
        'body.status': 'newStatus',
        'header.order_id': 'documentCode',
        'button.0.order_code': 'siteUrl',
      },
    });
    expect(numbered.status).toBe(422);
    expect(numbered.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'variables.body.first_name', message: 'body.first_name of order_ready_named/it is not mapped' },
        { field: 'variables.body.1', message: expect.stringMatching(/^order_ready_named\/it has no placeholder body\.1 \(its placeholders are named: /) },
      ]),
    );

    expect(await stack.call('PUT', '/v1/bindings/order.status_changed', admin, NAMED_BINDING)).toMatchObject({ status: 200 });
    const to = phone();
    const accepted = await post(order(to));
    expect(accepted.decision).toBe('SEND');
    expect(await settled(accepted.notificationId)).toMatchObject({ status: 'SUBMITTED', attempts: 1 });

    const [message] = stack.simulator!.control.messages(to.slice(1));
    expect(message.template).toMatchObject({ name: 'order_ready_named', language: 'it' });
    expect(message.components).toEqual([
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'ORD-1042' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Giulia' },
          { type: 'text', parameter_name: 'order_id', text: 'ORD-1042' },
          { type: 'text', parameter_name: 'status', text: 'Spedito' },
        ],
      },
      // The link's fixed part (https://shop.example/ordini/) is the button's own.
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', parameter_name: 'order_code', text: 'ORD-1042' }] },
    ]);
  });
});

describe('throttling and unknown codes', () => {
  afterEach(() => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: null });
  });

  it('a send that meets 131048 twice (answered on the send, as Meta does) is retried, sent once and recorded submitted', async () => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 131048, permanentErrorCount: 2 });
    const to = phone();
    const { notificationId } = await post(order(to));
    expect(await settled(notificationId)).toMatchObject({ status: 'SUBMITTED', attempts: 3 });
    expect(await attempts(notificationId)).toEqual([
      { attempt: 1, outcome: 'retry', error_code: 131048 },
      { attempt: 2, outcome: 'retry', error_code: 131048 },
      { attempt: 3, outcome: 'submitted', error_code: null },
    ]);
    expect(stack.simulator!.control.messages(to.slice(1))).toHaveLength(1);
    await waitFor('the submitted entry', async () => (await entryTypes(notificationId)).includes('message.submitted/v2'));
    expect(await entryTypes(notificationId)).not.toContain('message.failed/v2');
  });

  it('131064 is retried too', async () => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 131064, permanentErrorCount: 1 });
    const { notificationId } = await post(order(phone()));
    expect(await settled(notificationId)).toMatchObject({ status: 'SUBMITTED', attempts: 2 });
  });

  it('a throttling code that outlasts SEND_RETRY_DEADLINE_MS ends failed, with the last error', async () => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 131048 });
    const started = Date.now();
    const { notificationId } = await post(order(phone()));
    const failed = await settled(notificationId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.attempts).toBeGreaterThan(2);
    expect(failed.last_error).toMatchObject({ kind: 'transient', code: 131048, title: expect.stringContaining('Spam rate limit hit') });
    await waitFor('the failed entry', async () => {
      const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'message.failed/v2' AND body->>'notificationId' = $1", [notificationId]);
      return rows[0]?.body;
    }).then((body) => expect(body).toMatchObject({ attempt: failed.attempts, error: { kind: 'transient', code: 131048 } }));
  });

  it('an unknown code is final at once, counted in /metrics and warned in the log without personal data', async () => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 987654, permanentErrorCount: 1 });
    const to = phone();
    const { notificationId } = await post(order(to));
    expect(await settled(notificationId)).toMatchObject({ status: 'FAILED', attempts: 1, last_error: { kind: 'permanent', code: 987654 } });

    const metrics = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(metrics).toMatch(/^sigillo_send_errors_unclassified\{error_code="987654"\} 1$/m);
    expect(metrics).not.toMatch(/sigillo_send_errors_unclassified\{error_code="131048"\}/);

    const warning = lines
      .map((l) => JSON.parse(l))
      .find((l) => typeof l.msg === 'string' && l.msg.includes('987654') && l.msg.includes('not in the classification table'));
    expect(warning).toMatchObject({ level: 40 });
    expect(JSON.stringify(warning)).not.toContain(to.slice(4));
  });
});

describe("Meta's value-level errors (messages webhook, value.errors)", () => {
  it('an account-level error tied to no message is processed, warned with its code and the business number, and changes nothing', async () => {
    // Statuses of earlier sends may still arrive: everything else stays as it was.
    const counts = async () =>
      (
        await db.query(
          "SELECT (SELECT count(*) FROM ledger_entries WHERE type NOT LIKE 'message.status%')::int AS e, (SELECT count(*) FROM webhook_rejections)::int AS r, (SELECT count(*) FROM consents)::int AS c",
        )
      ).rows[0];
    const before = await counts();
    const { webhook } = await stack.simulator!.control.accountError(131000);
    expect(webhook.payload).toMatchObject({
      entry: [{ changes: [{ field: 'messages', value: { errors: [{ code: 131000, title: 'Something went wrong' }] } }] }],
    });
    const warning = await waitFor('the warning', async () =>
      lines.map((l) => JSON.parse(l)).find((l) => typeof l.msg === 'string' && l.msg.includes('Meta reported error 131000 (Something went wrong)')),
    );
    expect(warning).toMatchObject({ level: 40 });
    expect(warning.msg).toContain(stack.tenant!.phoneNumberId);
    await waitFor('processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0);
    expect(await counts()).toEqual(before);
  });
});

describe('opt-out wording', () => {
  it('"Basta messaggi" through the simulator\'s inbound endpoint becomes a consent.changed marketing opt-out; "stop by the shop tomorrow" does not', async () => {
    const to = phone();
    const other = phone();
    await inbound(other, 'stop by the shop tomorrow');
    await inbound(to, 'Basta messaggi, grazie!');
    await waitFor('the opt-out', async () => (await optOuts(to)).length === 1);
    expect((await optOuts(to))[0]).toMatchObject({ category: 'marketing', source: 'whatsapp-keyword', evidence: { keyword: 'BASTA MESSAGGI' } });
    await waitFor(
      'the other inbound message recorded',
      async () => (await db.query('SELECT 1 FROM inbound_messages WHERE phone = $1', [other])).rowCount === 1,
    );
    expect(await optOuts(other)).toEqual([]);
  });

  it("a tenant's own keyword, set through the CLI, opts out too", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = stack.db.url;
    try {
      expect(await tenantCommand.run(['set-opt-out-keywords', '--id', stack.tenant!.id, '--keyword', '!!!'], io)).toBe(2);
      expect(err.pop()).toMatch(/"!!!" has no letters or digits/);
      expect(await tenantCommand.run(['set-opt-out-keywords', '--id', stack.tenant!.id, '--keyword', 'Basta offerte', '--keyword', 'Niente sconti'], io)).toBe(
        0,
      );
    } finally {
      process.env.DATABASE_URL = previous;
    }
    expect(out.pop()).toMatch(/2 opt-out keyword\(s\) of its own: Basta offerte \| Niente sconti$/);
    // The worker reads tenants through a 5 s cache.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    const to = phone();
    await inbound(to, 'basta offerte!');
    await waitFor('the tenant keyword opt-out', async () => (await optOuts(to)).length === 1);
    expect((await optOuts(to))[0]).toMatchObject({ source: 'whatsapp-keyword', evidence: { keyword: 'Basta offerte' } });
  }, 30_000);
});
