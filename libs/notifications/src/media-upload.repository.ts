import { Injectable } from '@nestjs/common';
import { type Row, sql, statement } from '#sigillo/db';
import { PgPool } from '#sigillo/platform';
import type { CachedUpload } from '#sigillo/whatsapp';

interface Key {
  tenantId: string;
  phoneNumberId: string;
  sourceUrl: string;
}

const FIND = statement<Key, Row<'media_uploads', 'media_id' | 'expires_at' | 'failed_at'>>(
  'sigillo-media-upload-find',
  (p) =>
    sql`SELECT media_id, expires_at, failed_at FROM media_uploads WHERE tenant_id = ${p.tenantId} AND phone_number_id = ${p.phoneNumberId} AND source_url = ${p.sourceUrl}`,
);

const UPLOADED = statement<Key & { mediaId: string; uploadedAt: Date; expiresAt: Date }, { n: number }>(
  'sigillo-media-upload-done',
  (p) => sql`
INSERT INTO media_uploads (tenant_id, phone_number_id, source_url, media_id, uploaded_at, expires_at, failed_at)
VALUES (${p.tenantId}, ${p.phoneNumberId}, ${p.sourceUrl}, ${p.mediaId}, ${p.uploadedAt}, ${p.expiresAt}, NULL)
ON CONFLICT (tenant_id, phone_number_id, source_url) DO UPDATE
  SET media_id = EXCLUDED.media_id, uploaded_at = EXCLUDED.uploaded_at, expires_at = EXCLUDED.expires_at, failed_at = NULL
RETURNING 1 AS n`,
);

// A failure keeps a still-valid id (chooseMediaSource prefers it) and only notes when it happened.
const FAILED = statement<Key & { failedAt: Date }, { n: number }>(
  'sigillo-media-upload-failed',
  (p) => sql`
INSERT INTO media_uploads (tenant_id, phone_number_id, source_url, failed_at)
VALUES (${p.tenantId}, ${p.phoneNumberId}, ${p.sourceUrl}, ${p.failedAt})
ON CONFLICT (tenant_id, phone_number_id, source_url) DO UPDATE SET failed_at = EXCLUDED.failed_at
RETURNING 1 AS n`,
);

// Meta refused the id (expired or deleted early): the next send uploads again.
const FORGET = statement<Key & { mediaId: string }, { n: number }>(
  'sigillo-media-upload-forget',
  (p) => sql`
UPDATE media_uploads SET media_id = NULL, expires_at = NULL
WHERE tenant_id = ${p.tenantId} AND phone_number_id = ${p.phoneNumberId} AND source_url = ${p.sourceUrl} AND media_id = ${p.mediaId}
RETURNING 1 AS n`,
);

/** Per tenant, sending number and media link: the id Meta answered to its upload, until when, and the last failure. */
@Injectable()
export class MediaUploadRepository {
  constructor(private readonly pool: PgPool) {}

  async find(key: Key): Promise<CachedUpload | null> {
    const rows = await FIND.rows(this.pool, key);
    return rows[0] ? { mediaId: rows[0].media_id, expiresAt: rows[0].expires_at, failedAt: rows[0].failed_at } : null;
  }

  async uploaded(key: Key, mediaId: string, uploadedAt: Date, expiresAt: Date): Promise<void> {
    await UPLOADED.rows(this.pool, { ...key, mediaId, uploadedAt, expiresAt });
  }

  async failed(key: Key, failedAt: Date): Promise<void> {
    await FAILED.rows(this.pool, { ...key, failedAt });
  }

  async forget(key: Key, mediaId: string): Promise<void> {
    await FORGET.rows(this.pool, { ...key, mediaId });
  }
}
