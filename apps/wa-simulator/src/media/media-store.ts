import { Injectable } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';

/** Meta: "Media IDs returned by the API expire after 30 days." */
export const MEDIA_LIFETIME_MS = 30 * 24 * 3600_000;

export interface UploadedMedia {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: number;
  expiresAt: number;
}

export type MediaCheck = { ok: true } | { ok: false; why: 'unknown' | 'expired' | 'other-number' };

/** What was uploaded to `POST /{phone-number-id}/media`, and whether an id may still be sent. */
@Injectable()
export class MediaStore {
  private readonly media = new Map<string, UploadedMedia>();

  upload(phoneNumberId: string, bytes: Buffer, mimeType: string, now: number = Date.now()): UploadedMedia {
    // Numeric like Meta's media ids.
    const id = String(randomInt(1e14, 2.8e14));
    const item = {
      id,
      phoneNumberId,
      mimeType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('base64'),
      uploadedAt: now,
      expiresAt: now + MEDIA_LIFETIME_MS,
    };
    this.media.set(id, item);
    return item;
  }

  check(id: string, phoneNumberId: string, now: number = Date.now()): MediaCheck {
    const item = this.media.get(id);
    if (!item) return { ok: false, why: 'unknown' };
    if (item.phoneNumberId !== phoneNumberId) return { ok: false, why: 'other-number' };
    return now < item.expiresAt ? { ok: true } : { ok: false, why: 'expired' };
  }

  /** Ages an upload past its 30 days, as if they had gone by. False for an unknown id. */
  expire(id: string): boolean {
    const item = this.media.get(id);
    if (!item) return false;
    item.expiresAt = 0;
    return true;
  }

  list(): UploadedMedia[] {
    return [...this.media.values()];
  }

  clear(): void {
    this.media.clear();
  }
}

/**
 * The media ids a send's template components name (`header` image/video/document `{ id }`), for
 * the send to refuse one Meta would not know.
 */
export function mediaIdsOf(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  const ids: string[] = [];
  for (const component of components) {
    const parameters = (component as { parameters?: unknown })?.parameters;
    if (!Array.isArray(parameters)) continue;
    for (const p of parameters) {
      for (const kind of ['image', 'video', 'document']) {
        const media = (p as Record<string, unknown> | null)?.[kind] as Record<string, unknown> | undefined;
        if (media && typeof media['id'] === 'string') ids.push(media['id']);
      }
    }
  }
  return ids;
}
