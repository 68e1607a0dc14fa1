/**
 * Whether a media header goes by an uploaded id, needs an upload first, or goes by its link.
 * Meta keeps an uploaded media id for 30 days
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media: "Media IDs returned by
 * the API expire after 30 days"). An id is refreshed a day before that, so that a send retried
 * later in the day never carries an id Meta has dropped. After a failed fetch or upload, sends go
 * by link for a while rather than fetching and uploading again on every send.
 */
export const MEDIA_ID_LIFETIME_MS = 30 * 24 * 3600_000;
export const MEDIA_REFRESH_MARGIN_MS = 24 * 3600_000;
export const MEDIA_FAILURE_PAUSE_MS = 10 * 60_000;

export interface CachedUpload {
  mediaId: string | null;
  expiresAt: Date | null;
  failedAt: Date | null;
}

export type MediaChoice = { kind: 'reuse'; mediaId: string } | { kind: 'upload' } | { kind: 'link'; why: string };

export function chooseMediaSource(cached: CachedUpload | null, now: Date): MediaChoice {
  const t = now.getTime();
  if (cached?.mediaId && cached.expiresAt && cached.expiresAt.getTime() - MEDIA_REFRESH_MARGIN_MS > t) {
    return { kind: 'reuse', mediaId: cached.mediaId };
  }
  if (cached?.failedAt && t - cached.failedAt.getTime() < MEDIA_FAILURE_PAUSE_MS) {
    return { kind: 'link', why: 'the last upload failed less than 10 minutes ago' };
  }
  return { kind: 'upload' };
}

/** When an id Meta answered at `uploadedAt` stops being usable. */
export function mediaExpiry(uploadedAt: Date): Date {
  return new Date(uploadedAt.getTime() + MEDIA_ID_LIFETIME_MS);
}
