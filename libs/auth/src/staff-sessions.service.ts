import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { loginRetryAfter, loginWindowStart } from './login-limit.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { idleCutoff, sessionExpiresAt } from './session-policy.js';
import type { SignInInput } from './staff-input.js';
import { StaffRepository, type StaffAccount, type StaffSessionRecord } from './staff.repository.js';

export type SignInResult =
  { kind: 'signed_in'; token: string; csrfToken: string; account: StaffAccount } | { kind: 'invalid' } | { kind: 'limited'; retryAfterSeconds: number };

/** Console sign-in and sessions: the cookie carries a random token, the database only its SHA-256. */
@Injectable()
export class StaffSessionsService {
  private lastSweep = 0;

  constructor(private readonly staff: StaffRepository) {}

  async signIn(input: SignInInput, ip: string, now = new Date()): Promise<SignInResult> {
    await this.sweepNowAndThen(now);
    const limits = [
      { scope: 'ip', key: sha256(ip) },
      { scope: 'account', key: sha256(`${(input.tenant ?? '').toLowerCase()}\n${input.email}`) },
    ];
    const failures = await this.staff.recentFailures(limits, loginWindowStart(now));
    const retryAfter = Math.max(
      ...limits.map((l) =>
        loginRetryAfter(
          failures.filter((f) => f.scope === l.scope).map((f) => f.at),
          now,
        ),
      ),
    );
    if (retryAfter > 0) return { kind: 'limited', retryAfterSeconds: retryAfter };

    const tenantId = input.tenant === null ? null : await this.staff.resolveTenant(input.tenant);
    const found = input.tenant !== null && tenantId === null ? null : await this.staff.forSignIn(tenantId, input.email);
    // Always one scrypt: an unknown account costs the same time as a wrong password.
    const matches = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !matches || found.account.disabledAt !== null) {
      await this.staff.recordFailure(limits, now);
      return { kind: 'invalid' };
    }
    await this.staff.clearFailures(limits[1].scope, limits[1].key);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.staff.insertSession({ id: sha256(token), accountId: found.account.id, csrfToken, now, expiresAt: sessionExpiresAt(now) });
    return { kind: 'signed_in', token, csrfToken, account: found.account };
  }

  /** The live session of a cookie token (its idle timer restarted), or null. */
  authenticate(token: string, now = new Date()): Promise<StaffSessionRecord | null> {
    return this.staff.touchSession(sha256(token), now, idleCutoff(now));
  }

  async signOut(token: string): Promise<void> {
    await this.staff.deleteSession(sha256(token));
  }

  private async sweepNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < 60_000) return;
    this.lastSweep = now.getTime();
    await this.staff.sweep(now, idleCutoff(now), loginWindowStart(now));
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
