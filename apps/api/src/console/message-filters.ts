import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { FieldError } from '#sigillo/auth';
import { OUTCOMES, type Outcome } from './outcome.js';

export interface MessageFilters {
  /** Free text: an event id, an order or document code, or a phone number. */
  q?: string;
  phone?: string;
  reference?: string;
  eventId?: string;
  template?: string;
  outcome?: Outcome;
  reason?: string;
  from?: Date;
  to?: Date;
  cursor?: MessageCursor;
  limit: number;
}

/** Where the previous page ended: the list is newest first on (createdAt, notificationId). */
export interface MessageCursor {
  createdAt: Date;
  id: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const KNOWN = ['q', 'phone', 'reference', 'eventId', 'template', 'outcome', 'reason', 'from', 'to', 'cursor', 'limit', 'tenant'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export type ParsedFilters = { ok: true; value: MessageFilters } | { ok: false; errors: FieldError[] };

/** GET /console/api/messages's query, each problem named by its parameter. */
export function parseMessageFilters(query: Record<string, unknown>): ParsedFilters {
  const errors: FieldError[] = [];
  const filters: MessageFilters = { limit: DEFAULT_LIMIT };
  for (const key of Object.keys(query)) if (!KNOWN.includes(key)) errors.push({ field: key, message: 'is not a filter of the message list' });
  const text = (field: string, max: number): string | undefined => {
    const value = query[field];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      errors.push({ field, message: 'must be given once' });
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length === 0) return undefined;
    if (trimmed.length > max) {
      errors.push({ field, message: `must be at most ${max} characters` });
      return undefined;
    }
    return trimmed;
  };
  const set = <K extends keyof MessageFilters>(key: K, value: MessageFilters[K] | undefined) => {
    if (value !== undefined) filters[key] = value;
  };
  set('q', text('q', 200));
  set('phone', text('phone', 140));
  set('reference', text('reference', 200));
  set('eventId', text('eventId', 200));
  set('template', text('template', 512));
  set('reason', text('reason', 64));
  const outcome = text('outcome', 20);
  if (outcome !== undefined) {
    if ((OUTCOMES as readonly string[]).includes(outcome)) filters.outcome = outcome as Outcome;
    else errors.push({ field: 'outcome', message: `must be one of ${OUTCOMES.join(', ')}` });
  }
  for (const field of ['from', 'to'] as const) {
    const value = text(field, 40);
    if (value === undefined) continue;
    const date = ISO_DATE.test(value) ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) errors.push({ field, message: 'must be an ISO 8601 date or instant (2026-12-01 or 2026-12-01T09:30:00Z)' });
    else filters[field] = field === 'to' && value.length === 10 ? new Date(date.getTime() + 86_400_000) : date;
  }
  if (filters.from && filters.to && filters.from.getTime() >= filters.to.getTime()) errors.push({ field: 'to', message: 'must be after from' });
  const limit = text('limit', 5);
  if (limit !== undefined) {
    const n = /^[0-9]+$/.test(limit) ? Number(limit) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) errors.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
    else filters.limit = n;
  }
  const cursor = text('cursor', 200);
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor);
    if (decoded) filters.cursor = decoded;
    else errors.push({ field: 'cursor', message: 'is not a cursor this list gave' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: filters };
}

export function encodeCursor(c: MessageCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): MessageCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at ?? '')) return null;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: id.toLowerCase() };
}

/** A phone number shown to staff: country code and the last three digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (!phone.startsWith('+')) return phone.length <= 6 ? '•••' : `${phone.slice(0, 3)}•••${phone.slice(-3)}`;
  const country = parsePhoneNumberFromString(phone)?.countryCallingCode ?? phone.slice(1, 3);
  return `+${country} ••• ${phone.slice(-3)}`;
}
