import { BadRequestException, ForbiddenException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { toHex, erasureReceipt, type LedgerActor } from '#sigillo/ledger';
import { normalizeWhatsAppUser, type CountryCode } from '#sigillo/passweb';
import { TenantsService } from '#sigillo/tenants';
import { ErasureRepository, type RedactedRows } from './erasure.repository.js';

/** The answer to DELETE /v1/subjects/:phone. */
export interface ErasureAnswer {
  /** Ledger entries crypto-shredded now (0 when there was nothing left to erase). */
  erasedEntries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Rows changed outside the ledger, per table. */
  redactedRows: RedactedRows;
  /** The subject.erased entry recording this erasure; null when nothing was erased, or not sequenced yet. */
  subjectErasedSeq: number | null;
  /** Its proof bundle (served once anchored). */
  proof: string | null;
  /**
   * The key of the entry's salted reference, given once and kept nowhere by Sigillo: with it (and
   * the number) the data subject can show that this subject.erased entry is theirs. Whoever keeps
   * it can link that entry to the number, so it belongs to the data subject, not to any log.
   */
  receipt: string | null;
}

// The sequencer places an entry within milliseconds and a send takes one HTTP call: a subject is
// rarely busy for long. Past this the caller is told to retry.
const BUSY_WAIT_MS = 15_000;
const SEQUENCED_WAIT_MS = 5_000;
const POLL_MS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Erasure (right to be forgotten) by crypto-shredding; see docs/erasure.md. Waits, a bounded
 * time, for whatever is still writing about the subject (entries not sequenced yet, a send in
 * flight, a webhook being applied) and then erases in one transaction.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly tenants: TenantsService,
    private readonly erasure: ErasureRepository,
  ) {}

  /** A tenant's key erases within its tenant; a deployment-wide key names the tenant (?tenantId=). */
  async erase(keyTenantId: string | null, rawPhone: string, queryTenantId?: unknown, actor?: LedgerActor): Promise<ErasureAnswer> {
    const tenantId = resolveTenant(keyTenantId, queryTenantId);
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new NotFoundException('tenant not found');
    const normalized = normalizeWhatsAppUser(rawPhone, tenant.defaultCountry as CountryCode);
    if (!normalized.ok) throw new BadRequestException(`phone: ${normalized.reason}`);
    const subject = { tenantId: tenant.id, phoneNumberId: tenant.phoneNumberId, phone: normalized.e164, actor };
    const receipt = erasureReceipt(tenant.id, subject.phone);

    const deadline = Date.now() + BUSY_WAIT_MS;
    for (;;) {
      const attempt = await this.erasure.erase(subject, receipt.reference);
      if (attempt.kind === 'nothing') {
        return { erasedEntries: 0, firstSeq: null, lastSeq: null, redactedRows: NO_ROWS, subjectErasedSeq: null, proof: null, receipt: null };
      }
      if (attempt.kind === 'erased') {
        // The number never reaches a log line.
        this.logger.log(`erased a subject of tenant ${tenant.id}: ${attempt.erasedEntries} ledger entries, rows ${JSON.stringify(attempt.rows)}`);
        const seq = await this.sequenced(attempt.subjectErasedId);
        return {
          erasedEntries: attempt.erasedEntries,
          firstSeq: attempt.firstSeq === null ? null : Number(attempt.firstSeq),
          lastSeq: attempt.lastSeq === null ? null : Number(attempt.lastSeq),
          redactedRows: attempt.rows,
          subjectErasedSeq: seq === null ? null : Number(seq),
          proof: seq === null ? null : `/v1/ledger/entries/${seq}/proof`,
          receipt: toHex(receipt.key),
        };
      }
      if (Date.now() >= deadline) {
        throw new ServiceUnavailableException({
          statusCode: 503,
          error: 'Service Unavailable',
          message: `the subject cannot be erased yet: ${attempt.reason}; nothing was changed, try again shortly`,
        });
      }
      await sleep(POLL_MS);
    }
  }

  private async sequenced(id: bigint): Promise<bigint | null> {
    const deadline = Date.now() + SEQUENCED_WAIT_MS;
    for (;;) {
      const seq = await this.erasure.seqOf(id);
      if (seq !== null || Date.now() >= deadline) return seq;
      await sleep(POLL_MS);
    }
  }
}

const NO_ROWS: RedactedRows = {
  events: 0,
  notifications: 0,
  cancelledSends: 0,
  consents: 0,
  messageStatuses: 0,
  inboundMessages: 0,
  customerWindows: 0,
  webhookPayloads: 0,
};

function resolveTenant(keyTenantId: string | null, query: unknown): string {
  if (query === undefined) {
    if (keyTenantId === null) throw new BadRequestException('tenantId: a deployment-wide key must name the tenant (?tenantId=…)');
    return keyTenantId;
  }
  if (typeof query !== 'string' || !UUID.test(query)) throw new BadRequestException('tenantId: must be a tenant id (a UUID), given once');
  if (keyTenantId !== null && query.toLowerCase() !== keyTenantId.toLowerCase()) throw new ForbiddenException('this key belongs to another tenant');
  return query.toLowerCase();
}
