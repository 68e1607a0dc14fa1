import { BadRequestException, ConflictException, ForbiddenException, HttpException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import type { Tenant } from '../../tenants/src/tenant.js';
import type { TenantsService } from '../../tenants/src/tenants.service.js';
import type { ConsentInsertResult, ConsentRecord, NewConsent } from './consent-records.js';
import type { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';

const TENANT = { id: '11111111-1111-4111-8111-111111111111', defaultCountry: 'IT' } as Tenant;
const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
const PHONE = '+393331234567';

/** An in-memory stand-in with the repository's contract: a client id is recorded once per tenant. */
class FakeRepository {
  rows: (ConsentRecord & { requestHash: string | null })[] = [];
  entries: NewLedgerEntry[] = [];
  userPhones = new Map<string, string>();

  async insert(c: NewConsent, entry: NewLedgerEntry): Promise<ConsentInsertResult> {
    const first = c.clientId ? this.rows.find((r) => r.tenantId === c.tenantId && r.clientId === c.clientId) : undefined;
    if (first) {
      const { requestHash, ...record } = first;
      return { created: false, requestHash, record };
    }
    const record: ConsentRecord = {
      id: c.id,
      tenantId: c.tenantId,
      clientId: c.clientId ?? null,
      phone: c.phone,
      userId: c.userId ?? null,
      category: c.category,
      action: c.action,
      source: c.source,
      evidence: c.evidence,
      occurredAt: c.occurredAt,
      recordedAt: new Date(),
      seq: null,
    };
    this.rows.push({ ...record, requestHash: c.requestHash ?? null });
    this.entries.push(entry);
    return { created: true, record };
  }

  async history(tenantId: string, phone: string): Promise<ConsentRecord[]> {
    return this.rows.filter((r) => r.tenantId === tenantId && r.phone === phone).reverse();
  }

  async latestPhoneOfUser(_tenantId: string, userId: string): Promise<string | null> {
    return this.userPhones.get(userId) ?? null;
  }
}

let repo: FakeRepository;
let service: ConsentService;

beforeEach(() => {
  repo = new FakeRepository();
  const tenants = { get: async (id: string) => (id === TENANT.id ? TENANT : null) } as unknown as TenantsService;
  service = new ConsentService(tenants, repo as unknown as ConsentRepository);
});

const change = (overrides: Record<string, unknown> = {}) => ({
  phone: PHONE,
  category: 'marketing' as const,
  action: 'opt_out' as const,
  source: 'whatsapp-keyword',
  evidence: { keyword: 'STOP', messageId: 'wamid.1' },
  occurredAt: new Date('2025-07-01T10:00:00Z'),
  ...overrides,
});

const body = (overrides: Record<string, unknown> = {}) => ({
  id: 'c-1',
  phone: '333 123 4567',
  category: 'all',
  action: 'opt_in',
  source: 'form',
  evidence: { form: 'signup' },
  occurredAt: new Date().toISOString(),
  ...overrides,
});

async function statusOf(promise: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpException) return { status: err.getStatus(), body: err.getResponse() };
    throw err;
  }
  throw new Error('expected an HTTP error');
}

describe('ConsentService.record', () => {
  it('records the change with a consent.changed entry naming it, for the tenant', async () => {
    const { created, consent } = await service.record(TENANT.id, change({ userId: 'u-1' }));
    expect(created).toBe(true);
    expect(consent).toMatchObject({ tenantId: TENANT.id, phone: PHONE, userId: 'u-1', clientId: null, seq: null });
    expect(repo.entries).toEqual([
      {
        tenantId: TENANT.id,
        // Found again by its subject when the number is erased.
        subjectPhone: PHONE,
        type: 'consent.changed',
        occurredAt: new Date('2025-07-01T10:00:00Z'),
        body: {
          tenantId: TENANT.id,
          consentId: consent.id,
          phone: PHONE,
          userId: 'u-1',
          category: 'marketing',
          action: 'opt_out',
          source: 'whatsapp-keyword',
          evidence: { keyword: 'STOP', messageId: 'wamid.1' },
          occurredAt: '2025-07-01T10:00:00.000Z',
        },
      },
    ]);
  });

  it('leaves userId and clientId out of the entry when there are none', async () => {
    await service.record(TENANT.id, change());
    expect(Object.keys(repo.entries[0].body)).not.toEqual(expect.arrayContaining(['userId']));
    expect(Object.keys(repo.entries[0].body)).not.toEqual(expect.arrayContaining(['clientId']));
  });

  it('records every change without a client id', async () => {
    const a = await service.record(TENANT.id, change());
    const b = await service.record(TENANT.id, change());
    expect(a.consent.id).not.toBe(b.consent.id);
    expect(repo.entries).toHaveLength(2);
  });

  it('gives a repeated client id with the same request the first record', async () => {
    const first = await service.record(TENANT.id, change({ clientId: 'x', requestHash: 'h1' }));
    const again = await service.record(TENANT.id, change({ clientId: 'x', requestHash: 'h1' }));
    expect(again).toEqual({ created: false, consent: first.consent });
    expect(repo.entries).toHaveLength(1);
  });

  it('refuses a repeated client id with another request as a conflict', async () => {
    await service.record(TENANT.id, change({ clientId: 'x', requestHash: 'h1' }));
    await expect(service.record(TENANT.id, change({ clientId: 'x', requestHash: 'h2' }))).rejects.toBeInstanceOf(ConflictException);
    await expect(service.record(TENANT.id, change({ clientId: 'x' }))).rejects.toBeInstanceOf(ConflictException);
  });
});

