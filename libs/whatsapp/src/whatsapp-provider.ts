import type { RenderedParameters } from './rendered-parameters.js';
import type { Template } from './template.js';

/** Where and as whom a provider talks to the Cloud API (or a reseller exposing its shape). */
export interface ProviderAccount {
  /** Scheme and host, no version and no trailing path: `https://graph.facebook.com`. */
  baseUrl: string;
  /** Graph API version segment, e.g. `v23.0`. */
  graphVersion: string;
  /** The sending phone number's id (not the number itself). */
  phoneNumberId: string;
  /** The WhatsApp Business Account that owns the templates. */
  wabaId: string;
  accessToken: string;
}

export interface TemplateSend {
  /** E.164 with the leading +, e.g. `+393331234567`. */
  to: string;
  template: { name: string; language: string };
  parameters: RenderedParameters;
  /** An uploaded media id to send a media header by, instead of its link (Meta recommends ids at volume). */
  headerMediaId?: string;
  /** Echoed by Meta in status webhooks: lets a status be tied back to our send. */
  bizOpaqueCallbackData?: string;
}

export interface SendResult {
  /** Meta's message id (`wamid.…`), the key of every later status webhook. */
  wamid: string;
  /** The recipient's WhatsApp id as Meta resolved it, when Meta says. */
  waId: string | null;
  /** The recipient's business-scoped user id (`contacts[].user_id`), when Meta says. */
  userId?: string | null;
}

/** A file to upload once and send by id (a template's media header). */
export interface MediaAsset {
  bytes: Uint8Array;
  /** e.g. image/jpeg, video/mp4, application/pdf: Meta checks it against the file. */
  mimeType: string;
  filename: string;
}

/** One WhatsApp sending account. Every failure is a ProviderError (see provider-error.ts). */
export interface WhatsAppProvider {
  sendTemplate(send: TemplateSend): Promise<SendResult>;
  /**
   * Uploads a file for this phone number (`POST /{phone-number-id}/media`, multipart); Meta
   * answers `{ id }`, usable in sends for 30 days.
   */
  uploadMedia(asset: MediaAsset): Promise<{ id: string }>;
  /** The whole template catalog of the account, every page of it. */
  listTemplates(): Promise<Template[]>;
}
