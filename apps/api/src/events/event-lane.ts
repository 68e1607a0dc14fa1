import type { INestApplication } from '@nestjs/common';
import type { Express, RequestHandler } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parseJsonBody } from './json-body.js';

/** Passweb's hot path, the route the lane serves. */
const EVENT_LANE_PATH = '/v1/events';

// The content types Passweb sends. Anything else (other charsets, encodings, chunked bodies, a
// query string) goes the general way, through Express, which knows every case.
const LANE_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const DECIMAL = /^\d{1,9}$/;

/** The parts of Express's router layer (package `router`) the lane relies on. */
interface RouterLayer {
  handle: (...args: never[]) => unknown;
  route?: { path: string; _handlesMethod(method: string): boolean };
  match(path: string): false | { params: Record<string, unknown>; path: string };
  handleRequest(req: unknown, res: unknown, next: (err?: unknown) => void): void;
  handleError(err: unknown, req: unknown, res: unknown, next: (err?: unknown) => void): void;
}

interface Step {
  layer: RouterLayer;
  params: Record<string, unknown>;
  /** The body parser's place: where a body that is not JSON turns into an error. */
  parser: boolean;
}

type LaneRequest = IncomingMessage & { res?: ServerResponse; body?: unknown; _body?: boolean; route?: unknown; params?: Record<string, unknown>; baseUrl?: string; originalUrl?: string };

/**
 * `POST /v1/events` without Express's per-request routing and body streaming: at boot the lane
 * looks up, once, the layers Express would run for this route (request id, security headers,
 * Nest's middleware, the route itself, the error handlers), and then runs exactly those for each
 * event, with the body read in one piece and parsed as Express's JSON parser would. Guards,
 * validation, exception filters and the answer stay Nest's; only the matching of 40 layers per
 * request and the streaming body parser are skipped (up to 12% of the api's CPU per event).
 *
 * A request the lane does not take (another route, content type, encoding, a chunked or too large
 * body) is handed to Express untouched, so every edge case keeps its single implementation.
 */
export class EventLane {
  private constructor(
    private readonly express: Express,
    private readonly steps: Step[],
    private readonly maxBodyBytes: number,
  ) {}

  /**
   * Puts the lane in front of Express on the app's HTTP server. Null when the app is not laid out
   * as expected (no such route, a path-mounted middleware on it): then everything stays on Express.
   */
  static attach(app: INestApplication, jsonParser: RequestHandler, maxBodyBytes: number): EventLane | null {
    const express = app.getHttpAdapter().getInstance() as Express;
    const server = app.getHttpServer() as Server;
    const steps = EventLane.route(express, jsonParser);
    const listeners = server.listeners('request');
    if (!steps || listeners.length !== 1 || listeners[0] !== express) return null;
    const lane = new EventLane(express, steps, maxBodyBytes);
    server.removeListener('request', express);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => lane.handle(req, res));
    return lane;
  }

  /** The layers Express runs for `POST /v1/events`, in order, up to its last error handler. */
  private static route(express: Express, jsonParser: RequestHandler): Step[] | null {
    const stack = (express as unknown as { router?: { stack?: RouterLayer[] } }).router?.stack;
    if (!stack) return null;
    const steps: Step[] = [];
    let routed = false;
    for (const layer of stack) {
      const match = layer.match(EVENT_LANE_PATH);
      if (!match) continue;
      if (layer.route) {
        if (!layer.route._handlesMethod('post') || routed) continue;
        routed = layer.route.path === EVENT_LANE_PATH;
      } else if (match.path !== '') {
        return null; // a middleware mounted on a prefix of the path would see a rewritten url
      }
      steps.push({ layer, params: match.params, parser: layer.handle === (jsonParser as never) });
    }
    return routed && steps.some((s) => s.parser) ? steps : null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!this.takes(req)) {
      this.express(req as never, res as never);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.serve(req as LaneRequest, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // The client went away mid-body: there is no one to answer.
    req.on('error', () => res.destroy());
  }

  private takes(req: IncomingMessage): boolean {
    if (req.method !== 'POST' || req.url !== EVENT_LANE_PATH) return false;
    const h = req.headers;
    if (h['transfer-encoding'] !== undefined || h['content-encoding'] !== undefined) return false;
    const type = h['content-type'];
    if (type === undefined || !LANE_CONTENT_TYPES.has(type.toLowerCase())) return false;
    const length = h['content-length'];
    return length !== undefined && DECIMAL.test(length) && Number(length) <= this.maxBodyBytes;
  }

  private serve(req: LaneRequest, res: ServerResponse, body: Buffer): void {
    // What Express's app.handle and router do before the first layer.
    req.res = res;
    (res as ServerResponse & { req?: IncomingMessage; locals?: object }).req = req;
    Object.setPrototypeOf(req, this.express.request);
    Object.setPrototypeOf(res, this.express.response);
    (res as ServerResponse & { locals?: object }).locals = Object.create(null);
    req.baseUrl = '';
    req.originalUrl = req.url;

    let parseError: unknown;
    try {
      req.body = parseJsonBody(body);
      req._body = true; // the JSON parser's own mark: it then lets the request through
    } catch (err) {
      parseError = err;
    }
    this.run(req, res, 0, undefined, parseError);
  }

  /** Express's dispatch over the precomputed layers: an error skips to the next error handler. */
  private run(req: LaneRequest, res: ServerResponse, from: number, error: unknown, parseError: unknown): void {
    let err = error;
    for (let i = from; i < this.steps.length; i++) {
      const step = this.steps[i];
      if (step.parser && parseError !== undefined && err === undefined) err = parseError;
      const isErrorHandler = step.layer.handle.length === 4;
      if ((err !== undefined) !== isErrorHandler) continue;
      if (step.layer.route) req.route = step.layer.route;
      req.params = { ...step.params };
      const next = (e?: unknown): void => this.run(req, res, i + 1, e === 'route' || e === 'router' || e === null ? undefined : e, parseError);
      if (err !== undefined) step.layer.handleError(err, req, res, next);
      else step.layer.handleRequest(req, res, next);
      return;
    }
    // Nest's 404 and error handlers always answer; this is only the last resort.
    if (!res.headersSent) {
      res.statusCode = err === undefined ? 404 : 500;
      res.end();
    }
  }
}
