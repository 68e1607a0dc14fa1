import { Injectable, Logger } from '@nestjs/common';
import type { RenderedParameters, WhatsAppProvider } from '#sigillo/whatsapp';
import type { Tenant } from '#sigillo/tenants';
import { chooseMediaSource, mediaExpiry } from '#sigillo/whatsapp';
import { checkAssetUrl, fetchAsset } from './media-asset.js';
import { MediaUploadRepository } from './media-upload.repository.js';

/** Meta's "Media upload error": the answer to a media id it no longer has (the simulator answers it on the send). */
export const MEDIA_UPLOAD_ERROR = 131053;

export interface HeaderMedia {
  mediaId: string;
  sourceUrl: string;
}

/**
 * A template's media header by uploaded id rather than by link (Meta recommends ids at volume):
 * the binding's link is fetched once by the worker, uploaded to the tenant's number, and the id
 * reused until a day before its 30 days run out (media-reuse.ts). Never fails a send: whatever
 * goes wrong (the link refused or unreachable, the upload refused) leaves the header by link.
 */
@Injectable()
export class MediaHeaderService {
  private readonly logger = new Logger(MediaHeaderService.name);

  constructor(private readonly uploads: MediaUploadRepository) {}

  async idFor(tenant: Tenant, provider: WhatsAppProvider, parameters: RenderedParameters): Promise<HeaderMedia | null> {
    const header = parameters.header;
    if (!header || header.type === 'text') return null;
    const key = { tenantId: tenant.id, phoneNumberId: tenant.phoneNumberId, sourceUrl: header.link };
    try {
      const choice = chooseMediaSource(await this.uploads.find(key), new Date());
      if (choice.kind === 'reuse') return { mediaId: choice.mediaId, sourceUrl: header.link };
      if (choice.kind === 'link') return null;
      const url = checkAssetUrl(header.link, tenant.providerBaseUrl);
      if (!url.ok) {
        await this.uploads.failed(key, new Date());
        this.logger.warn(`tenant ${tenant.id}: ${header.type} header sent by link, not uploaded: its link is ${url.reason}`);
        return null;
      }
      const asset = await fetchAsset(url.url);
      const { id } = await provider.uploadMedia(asset);
      const uploadedAt = new Date();
      await this.uploads.uploaded(key, id, uploadedAt, mediaExpiry(uploadedAt));
      this.logger.log(
        `tenant ${tenant.id}: ${header.type} header uploaded (${asset.bytes.length} bytes, ${asset.mimeType}); sent by id until ${mediaExpiry(uploadedAt).toISOString()}`,
      );
      return { mediaId: id, sourceUrl: header.link };
    } catch (error) {
      await this.uploads.failed(key, new Date()).catch(() => undefined);
      this.logger.warn(`tenant ${tenant.id}: ${header.type} header sent by link, its upload failed: ${(error as Error).message}`);
      return null;
    }
  }

  /** Meta refused the id: the next send uploads again. */
  async forget(tenant: Tenant, media: HeaderMedia): Promise<void> {
    await this.uploads.forget({ tenantId: tenant.id, phoneNumberId: tenant.phoneNumberId, sourceUrl: media.sourceUrl }, media.mediaId);
  }
}
