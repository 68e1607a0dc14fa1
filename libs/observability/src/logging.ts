import { RequestMethod, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';

/** The key the api's request logs and the worker's job logs share, so one grep follows an event. */
export const REQUEST_ID_KEY = 'requestId';

/**
 * Headers that hold secrets. Request logs never include headers (see the serializers below); this
 * is the net under anything that logs a request or response object by hand.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-hub-signature-256"]',
];

// Probes and scrapes every few seconds would drown the request log.
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

type Req = IncomingMessage & { id?: unknown; route?: { path?: string }; baseUrl?: string; originalUrl?: string };

/**
 * JSON logs through pino for the api and the worker. A request is logged once, when answered, by
 * method, matched route pattern and status: never its URL (phone numbers travel in paths and
 * queries), headers or body.
 */
export function loggingModule(config: { LOG_LEVEL: string; LOG_FORMAT: LogFormat }, destination?: DestinationStream): DynamicModule {
  return LoggerModule.forRoot(logParams(config.LOG_LEVEL as LevelWithSilent, destination, config.LOG_FORMAT));
}

export type LogFormat = 'json' | 'pretty';

/**
 * For `npm run dev`: a line per log with the time, level, Nest context and message, then the
 * other fields. pino-pretty runs in pino's transport thread, so the app itself still only logs.
 */
export const PRETTY_TRANSPORT = {
  target: 'pino-pretty',
  options: {
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}{context}: {end}{msg}',
  },
};

/** `destination` (tests capturing the logs) takes the JSON lines whatever the format. */
export function logParams(level: LevelWithSilent, destination?: DestinationStream, format: LogFormat = 'json'): Params {
  const options: Params['pinoHttp'] = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    customAttributeKeys: { reqId: REQUEST_ID_KEY },
    // Logs made while serving a request carry its id only, not the whole request.
    quietReqLogger: true,
    quietResLogger: true,
    serializers: {
      req: (req: { id?: unknown; method?: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // originalUrl: middleware mounted on a path sees `url` with that path stripped (Fastify's middie).
    autoLogging: { ignore: (req: Req) => QUIET_PATHS.test(req.originalUrl ?? req.url ?? '') },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req: Req, res: ServerResponse, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
    customErrorObject: (req: Req, res: ServerResponse, err: Error, val: { responseTime: number }) => ({ ...requestLine(req, res, val.responseTime), err }),
  };
  // Every route, spelled as the api's own middleware is: nestjs-pino's default (`{/*splat}`)
  // matches no Nest route on Fastify, whose requests then went unlogged.
  const forRoutes = [{ path: '*path', method: RequestMethod.ALL }];
  if (destination) return { pinoHttp: [options, destination], forRoutes };
  return { pinoHttp: format === 'pretty' ? { ...options, transport: PRETTY_TRANSPORT } : options, forRoutes };
}

function requestLine(req: Req, res: ServerResponse, responseTime: number): Record<string, unknown> {
  return { method: req.method, route: routeOf(req), statusCode: res.statusCode, responseTime };
}

/** The pattern the request matched (`/v1/contacts/:phone`), never the path itself. */
export function routeOf(req: Req): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  return req.baseUrl ? `${req.baseUrl}/*` : '(unmatched)';
}
