import { Injectable } from '@nestjs/common';
import { actorOf, badRequest, type Principal } from '#sigillo/auth';
import { ApiConfig } from '#sigillo/platform';
import { CatalogService, type Binding, type RenderedMessage } from '#sigillo/templates';
import type { SampleEvent } from '#sigillo/passweb';
import type { Template } from '#sigillo/whatsapp';
import { LedgerLagRepository } from '../ledger-lag/ledger-lag.repository.js';
import { checkDays } from './console-input.js';
import { ConsoleHistoryRepository } from './console-history.repository.js';
import { ConsoleOverviewRepository } from './console-overview.repository.js';
import { ConsoleScope, valid } from './console-scope.js';
import { historyItem, type HistoryItem } from './history.js';
import { daysBetween, overviewDays, periodStart, type OverviewDay } from './overview.js';

const HISTORY_PAGE = 50;

export interface Overview {
  perDay: OverviewDay[];
  perPricingCategory: { day: string; category: string; n: number }[];
  anchoring: { latestAnchoredSize: number | null; latestBlock: number | null; ledgerSize: number; lagEntries: number; lagSeconds: number | null };
}

/** Templates, bindings with preview, the overview and the history of changes. */
@Injectable()
export class ConsoleConfigService {
  constructor(
    private readonly scope: ConsoleScope,
    private readonly catalog: CatalogService,
    private readonly history: ConsoleHistoryRepository,
    private readonly overviews: ConsoleOverviewRepository,
    private readonly lag: LedgerLagRepository,
    private readonly config: ApiConfig,
  ) {}

  async templates(
    principal: Principal,
    requestedTenant: unknown,
  ): Promise<(Pick<Template, 'name' | 'language' | 'status' | 'category' | 'components'> & { quality: string | null; parameterFormat: string })[]> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    return (await this.catalog.listTemplates(tenant.id)).map((t) => ({
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category,
      quality: t.qualityScore ?? null,
      parameterFormat: t.components.parameterFormat ?? 'POSITIONAL',
      components: t.components,
    }));
  }

  async bindings(principal: Principal, requestedTenant: unknown): Promise<Binding[]> {
    return this.catalog.listBindings((await this.scope.tenant(principal, requestedTenant)).id);
  }

  async putBinding(principal: Principal, requestedTenant: unknown, eventType: string, body: unknown): Promise<Binding> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    return this.catalog.putBinding(tenant.id, eventType, body, actorOf(principal));
  }

  /** {binding, language?}: the message rendered from the type's sample event, or the field errors; nothing stored. */
  async preview(
    principal: Principal,
    requestedTenant: unknown,
    eventType: string,
    body: unknown,
  ): Promise<{ rendered: RenderedMessage; sampleEvent: SampleEvent }> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    if (!b || b.binding === undefined)
      throw badRequest([{ field: 'binding', message: 'must be the binding to preview (as PUT /v1/bindings/:eventType takes it)' }]);
    const extra = Object.keys(b).filter((k) => k !== 'binding' && k !== 'language');
    if (extra.length) throw badRequest(extra.map((field) => ({ field, message: 'is not a field of a preview' })));
    if (b.language !== undefined && typeof b.language !== 'string') throw badRequest([{ field: 'language', message: 'must be a language code' }]);
    return this.catalog.previewBinding(tenant.id, eventType, b.binding, b.language as string | undefined);
  }

  async historyPage(principal: Principal, requestedTenant: unknown, cursor: unknown): Promise<{ items: HistoryItem[]; nextCursor: string | null }> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    if (cursor !== undefined && cursor !== '' && (typeof cursor !== 'string' || !/^(0|[1-9][0-9]{0,18})$/.test(cursor)))
      throw badRequest([{ field: 'cursor', message: 'is not a cursor this list gave' }]);
    const rows = await this.history.page(tenant.id, typeof cursor === 'string' && cursor !== '' ? cursor : null, HISTORY_PAGE + 1);
    const page = rows.slice(0, HISTORY_PAGE);
    const ids = { staff: new Set<string>(), api_key: new Set<string>() };
    for (const r of page) {
      const a = (r.type.startsWith('consent.changed') ? (r.body.evidence as Record<string, unknown> | undefined)?.recordedBy : r.body.actor) as
        { kind?: string; id?: string } | undefined;
      if (a?.kind === 'staff' || a?.kind === 'api_key') ids[a.kind].add(String(a.id));
    }
    const labels = await this.history.labels([...ids.staff], [...ids.api_key]);
    const items = page.map((r) =>
      historyItem({ seq: r.seq === null ? null : Number(r.seq), recordedAt: r.recorded_at, type: r.type, body: r.body }, (kind, id) =>
        kind === 'cli' ? 'sigillo CLI' : (labels.get(`${kind}:${id}`) ?? null),
      ),
    );
    const last = page[page.length - 1];
    // Pages continue by seq; a first page made only of entries still pending has no continuation yet.
    return { items, nextCursor: rows.length > HISTORY_PAGE && last.seq !== null ? last.seq : null };
  }

  async overview(principal: Principal, requestedTenant: unknown, daysParam: unknown, now = new Date()): Promise<Overview> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const days = valid(checkDays(daysParam));
    const since = periodStart(days, now);
    const [outcomes, refused, pricing, lag] = await Promise.all([
      this.overviews.perDay(tenant.id, since),
      this.overviews.refused(tenant.id, since),
      this.overviews.pricing(tenant.id, since),
      this.lag.read(this.config.LEDGER_CONTRACT_ADDRESS),
    ]);
    const block = await this.overviews.latestBlock(this.config.LEDGER_CONTRACT_ADDRESS);
    return {
      perDay: overviewDays(daysBetween(since, now), outcomes, refused),
      perPricingCategory: pricing,
      anchoring: {
        latestAnchoredSize: lag.anchoredSize,
        latestBlock: block,
        ledgerSize: lag.treeSize + lag.pendingEntries,
        lagEntries: lag.treeSize + lag.pendingEntries - (lag.anchoredSize ?? 0),
        lagSeconds: lag.oldestUnanchoredAt ? Math.max(0, Math.round((now.getTime() - lag.oldestUnanchoredAt.getTime()) / 1000)) : null,
      },
    };
  }
}
