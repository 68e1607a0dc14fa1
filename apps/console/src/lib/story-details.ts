// The facts a story step shows beside its sentence, read from the entry body as libs/ledger types
// it: the consent a decision relied on, Meta's error and pricing category of a status, a final
// failure's error, a submission's attempt and expected billing. Only non-personal fields.

export interface StepDetails {
  consent?: { action: string; seq: number | null; consentId: string };
  error?: { code: number | string | null; title: string | null; details: string | null };
  pricingCategory?: string;
  billable?: boolean | null;
  attempt?: number;
  template?: string;
  missing?: string[];
  statusReason?: string | null;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function stepDetails(type: string, body: Record<string, unknown>): StepDetails {
  const out: StepDetails = {};
  const template = obj(body.template);
  if (template && typeof template.name === 'string') out.template = `${template.name}/${String(template.language ?? '')}`;
  switch (type) {
    case 'notification.decided': {
      const consent = obj(body.consent);
      if (consent)
        out.consent = { action: String(consent.action), seq: typeof consent.seq === 'number' ? consent.seq : null, consentId: String(consent.consentId) };
      if (Array.isArray(body.missing)) out.missing = body.missing.filter((m): m is string => typeof m === 'string');
      if (template && 'statusReason' in template) out.statusReason = str(template.statusReason);
      break;
    }
    case 'message.submitted': {
      if (typeof body.attempt === 'number') out.attempt = body.attempt;
      const pricing = obj(body.pricing);
      if (pricing) out.billable = pricing.expected === 'billable';
      break;
    }
    case 'message.status': {
      const status = obj(body.statusObject) ?? {};
      const pricing = obj(status.pricing);
      if (pricing && str(pricing.category)) out.pricingCategory = str(pricing.category)!;
      const [first] = Array.isArray(status.errors) ? status.errors : [];
      const error = obj(first);
      if (error) {
        out.error = {
          code: typeof error.code === 'number' || typeof error.code === 'string' ? error.code : null,
          title: str(error.title) ?? str(error.message),
          details: str(obj(error.error_data)?.details),
        };
      }
      break;
    }
    case 'message.failed': {
      const error = obj(body.error);
      if (error) out.error = { code: typeof error.code === 'number' ? error.code : null, title: str(error.title), details: str(error.details) };
      if (typeof body.attempt === 'number') out.attempt = body.attempt;
      break;
    }
  }
  return out;
}
