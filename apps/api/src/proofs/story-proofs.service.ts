import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { StoryBundle } from '#sigillo/ledger';
import { ErasedStoriesRepository } from '#sigillo/erasure';
import { NotificationRepository } from '#sigillo/notifications';
import { erasedStory } from './erased-answers.js';
import { ProofBundleService } from './proof-bundle.service.js';

/** Finds the story of a message or an event within the key's tenant, then proves it whole. */
@Injectable()
export class StoryProofsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly proofs: ProofBundleService,
    private readonly erased: ErasedStoriesRepository,
  ) {}

  async forMessage(keyTenantId: string | null, wamid: string, queryTenantId?: string): Promise<StoryBundle> {
    const tenantId = scope(keyTenantId, queryTenantId);
    const subject = { kind: 'message', id: wamid } as const;
    const key = await this.notifications.storyKey({ tenantId, wamid });
    if (!key) {
      // Erasure replaced the wamid by its hash: gone, not unknown.
      const erased = await this.erased.ofMessage(tenantId, wamid);
      if (erased) throw erasedStory(subject, erased);
      throw new NotFoundException(`no message ${wamid}`);
    }
    return this.proofs.storyBundle(subject, key);
  }

  async forEvent(keyTenantId: string | null, eventId: string, queryTenantId?: string): Promise<StoryBundle> {
    const tenantId = scope(keyTenantId, queryTenantId);
    const key = await this.notifications.storyKey({ tenantId, eventId });
    if (!key) throw new NotFoundException(`no event ${eventId}${tenantId ? '' : ' (or several tenants have it: add ?tenantId=)'}`);
    const subject = { kind: 'event', id: eventId } as const;
    // An erased event keeps its row, but its entries no longer say whose story they are.
    const erased = await this.erased.ofEvent(key.tenantId, key.eventId);
    if (erased) throw erasedStory(subject, erased);
    return this.proofs.storyBundle(subject, key);
  }
}

/** A tenant's key sees its own stories; a deployment-wide key may narrow to one tenant. */
function scope(keyTenantId: string | null, queryTenantId: string | undefined): string | null {
  if (keyTenantId && queryTenantId && keyTenantId !== queryTenantId) throw new ForbiddenException('this key belongs to another tenant');
  return keyTenantId ?? queryTenantId ?? null;
}
