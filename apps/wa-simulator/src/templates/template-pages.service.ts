import { Inject, Injectable } from '@nestjs/common';
import { GraphError } from '../graph/graph-error.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import type { MetaTemplate } from './meta-template.js';
import { TemplateCatalog } from './template-catalog.js';

export interface TemplatePage {
  data: MetaTemplate[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;
// Graph filters this edge by these fields; `fields` itself is accepted and ignored.
const FILTERS = ['name', 'status', 'category', 'language'] as const;

/** `GET /{version}/{waba-id}/message_templates` with Graph's cursor paging. */
@Injectable()
export class TemplatePagesService {
  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly catalog: TemplateCatalog,
  ) {}

  page(wabaId: string, query: Record<string, unknown>, selfUrl: URL): TemplatePage {
    if (wabaId !== this.options.wabaId) throw GraphError.unknownObject('GET', wabaId);
    const limit = parseLimit(query['limit']);
    const start = query['after'] === undefined ? 0 : decodeCursor(query['after']) + 1;
    const matching = this.catalog.all().filter((t) => FILTERS.every((f) => matches(t, f, query[f])));
    const data = matching.slice(start, start + limit).map(withDefaults);
    if (data.length === 0) return { data };
    const end = start + data.length;
    const page: TemplatePage = { data, paging: { cursors: { before: encodeCursor(start), after: encodeCursor(end - 1) } } };
    if (end < matching.length) page.paging!.next = nextUrl(selfUrl, limit, encodeCursor(end - 1));
    return page;
  }
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw GraphError.whatsapp(100, `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return n;
}

function matches(template: MetaTemplate, field: (typeof FILTERS)[number], wanted: unknown): boolean {
  if (typeof wanted !== 'string' || wanted === '') return true;
  const values = wanted.split(',').map((v) => v.trim().toUpperCase());
  return values.includes(String(template[field]).toUpperCase());
}

// Opaque to clients, like Graph's: the position of an item in the filtered list.
function encodeCursor(position: number): string {
  return Buffer.from(`sim-cursor:${position}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number {
  const match = typeof cursor === 'string' ? /^sim-cursor:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString()) : null;
  if (!match) throw GraphError.whatsapp(100, 'The after cursor is not valid');
  return Number(match[1]);
}

function nextUrl(selfUrl: URL, limit: number, after: string): string {
  const next = new URL(selfUrl);
  next.searchParams.delete('access_token');
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('after', after);
  return next.toString();
}

function withDefaults(template: MetaTemplate): MetaTemplate {
  return { ...template, parameter_format: template.parameter_format ?? 'POSITIONAL' };
}
