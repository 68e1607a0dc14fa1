import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { consentChanged } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';
import type { FieldError } from '#sigillo/passweb';
import { normalizeWhatsAppUser, type CountryCode } from '#sigillo/passweb';
import type { Tenant } from '#sigillo/tenants';
import { TenantsService } from '#sigillo/tenants';
import { validateConsentBody } from './consent-dto.js';
import type { ConsentAnswer, ConsentChange, ConsentHistoryItem, ConsentRecord, NewConsent } from './consent-records.js';
import { ConsentRepository } from './consent.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Consent changes: each one a consents row and its consent.changed ledger entry, written together.
 * The policy reads the latest per category through ConsentRepository.view.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly consents: ConsentRepository,
  ) {}

  /**
   * Records a change. With a client id, a repeat gets the first record (created false) and the
   * same id with another request is a conflict; without one, every call records a change.
   */
  async record(tenantId: string, change: ConsentChange): Promise<{ created: boolean; consent: ConsentRecord }> {
    const consent: NewConsent = { ...change, id: randomUUID(), tenantId };
    const result = await this.consents.insert(consent, consentEntry(consent));
    if (result.created) return { created: true, consent: result.record };
    if (result.requestHash !== (change.requestHash ?? null)) {
      throw new ConflictException(`consent ${change.clientId} was already recorded with a different body`);
    }
    return { created: false, consent: result.record };
  }

  /** Every change recorded for one recipient (E.164), newest first, each with its entry seq. */
  history(tenantId: string, phone: string): Promise<ConsentRecord[]> {
    return this.consents.history(tenantId, phone);
  }

  /** POST /v1/consents: validated, the subject resolved to a phone, recorded. */
  async accept(tenantId: string, body: unknown): Promise<ConsentAnswer> {
    const tenant = await this.tenant(tenantId);
    const validation = validateConsentBody(body, { defaultCountry: tenant.defaultCountry as CountryCode });
    if (!validation.ok) throw badRequest(validation.errors);
    const { id, subject, category, action, source, evidence, occurredAt } = validation.consent;

    let phone: string;
    let userId: string | null = null;
    if ('phone' in subject) {
      phone = subject.phone;
    } else {
      userId = subject.userId;
      const known = await this.consents.latestPhoneOfUser(tenant.id, userId);
      if (known === null) {
        throw fieldError(UnprocessableEntityException, 422, 'Unprocessable Entity', [
          { field: 'userId', message: 'no event of this user was received, so its phone number is unknown: send phone instead' },
        ]);
      }
      phone = known;
    }

    const requestHash = createHash('sha256')
      .update(canonicalize(body) ?? '')
      .digest('hex');
    const { created, consent } = await this.record(tenant.id, { clientId: id, requestHash, phone, userId, category, action, source, evidence, occurredAt });
    return { consentId: consent.id, seq: consent.seq === null ? null : Number(consent.seq), created };
  }

  /**
   * GET /v1/consents. A tenant's key reads its own tenant; a deployment-wide key (tenantId null)
   * names the tenant, since a phone number only means something within one.
   */
  async historyFor(keyTenantId: string | null, query: { phone?: unknown; tenantId?: unknown }): Promise<ConsentHistoryItem[]> {
    const errors: FieldError[] = [];
    let tenantId = keyTenantId;
    if (query.tenantId !== undefined) {
      if (typeof query.tenantId !== 'string' || !UUID.test(query.tenantId))
        errors.push({ field: 'tenantId', message: 'must be a tenant id (a UUID), given once' });
      else if (keyTenantId !== null && query.tenantId.toLowerCase() !== keyTenantId.toLowerCase())
        throw new ForbiddenException('this key can only read its own tenant');
      else tenantId = query.tenantId;
    } else if (keyTenantId === null) {
      errors.push({ field: 'tenantId', message: 'is required with a deployment-wide key' });
    }
    if (query.phone === undefined) errors.push({ field: 'phone', message: 'is required' });
    else if (typeof query.phone !== 'string') errors.push({ field: 'phone', message: 'must be given once' });
    if (errors.length > 0 || tenantId === null) throw badRequest(errors);

    const tenant = await this.tenant(tenantId);
    const normalized = normalizeWhatsAppUser(query.phone as string, tenant.defaultCountry as CountryCode);
    if (!normalized.ok) throw badRequest([{ field: 'phone', message: normalized.reason }]);
    return (await this.history(tenant.id, normalized.e164)).map(historyItem);
  }

  private async tenant(id: string): Promise<Tenant> {
    const tenant = await this.tenants.get(id);
    if (!tenant) throw new NotFoundException('tenant not found');
    return tenant;
  }
}

/** Personal data is fine here: the leaf commits to it salted, and erasure deletes it with the salt. */
function consentEntry(c: NewConsent): NewLedgerEntry {
  return consentChanged(
    {
      tenantId: c.tenantId,
      consentId: c.id,
      ...(c.clientId ? { clientId: c.clientId } : {}),
      phone: c.phone,
      ...(c.userId ? { userId: c.userId } : {}),
      category: c.category,
      action: c.action,
      source: c.source,
      evidence: c.evidence,
      occurredAt: c.occurredAt.toISOString(),
    },
    c.occurredAt,
  );
}

function historyItem(r: ConsentRecord): ConsentHistoryItem {
  return {
    consentId: r.id,
    category: r.category,
    action: r.action,
    source: r.source,
    evidence: r.evidence,
    occurredAt: r.occurredAt.toISOString(),
    recordedAt: r.recordedAt.toISOString(),
    seq: r.seq === null ? null : Number(r.seq),
    proof: r.seq === null ? null : `/v1/ledger/entries/${r.seq}/proof`,
  };
}

function badRequest(errors: FieldError[]): BadRequestException {
  return fieldError(BadRequestException, 400, 'Bad Request', errors);
}

/** The error shape of POST /v1/events: messages for people, `errors` for programs. */
function fieldError<E>(Exception: new (body: object) => E, statusCode: number, error: string, errors: FieldError[]): E {
  return new Exception({ statusCode, error, message: errors.map((e) => `${e.field}: ${e.message}`), errors });
}
