// SIGTERM to a real api and a real worker (the built processes, as deployed) under load: the api
// drains (no 500, late requests 503 with Retry-After, /health 503, in-flight requests finish, a
// stuck one is given up at the bound), the worker finishes the sends it holds; both exit in time
// and nothing accepted is lost. Needs `npm run build` (npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { CLOSE_ALLOWANCE_MS, repoRoot } from '#sigillo/platform';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { waitForApi } from '../../scripts/dev/wait-for-api.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { PASSWEB_EVENT_DATA } from '../support/passweb-event-data.js';
import { freePort } from '../support/test-stack.js';
import { waitFor } from '../support/wait-for.js';

const API_GRACE_MS = 3000;
const WORKER_GRACE_MS = 6000;

let stack: LedgerStack;
let db: pg.Client;
let phoneSerial = 0;

function event(): Record<string, unknown> {
  return {
    id: `evt-${randomUUID()}`,
    type: 'order.status_changed',
    occurredAt: new Date().toISOString(),
    recipient: {
      userId: `u-${phoneSerial}`,
      phone: `+39333${String(3_000_000 + phoneSerial++).padStart(7, '0')}`,
      name: 'Giulia Rossi',
      language: 'it',
      groups: ['clienti'],
    },
    data: PASSWEB_EVENT_DATA['order.status_changed'],
  };
}

/** A built service as its own process; its stdout and stderr are kept for the assertions. */
class Child {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: string | null; at: number }>;
  private readonly child: ChildProcess;

  constructor(script: string, env: Record<string, string>) {
    const path = join(repoRoot(), script);
    if (!existsSync(path)) throw new Error(`${script} is missing: run npm run build first`);
    this.child = spawn(process.execPath, [path], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!])
      stream.on('data', (d: Buffer) => this.output.push(...d.toString().split('\n').filter(Boolean)));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  signal(name: NodeJS.Signals): number {
    this.child.kill(name);
    return Date.now();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request written by hand on its own connection, so the test decides which bytes are there
 * before the SIGTERM and which after. Resolves when the server closes the connection.
 */
function rawRequest(port: number): { socket: Socket; answer: Promise<RawAnswer> } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // a reset is read as "closed without an answer"
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const answer = new Promise<RawAnswer>((resolve) =>
    socket.once('close', () => {
      const text = Buffer.concat(chunks).toString();
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: status ? Number(status) : null, headers, body: rest.join('\r\n\r\n') });
    }),
  );
  return { socket, answer };
}

