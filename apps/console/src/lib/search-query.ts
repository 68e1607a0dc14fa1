// The Messages search form <-> the query string of GET /console/api/messages (and of the page's
// own URL, so a search can be bookmarked and shared). Empty fields are left out.

export const FILTER_FIELDS = ['q', 'phone', 'reference', 'eventId', 'template', 'outcome', 'reason', 'from', 'to'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type MessageFilters = Partial<Record<FilterField, string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's own query string: the form's fields as typed (dates as YYYY-MM-DD). */
export function filtersToSearch(filters: MessageFilters): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filters[field]?.trim();
    if (value) params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Back from the page's URL: unknown parameters are ignored. */
export function searchToFilters(search: string): MessageFilters {
  const params = new URLSearchParams(search);
  const filters: MessageFilters = {};
  for (const field of FILTER_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) filters[field] = value;
  }
  return filters;
}

/**
 * The api's query: a date range becomes instants, from the start of `from` to the end of `to` in
 * the staff's time zone (`offsetMinutes` as Date#getTimezoneOffset gives it for that day).
 */
export function filtersToApiQuery(
  filters: MessageFilters,
  opts: { cursor?: string | null; limit?: number; offsetMinutes?: (day: string) => number } = {},
): string {
  const offset = opts.offsetMinutes ?? (() => 0);
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filters[field]?.trim();
    if (!value) continue;
    if ((field === 'from' || field === 'to') && DAY.test(value)) {
      params.set(field, dayBoundary(value, field === 'from' ? 'start' : 'end', offset(value)));
    } else {
      params.set(field, value);
    }
  }
  if (opts.cursor) params.set('cursor', opts.cursor);
  if (opts.limit) params.set('limit', String(opts.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The first (start) or last (end) millisecond of a local day, as a UTC instant. */
export function dayBoundary(day: string, which: 'start' | 'end', offsetMinutes: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const start = utcMidnight + offsetMinutes * 60_000;
  return new Date(which === 'start' ? start : start + 86_400_000 - 1).toISOString();
}

/** Date#getTimezoneOffset of the browser on a given day (daylight saving changes it). */
export function localOffsetOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTimezoneOffset();
}
