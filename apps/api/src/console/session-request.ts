import type { FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import type { SessionRequest } from './console-session.service.js';

/** The parts of a Fastify request the session needs: the client's address, headers, and whether TLS carried it. */
export function sessionRequest(req: FastifyRequest): SessionRequest {
  return { ip: req.ip, headers: req.headers, encrypted: Boolean((req.raw.socket as TLSSocket).encrypted) };
}
