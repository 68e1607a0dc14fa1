import { GraphError } from '../graph/graph-error.js';
import { BSUID } from './user-ids.js';

/** A template send, read from `POST /{version}/{phone-number-id}/messages`. */
export interface TemplateSendRequest {
  /** As given: Meta answers before checking it is a reachable number. A BSUID when sent by `recipient`. */
  to: string;
  /** Sent by `recipient` (a business-scoped user id) rather than `to`. */
  byUserId: boolean;
  template: { name: string; language: string; components: unknown[] };
  bizOpaqueCallbackData: string | null;
}

const MAX_CALLBACK_DATA = 512;

/**
 * Checks the envelope as Meta does, answering its codes: 100 for the Graph-level parameters
 * (messaging_product, recipient_type, to), 131008 for a missing template field, 131009 for a
 * value it does not take. Only template messages are simulated: any other type is 131009.
 */
export function readSendRequest(body: unknown): TemplateSendRequest {
  if (!isRecord(body)) throw GraphError.whatsapp(100, 'The request body must be a JSON object');
  if (body['messaging_product'] === undefined) throw GraphError.whatsapp(100, 'The parameter messaging_product is required.');
  if (body['messaging_product'] !== 'whatsapp') {
    throw GraphError.whatsapp(100, `Param messaging_product must be one of {WHATSAPP} - got "${String(body['messaging_product'])}".`);
  }
  if (body['recipient_type'] !== undefined && body['recipient_type'] !== 'individual') {
    throw GraphError.whatsapp(100, 'Param recipient_type must be one of {INDIVIDUAL, GROUP}.');
  }
  // Meta: `recipient` takes a business-scoped user id; when both are given, `to` wins.
  const phone = body['to'];
  const recipient = body['recipient'];
  const byUserId = (phone === undefined || phone === '') && typeof recipient === 'string' && recipient.trim() !== '';
  const to = byUserId ? recipient : phone;
  if (typeof to !== 'string' || to.trim() === '') throw GraphError.whatsapp(100, 'The parameter to is required.');
  if (byUserId && !BSUID.test(to)) throw GraphError.whatsapp(100, 'Param recipient must be a business-scoped user id.');
  const type = body['type'] ?? 'text';
  if (type !== 'template') throw GraphError.whatsapp(131009, `The simulator only sends template messages, got type "${String(type)}".`);

  const template = body['template'];
  if (!isRecord(template)) throw GraphError.whatsapp(131008, "Parameter 'template' is required.");
  const name = template['name'];
  if (typeof name !== 'string' || name === '') throw GraphError.whatsapp(131008, "Parameter 'template.name' is required.");
  const language = template['language'];
  const code = isRecord(language) ? language['code'] : undefined;
  if (typeof code !== 'string' || code === '') throw GraphError.whatsapp(131008, "Parameter 'template.language.code' is required.");
  if (isRecord(language) && language['policy'] !== undefined && language['policy'] !== 'deterministic') {
    throw GraphError.whatsapp(131009, 'template.language.policy must be "deterministic".');
  }
  const components = template['components'] ?? [];
  if (!Array.isArray(components)) throw GraphError.whatsapp(100, "Param template['components'] must be an array.");

  const callback = body['biz_opaque_callback_data'];
  if (callback !== undefined && (typeof callback !== 'string' || callback.length > MAX_CALLBACK_DATA)) {
    throw GraphError.whatsapp(131009, `biz_opaque_callback_data must be a string of at most ${MAX_CALLBACK_DATA} characters.`);
  }
  return { to, byUserId, template: { name, language: code, components }, bizOpaqueCallbackData: callback ?? null };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
