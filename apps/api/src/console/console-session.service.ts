import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import {
  badRequest,
  checkSignIn,
  clearedSessionCookie,
  isHttps,
  permissionsOf,
  sessionCookie,
  sessionToken,
  StaffSessionsService,
  type StaffPrincipal,
  type StaffRole,
} from '#sigillo/auth';

/** What the sign-in needs of the request, and how it answers with headers. */
export interface SessionRequest {
  ip: string;
  headers: IncomingHttpHeaders;
  /** TLS on our own socket. */
  encrypted: boolean;
}

export interface SessionReply {
  header(name: string, value: string): unknown;
}

export interface SessionAnswer {
  account: { id: string; email: string; displayName: string; role: StaffRole; tenantId: string | null };
  csrfToken: string;
  permissions: string[];
}

/** POST/GET/DELETE /console/api/session. */
@Injectable()
export class ConsoleSessionService {
  constructor(private readonly sessions: StaffSessionsService) {}

  async signIn(body: unknown, req: SessionRequest, reply: SessionReply): Promise<SessionAnswer> {
    const checked = checkSignIn(body);
    if (!checked.ok) throw badRequest(checked.errors);
    const result = await this.sessions.signIn(checked.value, req.ip);
    if (result.kind === 'limited') {
      reply.header('Retry-After', String(result.retryAfterSeconds));
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: 'too many failed sign-ins: try again later' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    // Never says which part was wrong: tenant, e-mail, password and a disabled account look the same.
    if (result.kind === 'invalid') throw new UnauthorizedException('invalid credentials');
    reply.header('Set-Cookie', sessionCookie(result.token, isHttps(req.headers, req.encrypted)));
    const a = result.account;
    return {
      account: { id: a.id, email: a.email, displayName: a.displayName, role: a.role, tenantId: a.tenantId },
      csrfToken: result.csrfToken,
      permissions: permissionsOf(a.role, a.tenantId),
    };
  }

  current(principal: StaffPrincipal): SessionAnswer {
    const p = principal;
    return {
      account: { id: p.accountId, email: p.email, displayName: p.displayName, role: p.role, tenantId: p.tenantId },
      csrfToken: p.csrfToken,
      permissions: permissionsOf(p.role, p.tenantId),
    };
  }

  async signOut(req: SessionRequest, reply: SessionReply): Promise<void> {
    const token = sessionToken(req.headers);
    if (token) await this.sessions.signOut(token);
    reply.header('Set-Cookie', clearedSessionCookie(isHttps(req.headers, req.encrypted)));
  }
}
