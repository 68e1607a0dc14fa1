// What each story entry means, as a stable key the console translates (`refused.NO_MARKETING_CONSENT`,
// `status.failed`, `consent.optIn.api`) with its parameters: never prose in one language, never a
// phone number or a name.
import { parseEntryTypeName } from '#sigillo/ledger';
import { consentSourceKind } from './consent-source.js';

export interface Explanation {
  code: string;
  params: Record<string, string | number | null>;
}

type Body = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const obj = (v: unknown): Body => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {});

/** The explanation of one entry; an erased entry explains only that it was erased. */
export function explainEntry(type: string, body: Body): Explanation {
  if (body.erased === true && Object.keys(body).length === 1) return { code: 'entry.erased', params: {} };
  const name = parseEntryTypeName(type)?.name ?? type;
  switch (name) {
    case 'event.received':
      return { code: 'event.received', params: { eventType: str(body.eventType) } };
    case 'notification.decided': {
      const template = obj(body.template);
      const params = { template: str(template.name), language: str(template.language), category: str(template.category), templateStatus: str(template.status) };
      if (body.decision === 'SEND') return { code: 'decided.send', params };
      return { code: `refused.${str(body.reason) ?? 'UNKNOWN'}`, params };
    }
    case 'message.submitted':
      return { code: 'submitted', params: { attempt: num(body.attempt), template: str(obj(body.template).name) } };
    case 'message.failed': {
      const error = obj(body.error);
      return {
        code: `failed.${str(error.kind) ?? 'unknown'}`,
        params: { attempt: num(body.attempt), errorCode: num(error.code), errorTitle: str(error.title), errorDetails: str(error.details) },
      };
    }
    case 'message.status':
      return { code: `status.${str(body.status) ?? 'unknown'}`, params: statusParams(obj(body.statusObject)) };
    case 'consent.changed': {
      const action = body.action === 'opt_out' ? 'optOut' : 'optIn';
      return { code: `consent.${action}.${consentSourceKind(str(body.source) ?? '')}`, params: { category: str(body.category) } };
    }
    case 'subject.erased':
      return { code: 'erasure.recorded', params: { erasedEntries: num(body.erasedEntries) } };
    case 'contact.number_changed':
      return { code: 'contact.numberChanged', params: {} };
    default:
      if (name.startsWith('config.')) return { code: name, params: configParams(body) };
      if (name.startsWith('template.')) return { code: name, params: { template: str(body.name), language: str(body.language) } };
      return { code: 'entry.other', params: { type } };
  }
}

/** Meta's error (code, title, details) and pricing category of a status object, when present. */
function statusParams(status: Body): Explanation['params'] {
  const error = obj(Array.isArray(status.errors) ? status.errors[0] : undefined);
  const pricing = obj(status.pricing);
  return {
    errorCode: num(error.code),
    errorTitle: str(error.title),
    errorDetails: str(obj(error.error_data).details) ?? str(error.message),
    pricingCategory: str(pricing.category),
    billable: typeof pricing.billable === 'boolean' ? String(pricing.billable) : null,
  };
}

function configParams(body: Body): Explanation['params'] {
  const actor = obj(body.actor);
  return {
    actorKind: str(actor.kind),
    actorId: str(actor.id),
    eventType: str(body.eventType),
    keyId: str(body.keyId),
    accountId: str(body.accountId),
    role: str(body.role),
    setting: str(body.setting),
  };
}
