import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { StoryBundle } from '../../../../libs/ledger/src/story-bundle.js';
import { NotificationRepository } from '../../../../libs/notifications/src/notification.repository.js';
import { ProofBundleService } from './proof-bundle.service.js';

/** Finds the story of a message or an event within the key's tenant, then proves it whole. */
@Injectable()
export class StoryProofsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly proofs: ProofBundleService,
  ) {}

  async forMessage(keyTenantId: string | null, wamid: string, queryTenantId?: string): Promise<StoryBundle> {
    const tenantId = scope(keyTenantId, queryTenantId);
    const key = await this.notifications.storyKey({ tenantId, wamid });
    if (!key) throw new NotFoundException(`no message ${wamid}`);
    return this.proofs.storyBundle({ kind: 'message', id: wamid }, key);
  }

  async forEvent(keyTenantId: string | null, eventId: string, queryTenantId?: string): Promise<StoryBundle> {
    const tenantId = scope(keyTenantId, queryTenantId);
    const key = await this.notifications.storyKey({ tenantId, eventId });
    if (!key) throw new NotFoundException(`no event ${eventId}${tenantId ? '' : ' (or several tenants have it: add ?tenantId=)'}`);
    return this.proofs.storyBundle({ kind: 'event', id: eventId }, key);
  }
}

/** A tenant's key sees its own stories; a deployment-wide key may narrow to one tenant. */
function scope(keyTenantId: string | null, queryTenantId: string | undefined): string | null {
  if (keyTenantId && queryTenantId && keyTenantId !== queryTenantId) throw new ForbiddenException('this key belongs to another tenant');
  return keyTenantId ?? queryTenantId ?? null;
}
