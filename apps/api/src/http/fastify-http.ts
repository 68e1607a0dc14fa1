import { PayloadTooLargeException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { requestIdFrom, REQUEST_ID_HEADER } from '../logging/request-id.js';
import { contentTypeOf, parseJsonBody, requireJson } from './json-body.js';

/** Passweb payloads are small; anything bigger is refused with 413 before it is read (64 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Meta batches many statuses in one webhook; its signature covers the exact bytes, kept raw. */
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;
/** The routes whose body is handed over as the bytes received (Meta signs them). */
const RAW_BODY_PREFIX = '/v1/webhooks/';

type RoutedRequest = IncomingMessage & { id?: unknown; route?: { path: string } };

/**
 * Nest's Fastify adapter with the api's request ids: Fastify's request id is the caller's
 * X-Request-Id when plausible, or a new UUID, and the Node request carries the same (pino-http,
 * which logs the request, reads `req.id`).
 */
export function fastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    // Routing as integrators have known it (Express's defaults): `/v1/events/` and `/V1/Events` are `/v1/events`.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    genReqId: (raw: IncomingMessage) => ((raw as RoutedRequest).id = requestIdFrom(raw.headers[REQUEST_ID_HEADER.toLowerCase()])),
  });
}

/**
 * The api's HTTP conventions on Fastify, before Nest registers its routes: X-Request-Id echoed on
 * every answer, the route pattern on the Node request for the request log and the metrics (never
 * the path: it may hold a phone number), and one body parser: JSON (64 KiB, UTF-8, an object or
 * array, 415 for any other content type) everywhere, the raw bytes up to 4 MiB for the webhooks.
 */
export function installFastifyHttp(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(RAW_BODY_PREFIX)) route.bodyLimit = MAX_WEBHOOK_BYTES;
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader(REQUEST_ID_HEADER, request.id);
    const pattern = request.routeOptions.url;
    if (pattern !== undefined) (request.raw as RoutedRequest).route = { path: pattern };
    done();
  });
  // A declared length over the route's limit is refused before a byte is read, as one 413 of
  // Nest's shape (a chunked body over it still gets Fastify's own 413 while being read).
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const length = Number(request.headers['content-length']);
    if (length > request.routeOptions.bodyLimit!) return done(new PayloadTooLargeException('request entity too large'));
    done(null, payload);
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer | string, done) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    try {
      const type = contentTypeOf(request.headers['content-type']);
      if (request.routeOptions.url?.startsWith(RAW_BODY_PREFIX)) {
        requireJson(type);
        done(null, bytes);
      } else {
        done(null, parseJsonBody(type, bytes));
      }
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
