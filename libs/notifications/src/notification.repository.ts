import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { LedgerRepository } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { Decision, IntakeResult, NewIntake, NotificationStatus, PendingSend, SendAttemptRecord } from './notification-records.js';

@Injectable()
export class NotificationRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerRepository,
  ) {}

  /**
   * The event row, its notification, its ledger entries and (for a send) the outbox row, in one
   * transaction. A repeated event id writes nothing and returns what was recorded the first time;
   * concurrent repeats wait on the primary key and then see the first one's rows.
   */
  async recordIntake(intake: NewIntake): Promise<IntakeResult> {
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
        VALUES (${intake.tenantId}::uuid, ${intake.eventId}, ${intake.eventType}, ${intake.requestHash},
                ${intake.occurredAt}, ${JSON.stringify(intake.payload)}::jsonb, ${intake.notification.id}::uuid)
        ON CONFLICT (tenant_id, event_id) DO NOTHING`;
      if (inserted === 0) {
        const [existing] = await tx.$queryRaw<{ request_hash: string; notification_id: string; decision: Decision; reason: string | null }[]>`
          SELECT e.request_hash, e.notification_id::text AS notification_id, n.decision, n.reason
            FROM events e JOIN notifications n ON n.id = e.notification_id
           WHERE e.tenant_id = ${intake.tenantId}::uuid AND e.event_id = ${intake.eventId}`;
        return {
          created: false,
          requestHash: existing.request_hash,
          answer: {
            eventId: intake.eventId,
            notificationId: existing.notification_id,
            decision: existing.decision,
            ...(existing.reason ? { reason: existing.reason } : {}),
          },
        };
      }
      const n = intake.notification;
      await tx.notification.create({
        data: {
          id: n.id,
          tenantId: intake.tenantId,
          eventId: intake.eventId,
          decision: n.decision,
          reason: n.reason,
          templateName: n.templateName,
          language: n.language,
          category: n.category,
          recipient: n.recipient,
          parameters: n.parameters ?? undefined,
          status: n.decision === 'SEND' ? 'QUEUED' : 'SKIPPED',
        },
      });
      await this.ledger.appendPending(intake.ledgerEntries, tx);
      if (n.decision === 'SEND') await tx.outbox.create({ data: { notificationId: n.id, tenantId: intake.tenantId } });
      return { created: true };
    });
  }

  async findPendingSend(id: string): Promise<PendingSend | null> {
    const n = await this.prisma.notification.findUnique({ where: { id } });
    if (!n || n.decision !== 'SEND' || !n.templateName || !n.language || !n.category || !n.recipient) return null;
    return {
      id: n.id,
      tenantId: n.tenantId,
      eventId: n.eventId,
      status: n.status as NotificationStatus,
      templateName: n.templateName,
      language: n.language,
      category: n.category,
      recipient: n.recipient,
      parameters: (n.parameters ?? {}) as JsonObject,
      attempts: n.attempts,
    };
  }

  /** Recorded before calling the provider, so a crash right after the call is noticed. */
  async startAttempt(id: string, attempt: number): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.sendAttempt.create({ data: { notificationId: id, attempt } }),
      this.prisma.notification.update({ where: { id }, data: { status: 'SENDING', attempts: attempt } }),
    ]);
  }

  async openAttempt(id: string): Promise<SendAttemptRecord | null> {
    const a = await this.prisma.sendAttempt.findFirst({ where: { notificationId: id, outcome: null }, orderBy: { attempt: 'desc' } });
    return a ? { attempt: a.attempt, startedAt: a.startedAt, outcome: a.outcome } : null;
  }

  /** An attempt whose outcome could not be learnt: closed so the next one may start. */
  async abandonAttempt(id: string, attempt: number): Promise<void> {
    await this.prisma.sendAttempt.update({
      where: { notificationId_attempt: { notificationId: id, attempt } },
      data: { outcome: 'unknown', finishedAt: new Date() },
    });
  }

  /** The provider accepted the message: final, with its ledger entry, outbox row gone. */
  async recordSubmitted(id: string, attempt: number, wamid: string, entry: NewLedgerEntry): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.sendAttempt.update({
        where: { notificationId_attempt: { notificationId: id, attempt } },
        data: { outcome: 'submitted', wamid, finishedAt: new Date() },
      });
      await tx.notification.update({ where: { id }, data: { status: 'SUBMITTED', wamid } });
      await this.ledger.appendPending([entry], tx);
      await tx.outbox.deleteMany({ where: { notificationId: id } });
    });
  }

  /** A permanent failure (or retries exhausted): final, with Meta's error kept in the ledger. */
  async recordFailed(id: string, attempt: number, error: JsonObject, errorCode: number | null, entry: NewLedgerEntry): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.sendAttempt.updateMany({
        where: { notificationId: id, attempt, outcome: null },
        data: { outcome: 'failed', errorCode, finishedAt: new Date() },
      });
      await tx.notification.update({ where: { id }, data: { status: 'FAILED', lastError: error } });
      await this.ledger.appendPending([entry], tx);
      await tx.outbox.deleteMany({ where: { notificationId: id } });
    });
  }

  /** A transient failure: the attempt is closed, the notification waits for the next try. */
  async recordRetry(id: string, attempt: number, error: JsonObject, errorCode: number | null): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.sendAttempt.update({
        where: { notificationId_attempt: { notificationId: id, attempt } },
        data: { outcome: 'retry', errorCode, finishedAt: new Date() },
      }),
      this.prisma.notification.update({ where: { id }, data: { status: 'QUEUED', lastError: error } }),
    ]);
  }

  /** Outbox rows never handed to the queue, or handed long enough ago that the job may be lost. */
  async claimOutbox(staleAfterMs: number, limit: number): Promise<{ notificationId: string; tenantId: string }[]> {
    return this.prisma.$queryRaw<{ notificationId: string; tenantId: string }[]>`
      UPDATE outbox o SET dispatched_at = now()
        FROM (SELECT notification_id FROM outbox
               WHERE dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => ${staleAfterMs / 1000})
               ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) AS c
       WHERE o.notification_id = c.notification_id
      RETURNING o.notification_id::text AS "notificationId", o.tenant_id::text AS "tenantId"`;
  }
}
