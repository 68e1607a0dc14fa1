import { MEDIA_FAILURE_PAUSE_MS, MEDIA_ID_LIFETIME_MS, MEDIA_REFRESH_MARGIN_MS, chooseMediaSource, mediaExpiry } from './media-reuse.js';

const now = new Date('2026-12-02T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('chooseMediaSource', () => {
  it('uploads when nothing was uploaded yet', () => {
    expect(chooseMediaSource(null, now)).toEqual({ kind: 'upload' });
    expect(chooseMediaSource({ mediaId: null, expiresAt: null, failedAt: null }, now)).toEqual({ kind: 'upload' });
  });

  it('reuses an id until a day before it expires', () => {
    const cached = { mediaId: 'm1', expiresAt: at(MEDIA_REFRESH_MARGIN_MS + 1), failedAt: null };
    expect(chooseMediaSource(cached, now)).toEqual({ kind: 'reuse', mediaId: 'm1' });
  });

  it('uploads again within the last day of an id, and after it expired', () => {
    expect(chooseMediaSource({ mediaId: 'm1', expiresAt: at(MEDIA_REFRESH_MARGIN_MS), failedAt: null }, now)).toEqual({ kind: 'upload' });
    expect(chooseMediaSource({ mediaId: 'm1', expiresAt: at(-1), failedAt: null }, now)).toEqual({ kind: 'upload' });
  });

  it('goes by link for a while after a failed upload, then tries again', () => {
    expect(chooseMediaSource({ mediaId: null, expiresAt: null, failedAt: at(-MEDIA_FAILURE_PAUSE_MS + 1) }, now)).toMatchObject({ kind: 'link' });
    expect(chooseMediaSource({ mediaId: null, expiresAt: null, failedAt: at(-MEDIA_FAILURE_PAUSE_MS) }, now)).toEqual({ kind: 'upload' });
  });

  it('a valid id wins over a later failed refresh attempt', () => {
    expect(chooseMediaSource({ mediaId: 'm1', expiresAt: at(5 * MEDIA_REFRESH_MARGIN_MS), failedAt: at(-1) }, now)).toEqual({ kind: 'reuse', mediaId: 'm1' });
  });

  it('an expired id after a recent failure: by link, not the stale id', () => {
    expect(chooseMediaSource({ mediaId: 'm1', expiresAt: at(-1), failedAt: at(-1) }, now)).toMatchObject({ kind: 'link' });
  });
});

describe('mediaExpiry', () => {
  it('is 30 days after the upload (Meta)', () => {
    expect(mediaExpiry(now).getTime() - now.getTime()).toBe(MEDIA_ID_LIFETIME_MS);
    expect(MEDIA_ID_LIFETIME_MS).toBe(30 * 24 * 3600 * 1000);
  });
});