function eventRequestHead(port: number, body: string, key: string): string {
  return `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
}

interface LaneAnswer {
  status: number | null;
  retryAfter?: string;
  eventId: string;
  error?: string;
}

/** Passweb-like load: each lane posts events one after another on its own kept-alive connection. */
function startLanes(port: number, key: string, lanes: number): { stop: () => Promise<LaneAnswer[]> } {
  const answers: LaneAnswer[] = [];
  let running = true;
  const post = (agent: http.Agent, body: Record<string, unknown>) =>
    new Promise<LaneAnswer>((resolve) => {
      const raw = JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/events',
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? null, retryAfter: res.headers['retry-after'], eventId: body.id as string }));
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: null, eventId: body.id as string, error: err.code ?? err.message }));
      req.end(raw);
    });
  const done = Array.from({ length: lanes }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (running) {
      const answer = await post(agent, event());
      answers.push(answer);
      // Refused: this instance is gone for good (a load balancer would move on to another).
      if (answer.error === 'ECONNREFUSED') break;
    }
    agent.destroy();
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(done);
      return answers;
    },
  };
}

beforeAll(async () => {
  stack = await LedgerStack.start({ SEND_BACKOFF_BASE_MS: '200', RECIPIENT_MIN_INTERVAL_MS: '0' }, { simulator: {} });
  await stack.syncAndBind(DEMO_BINDINGS);
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('SIGTERM', () => {
  it('drains the api under keep-alive load: no 500, late requests and /health 503 with Retry-After, in-flight finished, exit within the bound', async () => {
    const port = await freePort();
    const key = stack.tenantKeys!.passweb;
    const api = new Child('dist/apps/api/src/main.js', {
      ...stack.env,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      SHUTDOWN_GRACE_MS: String(API_GRACE_MS),
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    });
    try {
      await waitForApi(`http://127.0.0.1:${port}`, AbortSignal.timeout(60_000));
      const lanes = startLanes(port, key, 12);
      await sleep(1500);

      // Before the signal: a request whose headers are only half there (a client about to send
      // on its kept-alive connection), a GET /health likewise, a request with half its body (in
      // flight) and one whose body will never come (stuck: the drain must give up on it).
      const late = rawRequest(port);
      const lateBody = JSON.stringify(event());
      const lateHead = eventRequestHead(port, lateBody, key);
      late.socket.write(lateHead.slice(0, 40));
      const lateHealth = rawRequest(port);
      lateHealth.socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      const slowEvent = event();
      const slowBody = JSON.stringify(slowEvent);
      const slow = rawRequest(port);
      slow.socket.write(eventRequestHead(port, slowBody, key) + slowBody.slice(0, 20));
      const stuck = rawRequest(port);
      const stuckBody = JSON.stringify(event());
      stuck.socket.write(eventRequestHead(port, stuckBody, key) + stuckBody.slice(0, 20));
      await sleep(300);

      const signalledAt = api.signal('SIGTERM');
      await sleep(300);
      late.socket.write(lateHead.slice(40) + lateBody);
      lateHealth.socket.write('\r\n');
      await sleep(500);
      slow.socket.write(slowBody.slice(20));

      const [lateAnswer, healthAnswer, slowAnswer, stuckAnswer, exit] = await Promise.all([
        late.answer,
        lateHealth.answer,
        slow.answer,
        stuck.answer,
        api.exited,
      ]);
      const answers = await lanes.stop();
      const exitedAfterMs = exit.at - signalledAt;

      expect(lateAnswer).toMatchObject({ status: 503, headers: { 'retry-after': '1', connection: 'close' } });
      expect(JSON.parse(lateAnswer.body)).toMatchObject({ statusCode: 503, message: expect.stringContaining('shutting down') });
      expect(healthAnswer).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
      expect(slowAnswer.status).toBe(202);
      expect(stuckAnswer.status).toBeNull(); // cut at the bound, never answered 500

      const statuses = new Map<string, number>();
      for (const a of answers) statuses.set(String(a.status ?? a.error), (statuses.get(String(a.status ?? a.error)) ?? 0) + 1);
      const unexpected = answers.filter((a) => a.status !== null && a.status !== 202 && !(a.status === 503 && a.retryAfter === '1'));
      expect(unexpected).toEqual([]);
      expect(statuses.get('202')).toBeGreaterThan(50);

      const accepted = [...answers.filter((a) => a.status === 202).map((a) => a.eventId), slowEvent.id as string];
      const { rows } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events WHERE event_id = ANY($1)', [accepted]);
      expect(rows[0].n).toBe(accepted.length);

      expect(exit).toMatchObject({ code: 0 });
      expect(exitedAfterMs).toBeGreaterThanOrEqual(API_GRACE_MS - 200); // it waited for the stuck request…
      expect(exitedAfterMs).toBeLessThan(API_GRACE_MS + CLOSE_ALLOWANCE_MS); // …but no longer than the bound
      const gaveUp = api.output.filter((l) => l.includes('shutdown: gave up'));
      expect(gaveUp).toHaveLength(1);
      expect(gaveUp[0]).toMatch(/gave up draining requests after \d+ ms; still under way: 1 request"/);
      expect(api.output.join('\n')).not.toMatch(/Cannot use a pool|"statusCode":500|\b500\b.*Internal/);
    } finally {
      api.kill();
    }
  });

  it('lets the worker finish the sends it holds, stop its pollers and exit within the bound; nothing is lost or sent twice', async () => {
    // Only the child worker works the queues from here on.
    const inProcess = stack.workers.splice(0);
    for (const w of inProcess) await w.close();
    stack.simulator!.control.setFailureModes({ sendLatencyMs: 1500 });
    const worker = new Child('dist/apps/worker/src/main.js', { ...stack.env, SHUTDOWN_GRACE_MS: String(WORKER_GRACE_MS), LOG_LEVEL: 'warn' });
    try {
      const events = Array.from({ length: 20 }, () => event());
      for (const e of events) expect(await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, e)).toMatchObject({ status: 202 });
      const held = await waitFor(
        'sends waiting on the provider',
        async () => {
          const { rows } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM send_attempts WHERE finished_at IS NULL');
          return rows[0].n >= 3 ? rows[0].n : null;
        },
        60_000,
        50,
      );
      const signalledAt = worker.signal('SIGTERM');
      const exit = await worker.exited;

      expect(exit).toMatchObject({ code: 0 });
      expect(exit.at - signalledAt).toBeLessThan(WORKER_GRACE_MS); // 1.5 s sends: finished, not given up on
      expect(worker.output.filter((l) => l.includes('shutdown: gave up'))).toEqual([]);
      // The sends it held reached their outcome before it exited: none is left open.
      const { rows: open } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM send_attempts WHERE finished_at IS NULL');
      expect({ held, openAfterExit: open[0].n }).toEqual({ held, openAfterExit: 0 });

      // A new worker sends the rest; each event gets exactly one message.
      stack.simulator!.control.setFailureModes({ sendLatencyMs: 0 });
      await stack.startWorker();
      const ids = events.map((e) => e.id as string);
      await waitFor(
        'every send submitted',
        async () => {
          const { rows } = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM notifications WHERE event_id = ANY($1) AND status = 'SUBMITTED'`, [
            ids,
          ]);
          return rows[0].n === ids.length;
        },
        60_000,
      );
      for (const e of events) {
        const phone = (e.recipient as { phone: string }).phone.replace('+', '');
        expect({ phone, messages: stack.simulator!.control.messages(phone).length }).toEqual({ phone, messages: 1 });
      }
    } finally {
      worker.kill();
      stack.simulator!.control.setFailureModes({ sendLatencyMs: 0 });
    }
  });

  it('gives up on sends that outlast the bound, says so in one line, exits in time, and those jobs come back without a second message', async () => {
    const inProcess = stack.workers.splice(0);
    for (const w of inProcess) await w.close();
    // The provider accepts at once but answers after the bound: the worker cannot wait for it.
    stack.simulator!.control.setFailureModes({ sendLatencyMs: 8000 });
    const worker = new Child('dist/apps/worker/src/main.js', { ...stack.env, SHUTDOWN_GRACE_MS: '1000', LOG_LEVEL: 'warn' });
    try {
      const events = Array.from({ length: 8 }, () => event());
      for (const e of events) expect(await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, e)).toMatchObject({ status: 202 });
      const ids = events.map((e) => e.id as string);
      const openAttempts = async () => {
        const { rows } = await db.query<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM send_attempts a JOIN notifications n ON n.id = a.notification_id WHERE a.finished_at IS NULL AND n.event_id = ANY($1)',
          [ids],
        );
        return rows[0].n;
      };
      await waitFor('sends waiting on the provider', async () => (await openAttempts()) >= 3, 60_000, 50);
      const signalledAt = worker.signal('SIGTERM');
      const exit = await worker.exited;

      expect(exit).toMatchObject({ code: 0 });
      expect(exit.at - signalledAt).toBeLessThan(1000 + CLOSE_ALLOWANCE_MS);
      const gaveUp = worker.output.filter((l) => l.includes('shutdown: gave up'));
      expect(gaveUp.length).toBeGreaterThanOrEqual(1);
      expect(gaveUp[0]).toMatch(/gave up waiting for jobs and pollers after \d+ ms; still under way: [^"]*send jobs/);
      expect(await openAttempts()).toBeGreaterThanOrEqual(3); // cut, as by a crash: their outcome is unknown

      // Their locks lapse, BullMQ hands the jobs to the next worker, which finds the statuses of
      // the messages the provider had accepted and records them instead of sending again.
      stack.simulator!.control.setFailureModes({ sendLatencyMs: 0 });
      await stack.startWorker();
      await waitFor(
        'every send submitted',
        async () => {
          const { rows } = await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM notifications WHERE event_id = ANY($1) AND status = 'SUBMITTED'`, [
            ids,
          ]);
          return rows[0].n === ids.length;
        },
        120_000,
        500,
      );
      for (const e of events) {
        const phone = (e.recipient as { phone: string }).phone.replace('+', '');
        expect({ phone, messages: stack.simulator!.control.messages(phone).length }).toEqual({ phone, messages: 1 });
      }
    } finally {
      worker.kill();
      stack.simulator!.control.setFailureModes({ sendLatencyMs: 0 });
    }
  }, 180_000);
});
