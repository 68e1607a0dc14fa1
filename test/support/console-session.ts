import { CLI_ACTOR, StaffAccountsService, type StaffRole } from '#sigillo/auth';
import type { LedgerStack } from './ledger-stack.js';

/** A signed-in console session as the browser holds it: the cookie and the CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
  accountId: string;
}

export const STAFF_PASSWORD = 'correct horse battery staple';

/** A staff account created as the CLI does (recorded with a config.staff_account_created entry). */
export async function createStaff(stack: LedgerStack, tenantId: string | null, role: StaffRole, email: string): Promise<string> {
  const account = await stack.api
    .get(StaffAccountsService)
    .create(tenantId, { email, displayName: `${role} ${email.split('@')[0]}`, role, password: STAFF_PASSWORD }, CLI_ACTOR);
  return account.id;
}

/** POST /console/api/session; throws unless it signs in. */
export async function signIn(
  stack: LedgerStack,
  tenant: string | null,
  email: string,
  password = STAFF_PASSWORD,
  headers: Record<string, string> = {},
): Promise<ConsoleSession> {
  const res = await fetch(`${stack.apiUrl}/console/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...(tenant ? { tenant } : {}), email, password }),
  });
  const body = (await res.json()) as { csrfToken: string; account: { id: string } };
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${JSON.stringify(body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrfToken: body.csrfToken, accountId: body.account.id };
}

/** A console call with a session: the cookie always, the CSRF token unless `csrf` says otherwise. */
export async function consoleCall(
  stack: LedgerStack,
  session: ConsoleSession | null,
  method: string,
  path: string,
  body?: unknown,
  csrf: 'right' | 'missing' | 'wrong' = 'right',
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && csrf === 'right') headers['x-csrf-token'] = session.csrfToken;
  if (session && csrf === 'wrong') headers['x-csrf-token'] = `${session.csrfToken.slice(0, -2)}xx`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
