// Calls to /console/api: JSON in and out, the session cookie sent by the browser, the CSRF token
// on every write, and a 401 anywhere taking the staff back to sign-in.
import { fieldErrorsOf } from '../lib/field-errors.js';
import type { FieldError } from './types.js';

export const API_BASE = '/console/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** The tenant a global operator is looking at (`?tenant=` on tenant-scoped calls). */
let tenantParam: string | null = null;
export function setTenant(tenant: string | null): void {
  tenantParam = tenant;
}

export function apiUrl(path: string): string {
  if (!tenantParam) return `${API_BASE}${path}`;
  return `${API_BASE}${path}${path.includes('?') ? '&' : '?'}tenant=${encodeURIComponent(tenantParam)}`;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { signedOutIsError?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.signedOutIsError) onSignedOut();
    const raw = (json as { message?: unknown } | null)?.message;
    // Nest's validation answers carry a list of messages.
    const message = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join('; ') : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message, fieldErrorsOf(json));
  }
  return json as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
