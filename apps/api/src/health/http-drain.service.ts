import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApiConfig, waitBounded, noteShutdownStage, gaveUpLine, nextPhase, requestAnswer, type Refusal, type ShutdownPhase } from '#sigillo/platform';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The api's side of a graceful shutdown. It stands in front of the server's request listeners
 * (Fastify's handler), so every route is covered the same way, Bull Board's included; on SIGTERM,
 * before any pool, queue or Redis connection closes (Nest's beforeApplicationShutdown), it stops
 * accepting connections, closes the idle keep-alive ones and waits, at most SHUTDOWN_GRACE_MS, for
 * the requests under way. A request that still arrives (a kept-alive connection, a pipelined
 * request) gets 503 with Retry-After, /health included, so readiness fails at once.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private phase: ShutdownPhase = 'serving';
  private server: Server | null = null;
  private readonly inFlight = new Set<ServerResponse>();
  private idle: (() => void) | null = null;

  constructor(private readonly config: ApiConfig) {}

  get state(): ShutdownPhase {
    return this.phase;
  }

  /** Puts the gate in front of whatever answers requests on `server` now (call once the app is ready). */
  attach(server: Server): void {
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const answer = requestAnswer(this.phase);
      if (answer !== 'serve') return refuse(req, res, answer);
      this.inFlight.add(res);
      res.once('close', () => {
        this.inFlight.delete(res);
        if (this.inFlight.size === 0) this.idle?.();
      });
      for (const listener of listeners) listener.call(server, req, res);
    });
    this.server = server;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.phase !== 'serving') return;
    this.phase = nextPhase(this.phase, 'signal');
    const server = this.server;
    if (!server) return void (this.phase = nextPhase(this.phase, 'drained'));
    const started = Date.now();
    this.logger.log(
      `shutdown (${signal ?? 'close'}): refusing new requests, draining ${this.inFlight.size} under way (at most ${this.config.SHUTDOWN_GRACE_MS} ms)`,
    );
    noteShutdownStage('draining requests');
    server.close();
    server.closeIdleConnections();
    // Answers not yet begun close their connection once sent, instead of inviting another request.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const drained = this.inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.idle = resolve));
    const pending = await waitBounded({ requests: drained }, this.config.SHUTDOWN_GRACE_MS);
    const left = this.inFlight.size;
    if (pending.length > 0) this.logger.warn(gaveUpLine('draining requests', Date.now() - started, [`${left} request${left === 1 ? '' : 's'}`]));
    // What is left is idle, half-sent or given up on: the pools close next, nothing more is served.
    server.closeAllConnections();
    this.phase = nextPhase(this.phase, 'drained');
    noteShutdownStage('closing pools, queues and Redis');
  }
}

function refuse(req: IncomingMessage, res: ServerResponse, answer: Refusal): void {
  req.resume(); // the body is not read: drained so the answer is not held up behind it
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(body) }).end(body);
}
