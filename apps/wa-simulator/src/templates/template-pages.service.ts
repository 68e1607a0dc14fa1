import { Inject, Injectable } from '@nestjs/common';
import { GraphError } from '../graph/graph-error.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import type { MetaTemplate } from './meta-template.js';
import { TemplateCatalog } from './template-catalog.js';

export interface TemplatePage {
  /** Whole templates, or only the `fields` asked for (and `id`, which Graph always returns). */
  data: Partial<MetaTemplate>[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;
// Graph filters this edge by these fields.
const FILTERS = ['name', 'status', 'category', 'language'] as const;
// What `fields` may ask for; Graph answers another name with error 100.
const FIELDS = ['id', 'name', 'language', 'category', 'status', 'components', 'parameter_format', 'rejected_reason'] as const;

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
    const fields = parseFields(query['fields']);
    const start = query['after'] === undefined ? 0 : decodeCursor(query['after']) + 1;
    const matching = this.catalog.all().filter((t) => FILTERS.every((f) => matches(t, f, query[f])));
    const data = matching.slice(start, start + limit).map((t) => selectFields(withDefaults(t), fields));
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

/** null: every field; otherwise the asked fields plus `id`. */
function parseFields(value: unknown): Set<string> | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw GraphError.whatsapp(100, 'fields must be a comma-separated list');
  const asked = value
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const field of asked) {
    if (!(FIELDS as readonly string[]).includes(field))
      throw GraphError.whatsapp(100, `(#100) Tried accessing nonexisting field (${field.slice(0, 64)}) on node type (WhatsAppBusinessHSM)`);
  }
  return new Set(['id', ...asked]);
}

/** Like Graph, a field asked for but absent from the template (rejected_reason of an approved one) is simply not there. */
function selectFields(template: MetaTemplate, fields: Set<string> | null): Partial<MetaTemplate> {
  if (fields === null) return template;
  return Object.fromEntries(Object.entries(template).filter(([key]) => fields.has(key))) as Partial<MetaTemplate>;
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
