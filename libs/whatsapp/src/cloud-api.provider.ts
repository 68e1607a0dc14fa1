import type { Template } from './template.js';
import { buildTemplateMessageBody, parseSendResponse } from './cloud-api-request.js';
import { ProviderError, classifyMetaError } from './provider-error.js';
import { nextTemplatePageUrl, readMetaTemplate, readTemplatePage } from './template-catalog.js';
import type { MediaAsset, ProviderAccount, SendResult, TemplateSend, WhatsAppProvider } from './whatsapp-provider.js';

export interface CloudApiProviderOptions {
  /** Per HTTP request, answer body included. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Called at most once per operation when the token is refused (code 190 / HTTP 401). A returned
   * token replaces the current one and the request is retried once with it; null gives up.
   */
  onTokenExpired?: () => Promise<string | null>;
  /** `limit` of each catalog page. Default 100. */
  templatePageSize?: number;
  /** Catalog pages followed before giving up. Default 100. */
  maxTemplatePages?: number;
  /** Told about each catalog item left out, with the reason (named parameters, unknown status…). */
  onTemplateSkipped?: (reason: string) => void;
}

// parameter_format tells `{{1}}` from `{{first_name}}`: without it a NAMED template reads as a broken positional one.
const TEMPLATE_FIELDS = 'name,language,category,status,components,parameter_format';

/** One phone number of one WhatsApp Business Account, through the Cloud API's HTTP interface. */
export class CloudApiProvider implements WhatsAppProvider {
  private readonly root: URL;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private accessToken: string;
  // Concurrent sends that hit an expired token share one refresh.
  private refreshing: Promise<string | null> | null = null;

  constructor(
    private readonly account: ProviderAccount,
    private readonly options: CloudApiProviderOptions = {},
  ) {
    this.root = new URL(`${account.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(account.graphVersion)}/`);
    // Looked up per call, not captured: tests and instrumentation may replace the global later.
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.accessToken = account.accessToken;
  }

  async sendTemplate(send: TemplateSend): Promise<SendResult> {
    const body = buildTemplateMessageBody(send);
    const url = new URL(`${encodeURIComponent(this.account.phoneNumberId)}/messages`, this.root);
    const json = await this.request({ method: 'POST', url, body, secrets: [body.to ?? body.recipient] }, { refreshed: false });
    return parseSendResponse(json);
  }

  /**
   * `POST /{version}/{phone-number-id}/media` with messaging_product, type and file as multipart
   * form data; Meta answers `{ id }`.
   * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
   */
  async uploadMedia(asset: MediaAsset): Promise<{ id: string }> {
    const url = new URL(`${encodeURIComponent(this.account.phoneNumberId)}/media`, this.root);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', asset.mimeType);
    form.set('file', new Blob([asset.bytes], { type: asset.mimeType }), asset.filename);
    const json = await this.request({ method: 'POST', url, form, secrets: [] }, { refreshed: false });
    const id = json !== null && typeof json === 'object' ? (json as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string' || id === '') throw ProviderError.permanent('unexpected media upload response', 'id is not a non-empty string');
    return { id };
  }

  async listTemplates(): Promise<Template[]> {
    const first = new URL(`${encodeURIComponent(this.account.wabaId)}/message_templates`, this.root);
    first.searchParams.set('limit', String(this.options.templatePageSize ?? 100));
    first.searchParams.set('fields', TEMPLATE_FIELDS);

    const maxPages = this.options.maxTemplatePages ?? 100;
    const operation = { refreshed: false };
    const seen = new Set<string>();
    const templates: Template[] = [];
    let url: URL | null = first;
    while (url) {
      if (seen.has(url.href)) throw ProviderError.permanent('template catalog paging loops back to a page already read');
      if (seen.size >= maxPages) throw ProviderError.permanent(`template catalog has more than ${maxPages} pages`);
      seen.add(url.href);

      const page = readTemplatePage(await this.request({ method: 'GET', url, secrets: [] }, operation));
      for (const item of page.data) {
        const reading = readMetaTemplate(item);
        if (reading.template) templates.push(reading.template);
        else this.options.onTemplateSkipped?.(reading.reason);
      }
      url = nextTemplatePageUrl(page, first, this.root);
    }
    return templates;
  }

  private async request(req: HttpRequest, operation: { refreshed: boolean }): Promise<unknown> {
    const token = this.accessToken;
    try {
      return await this.exchange(req, token);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'auth' || operation.refreshed || !this.options.onTokenExpired) {
        throw error;
      }
      operation.refreshed = true;
      const fresh = await this.refreshedToken(token);
      if (fresh === null) throw error;
      return this.exchange(req, fresh);
    }
  }

  private async refreshedToken(stale: string): Promise<string | null> {
    // Another request already swapped the token while this one was failing with the old one.
    if (this.accessToken !== stale) return this.accessToken;
    if (!this.refreshing) {
      const pending = this.callRefreshHook();
      this.refreshing = pending;
      void pending.finally(() => {
        if (this.refreshing === pending) this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Never rejects: a failed refresh leaves the caller with the original auth error, which says what matters. */
  private async callRefreshHook(): Promise<string | null> {
    let token: string | null;
    try {
      token = await this.options.onTokenExpired!();
    } catch {
      return null;
    }
    if (typeof token !== 'string' || token === '') return null;
    this.accessToken = token;
    return token;
  }

  private async exchange(req: HttpRequest, token: string): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    let body: string | Uint8Array | undefined = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (req.form) {
      // Encoded here, boundary and all, so that any fetch (undici's request included) sends the same bytes.
      const encoded = new Response(req.form);
      headers['Content-Type'] = encoded.headers.get('content-type')!;
      body = new Uint8Array(await encoded.arrayBuffer());
    }

    let response: Response;
    let text: string;
    try {
      response = await this.fetch(req.url, {
        method: req.method,
        headers,
        body,
        // A redirect means a misconfigured base URL: surface it as an HTTP 3xx (permanent), never follow it with the token.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw ProviderError.network(error);
    }

    if (!response.ok) {
      throw classifyMetaError(response.status, text, {
        retryAfter: response.headers.get('retry-after'),
        secrets: [token, ...req.secrets],
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw ProviderError.permanent('unexpected response', 'a 2xx answer that is not JSON', response.status);
    }
  }
}

interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  body?: object;
  form?: FormData;
  /** Strings to keep out of errors besides the token (the recipient's number). */
  secrets: string[];
}