describe('ConsentService.accept', () => {
  it('answers 201-worthy for a new change and the same answer, not created, for a repeat', async () => {
    const b = body();
    const first = await service.accept(TENANT.id, b);
    expect(first).toEqual({ consentId: expect.any(String), seq: null, created: true });
    expect(repo.rows[0]).toMatchObject({ phone: PHONE, clientId: 'c-1', userId: null, requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await service.accept(TENANT.id, { ...b })).toEqual({ ...first, created: false });
  });

  it('hashes the request canonically: key order does not make a conflict', async () => {
    const b = body();
    await service.accept(TENANT.id, b);
    const reordered = Object.fromEntries(Object.entries(b).reverse());
    expect(await service.accept(TENANT.id, reordered)).toMatchObject({ created: false });
    await expect(service.accept(TENANT.id, { ...b, source: 'other' })).rejects.toBeInstanceOf(ConflictException);
  });

  it('answers 400 with every field, in the events API shape', async () => {
    const res = await statusOf(service.accept(TENANT.id, body({ category: 'x', source: '' })));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['category: must be one of: marketing, utility, authentication, all', 'source: must be 1–100 characters long'],
      errors: [
        { field: 'category', message: 'must be one of: marketing, utility, authentication, all' },
        { field: 'source', message: 'must be 1–100 characters long' },
      ],
    });
    expect(repo.rows).toHaveLength(0);
  });

  it('resolves a userId to the phone of its latest event, keeping the userId', async () => {
    repo.userPhones.set('u-7', PHONE);
    await service.accept(TENANT.id, body({ phone: undefined, userId: 'u-7' }));
    expect(repo.rows[0]).toMatchObject({ phone: PHONE, userId: 'u-7' });
    expect(repo.entries[0].body).toMatchObject({ phone: PHONE, userId: 'u-7', clientId: 'c-1' });
  });

  it('answers 422 naming userId when no event of that user is known, and records nothing', async () => {
    const res = await statusOf(service.accept(TENANT.id, body({ phone: undefined, userId: 'u-unknown' })));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'userId', message: expect.any(String) }]);
    expect(repo.rows).toHaveLength(0);
    await expect(service.accept(TENANT.id, body({ phone: undefined, userId: 'u-unknown' }))).rejects.toBeInstanceOf(UnprocessableEntityException);
  });

  it('answers 404 for a tenant that does not exist', async () => {
    await expect(service.accept(OTHER_TENANT, body())).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('ConsentService.historyFor', () => {
  beforeEach(async () => {
    await service.record(TENANT.id, change({ action: 'opt_in', occurredAt: new Date('2025-06-01T00:00:00Z') }));
    await service.record(TENANT.id, change({ category: 'all' }));
    repo.rows[0].seq = 41n;
  });

  it('lists the history newest first, with seq and proof link only once sequenced', async () => {
    const items = await service.historyFor(TENANT.id, { phone: '333 1234567' });
    expect(items.map((i) => [i.category, i.action, i.seq, i.proof])).toEqual([
      ['all', 'opt_out', null, null],
      ['marketing', 'opt_in', 41, '/v1/ledger/entries/41/proof'],
    ]);
    expect(items[1]).toEqual({
      consentId: repo.rows[0].id,
      category: 'marketing',
      action: 'opt_in',
      source: 'whatsapp-keyword',
      evidence: { keyword: 'STOP', messageId: 'wamid.1' },
      occurredAt: '2025-06-01T00:00:00.000Z',
      recordedAt: expect.any(String),
      seq: 41,
      proof: '/v1/ledger/entries/41/proof',
    });
  });

  it('requires the phone, once, and a valid one, without echoing it', async () => {
    expect((await statusOf(service.historyFor(TENANT.id, {}))).body.errors).toEqual([{ field: 'phone', message: 'is required' }]);
    expect((await statusOf(service.historyFor(TENANT.id, { phone: [PHONE, PHONE] }))).body.errors).toEqual([{ field: 'phone', message: 'must be given once' }]);
    const bad = await statusOf(service.historyFor(TENANT.id, { phone: '+39 000 0000000' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'phone', message: expect.any(String) }]);
    expect(JSON.stringify(bad.body)).not.toContain('0000000');
  });

  it('makes a deployment-wide key name the tenant', async () => {
    const unnamed = await statusOf(service.historyFor(null, { phone: PHONE }));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([{ field: 'tenantId', message: 'is required with a deployment-wide key' }]);
    expect(await service.historyFor(null, { phone: PHONE, tenantId: TENANT.id })).toHaveLength(2);
    expect(await service.historyFor(null, { phone: PHONE, tenantId: TENANT.id.toUpperCase() })).toHaveLength(2);
    await expect(service.historyFor(null, { phone: PHONE, tenantId: OTHER_TENANT })).rejects.toBeInstanceOf(NotFoundException);
    const notUuid = await statusOf(service.historyFor(null, { phone: PHONE, tenantId: 'acme' }));
    expect(notUuid.body.errors).toEqual([{ field: 'tenantId', message: expect.any(String) }]);
  });

  it('keeps a tenant key on its own tenant', async () => {
    expect(await service.historyFor(TENANT.id, { phone: PHONE, tenantId: TENANT.id })).toHaveLength(2);
    await expect(service.historyFor(TENANT.id, { phone: PHONE, tenantId: OTHER_TENANT })).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('reports a missing phone and tenant together', async () => {
    const res = await statusOf(service.historyFor(null, {}));
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['tenantId', 'phone']);
    await expect(service.historyFor(null, {})).rejects.toBeInstanceOf(BadRequestException);
  });
});
