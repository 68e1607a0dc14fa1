import { Logger } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiConfig, loadConfig } from '#sigillo/platform';
import { HttpDrain } from './http-drain.service.js';

const config = (graceMs: number) => loadConfig(ApiConfig, { LEDGER_CONTRACT_ADDRESS: `0x${'1'.repeat(40)}`, SHUTDOWN_GRACE_MS: String(graceMs) });

/** A real server whose handler answers after `?ms=` milliseconds, behind the drain's gate. */
async function served(graceMs: number) {
  const server = http.createServer((req, res) => {
    const ms = Number(new URL(req.url!, 'http://x').searchParams.get('ms') ?? 0);
    setTimeout(() => res.end('done'), ms).unref();
  });
  const drain = new HttpDrain(config(graceMs));
  drain.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, port: (server.address() as AddressInfo).port };
}

/** Writes `first`, then `rest` once `later` resolves; answers the raw reply once the server closes the connection. */
function raw(port: number, first: string, later: Promise<unknown>, rest: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(first);
  void later.then(() => socket.write(rest));
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks).toString())));
}

describe('HttpDrain', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('lets the request under way finish and refuses one that arrives during the drain with 503, Retry-After and Connection: close', async () => {
    const { drain, port } = await served(2000);
    const inFlight = fetch(`http://127.0.0.1:${port}/?ms=300`).then(async (r) => ({ status: r.status, body: await r.text() }));
    let signalled!: () => void;
    const afterSignal = new Promise<void>((resolve) => (signalled = resolve));
    const late = raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\n', afterSignal, '\r\n');
    await sleep(50);
    const shutdown = drain.beforeApplicationShutdown('SIGTERM');
    expect(drain.state).toBe('draining');
    signalled();
    const started = Date.now();
    await shutdown;
    expect(await inFlight).toEqual({ status: 200, body: 'done' });
    const answer = await late;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toContain('"message":"this instance is shutting down; retry"');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(drain.state).toBe('closing');
  });

  it('gives up at the bound on a request that does not finish, then closes its connection', async () => {
    const { drain, port } = await served(200);
    const stuck = fetch(`http://127.0.0.1:${port}/?ms=60000`).then(
      (r) => r.status,
      () => 'closed without an answer',
    );
    await sleep(50);
    const started = Date.now();
    await drain.beforeApplicationShutdown('SIGTERM');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await stuck).toBe('closed without an answer');
  });

  it('refuses new connections once draining, and drains at once when nothing is under way', async () => {
    const { drain, port } = await served(5000);
    const started = Date.now();
    await drain.beforeApplicationShutdown('SIGTERM');
    expect(Date.now() - started).toBeLessThan(200);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('shuts down once: a second signal changes nothing', async () => {
    const { drain } = await served(100);
    await drain.beforeApplicationShutdown('SIGTERM');
    await drain.beforeApplicationShutdown('SIGINT');
    expect(drain.state).toBe('closing');
  });
});
