import type { Binding } from '#sigillo/templates';
import { TEMPLATE_STATUSES, type Template, type TemplateCategory, type TemplateStatus } from '#sigillo/whatsapp';
import {
  chooseTemplate,
  decide,
  governingConsent,
  languageKey,
  type ConsentState,
  type ConsentView,
  type PolicyDecision,
  type PolicyEvent,
  type PolicyInput,
} from './policy.js';

function template(name: string, language: string, category: TemplateCategory = 'UTILITY', status: TemplateStatus = 'APPROVED'): Template {
  return {
    name,
    language,
    category,
    status,
    components: { body: { text: 'Ciao {{1}}, il tuo ordine è {{2}}', placeholders: [1, 2] }, buttons: [] },
  };
}

function binding(overrides: Partial<Binding> = {}): Binding {
  return {
    eventType: 'order.status_changed',
    templates: [
      { name: 'order_update', language: 'it' },
      { name: 'order_update', language: 'en' },
    ],
    variables: { 'body.1': 'firstName', 'body.2': 'newStatus' },
    ...overrides,
  };
}

function event(overrides: Partial<PolicyEvent> = {}, recipient: Partial<PolicyEvent['recipient']> = {}): PolicyEvent {
  return {
    type: 'order.status_changed',
    data: { firstName: 'Anna', newStatus: 'shipped' },
    createdByAgent: false,
    ...overrides,
    recipient: { groups: [], whatsappOptOut: false, ...recipient },
  };
}

const NO_CONSENT: ConsentView = { all: null, marketing: null, utility: null, authentication: null };

function consent(action: ConsentState['action'], seq: bigint | null, consentId = `c-${action}-${String(seq)}`): ConsentState {
  return { action, consentId, seq };
}

function catalogOf(...templates: Template[]): PolicyInput['templates'] {
  return (name, language) => templates.find((t) => t.name === name && t.language === language) ?? null;
}

const NOW = new Date('2026-12-02T12:00:00.000Z');

const CATALOG = catalogOf(template('order_update', 'it'), template('order_update', 'en'));

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return { event: event(), defaultLanguage: 'it', binding: binding(), templates: CATALOG, consent: NO_CONSENT, now: NOW, ...overrides };
}

function reasonOf(decision: PolicyDecision): string {
  return decision.decision === 'SEND' ? 'SEND' : decision.reason;
}

/** A marketing catalog, for the consent rules. */
function marketing(view: Partial<ConsentView>, status: TemplateStatus = 'APPROVED'): PolicyDecision {
  return decide(input({ templates: catalogOf(template('order_update', 'it', 'MARKETING', status)), consent: { ...NO_CONSENT, ...view } }));
}

function inCategory(category: TemplateCategory, view: Partial<ConsentView>): PolicyDecision {
  return decide(input({ templates: catalogOf(template('order_update', 'it', category)), consent: { ...NO_CONSENT, ...view } }));
}

describe('decide: SEND', () => {
  it('sends a utility template without any consent, with its parameters', () => {
    expect(decide(input())).toEqual({
      decision: 'SEND',
      template: template('order_update', 'it'),
      category: 'UTILITY',
      language: 'it',
      consent: null,
      parameters: { body: ['Anna', 'shipped'], buttons: [] },
    });
  });

  it('sends an authentication template without any consent', () => {
    expect(reasonOf(inCategory('AUTHENTICATION', {}))).toBe('SEND');
  });

  it('sends a marketing template on a marketing opt-in and names it', () => {
    const optIn = consent('opt_in', 4n);
    expect(marketing({ marketing: optIn })).toMatchObject({ decision: 'SEND', category: 'MARKETING', consent: optIn });
  });

  it('sends a marketing template on an opt-in for all', () => {
    const optIn = consent('opt_in', 4n);
    expect(marketing({ all: optIn })).toMatchObject({ decision: 'SEND', consent: optIn });
  });

  it('records the opt-in a utility send happened under, when there is one', () => {
    const optIn = consent('opt_in', 2n);
    expect(inCategory('UTILITY', { utility: optIn })).toMatchObject({ decision: 'SEND', consent: optIn });
    expect(inCategory('UTILITY', { all: optIn })).toMatchObject({ decision: 'SEND', consent: optIn });
  });

  it('sends events of other types created by an agent', () => {
    expect(reasonOf(decide(input({ event: event({ createdByAgent: true }) })))).toBe('SEND');
  });
});

describe('decide: AGENT_CART', () => {
  const cartBinding = binding({ eventType: 'cart.abandoned', variables: { 'body.1': 'firstName', 'body.2': 'cartTotal' } });
  const cart = (createdByAgent: boolean) => event({ type: 'cart.abandoned', createdByAgent, data: { firstName: 'Anna', cartTotal: '10.00' } });

  it('never notifies a cart created by an agent', () => {
    expect(decide(input({ event: cart(true), binding: cartBinding }))).toEqual({ decision: 'SKIP', reason: 'AGENT_CART' });
  });

  it('notifies a cart the user created', () => {
    expect(reasonOf(decide(input({ event: cart(false), binding: cartBinding })))).toBe('SEND');
  });

  it('is checked first, even without a binding or with an opt-out', () => {
    const optedOut = event({ type: 'cart.abandoned', createdByAgent: true }, { whatsappOptOut: true });
    expect(reasonOf(decide(input({ event: optedOut, binding: null })))).toBe('AGENT_CART');
  });
});

describe('decide: NO_BINDING', () => {
  it('skips an event type nothing is bound to', () => {
    expect(decide(input({ binding: null }))).toEqual({ decision: 'SKIP', reason: 'NO_BINDING' });
  });

  it('skips when the binding given belongs to another event type', () => {
    expect(reasonOf(decide(input({ binding: binding({ eventType: 'message.sent' }) })))).toBe('NO_BINDING');
  });
});

describe('decide: CONDITION_NOT_MET', () => {
  const withCondition = (newStatus: string[] | undefined, data: PolicyEvent['data']) =>
    decide(input({ binding: binding({ condition: { newStatus }, variables: { 'body.1': 'firstName', 'body.2': 'firstName' } }), event: event({ data }) }));

  it('skips a status the binding does not list', () => {
    expect(withCondition(['shipped', 'delivered'], { firstName: 'A', newStatus: 'paid' })).toEqual({ decision: 'SKIP', reason: 'CONDITION_NOT_MET' });
  });

  it('skips an event without newStatus when a condition is set', () => {
    expect(reasonOf(withCondition(['shipped'], { firstName: 'A' }))).toBe('CONDITION_NOT_MET');
  });

  it('sends a listed status, ignoring case and surrounding spaces', () => {
    expect(reasonOf(withCondition(['shipped', 'delivered'], { firstName: 'A', newStatus: 'delivered' }))).toBe('SEND');
    expect(reasonOf(withCondition(['Spedito'], { firstName: 'A', newStatus: ' spedito ' }))).toBe('SEND');
  });

  it('does not filter without a condition or with an empty one', () => {
    expect(reasonOf(withCondition(undefined, { firstName: 'A', newStatus: 'paid' }))).toBe('SEND');
    expect(reasonOf(withCondition([], { firstName: 'A', newStatus: 'paid' }))).toBe('SEND');
    expect(reasonOf(decide(input({ binding: binding({ condition: {} }) })))).toBe('SEND');
  });
});

describe('decide: NOT_IN_USER_GROUP', () => {
  const withGroups = (userGroups: string[] | undefined, groups: string[]) => decide(input({ binding: binding({ userGroups }), event: event({}, { groups }) }));

  it('skips a recipient in none of the binding groups', () => {
    expect(withGroups(['vip', 'b2b'], ['retail'])).toEqual({ decision: 'SKIP', reason: 'NOT_IN_USER_GROUP' });
    expect(reasonOf(withGroups(['vip'], []))).toBe('NOT_IN_USER_GROUP');
  });

  it('compares group names exactly', () => {
    expect(reasonOf(withGroups(['VIP'], ['vip']))).toBe('NOT_IN_USER_GROUP');
  });

  it('sends to a recipient in at least one group', () => {
    expect(reasonOf(withGroups(['vip', 'b2b'], ['retail', 'b2b']))).toBe('SEND');
  });

  it('does not filter when the binding names no groups', () => {
    expect(reasonOf(withGroups(undefined, []))).toBe('SEND');
    expect(reasonOf(withGroups([], ['retail']))).toBe('SEND');
  });
});

describe('decide: OPTED_OUT', () => {
  it('refuses every category when Passweb flags the customer, without naming a consent entry', () => {
    for (const category of ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const) {
      const result = decide(
        input({
          event: event({}, { whatsappOptOut: true }),
          templates: catalogOf(template('order_update', 'it', category)),
          consent: { ...NO_CONSENT, all: consent('opt_in', 9n) },
        }),
      );
      expect(result).toEqual({ decision: 'SKIP', reason: 'OPTED_OUT' });
    }
  });

  it('refuses every category after a recorded opt-out for all, naming it and the template', () => {
    const stop = consent('opt_out', 3n);
    for (const category of ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const) {
      expect(inCategory(category, { all: stop })).toEqual({
        decision: 'SKIP',
        reason: 'OPTED_OUT',
        consent: stop,
        template: { name: 'order_update', language: 'it', category, status: 'APPROVED' },
      });
    }
  });

  it('refuses only the category opted out of: a marketing STOP leaves utility going', () => {
    const stop = consent('opt_out', 5n);
    expect(marketing({ marketing: stop })).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT', consent: stop });
    expect(reasonOf(inCategory('UTILITY', { marketing: stop }))).toBe('SEND');
    expect(reasonOf(inCategory('AUTHENTICATION', { marketing: stop }))).toBe('SEND');
  });

  it('refuses utility and authentication on their own opt-outs', () => {
    expect(reasonOf(inCategory('UTILITY', { utility: consent('opt_out', 1n) }))).toBe('OPTED_OUT');
    expect(reasonOf(inCategory('AUTHENTICATION', { authentication: consent('opt_out', 1n) }))).toBe('OPTED_OUT');
    expect(reasonOf(inCategory('UTILITY', { authentication: consent('opt_out', 1n) }))).toBe('SEND');
  });
});

describe('decide: the latest consent entry wins', () => {
  it('a marketing opt-in after a general STOP allows marketing, not utility', () => {
    const view = { all: consent('opt_out', 3n), marketing: consent('opt_in', 7n) };
    expect(reasonOf(marketing(view))).toBe('SEND');
    expect(reasonOf(inCategory('UTILITY', view))).toBe('OPTED_OUT');
  });

  it('a general STOP after a marketing opt-in refuses marketing', () => {
    const stop = consent('opt_out', 9n);
    expect(marketing({ all: stop, marketing: consent('opt_in', 7n) })).toMatchObject({ reason: 'OPTED_OUT', consent: stop });
  });

  it('a general opt-in after a marketing STOP allows marketing', () => {
    expect(reasonOf(marketing({ all: consent('opt_in', 9n), marketing: consent('opt_out', 7n) }))).toBe('SEND');
  });

  it('a marketing STOP after a general opt-in refuses marketing', () => {
    expect(reasonOf(marketing({ all: consent('opt_in', 7n), marketing: consent('opt_out', 9n) }))).toBe('OPTED_OUT');
  });

  it('an entry not yet sequenced is newer than every sequenced one', () => {
    expect(reasonOf(marketing({ all: consent('opt_out', 100n), marketing: consent('opt_in', null) }))).toBe('SEND');
    expect(reasonOf(marketing({ all: consent('opt_out', null), marketing: consent('opt_in', 100n) }))).toBe('OPTED_OUT');
  });

  it('when the order cannot be told, the opt-out wins', () => {
    expect(reasonOf(marketing({ all: consent('opt_in', null), marketing: consent('opt_out', null) }))).toBe('OPTED_OUT');
    expect(reasonOf(marketing({ all: consent('opt_out', null), marketing: consent('opt_in', null) }))).toBe('OPTED_OUT');
    expect(reasonOf(marketing({ all: consent('opt_out', 4n), marketing: consent('opt_in', 4n) }))).toBe('OPTED_OUT');
  });

  it('compares sequence numbers as big integers', () => {
    const big = 2n ** 64n;
    expect(reasonOf(marketing({ all: consent('opt_out', big), marketing: consent('opt_in', big + 1n) }))).toBe('SEND');
  });
});

describe('decide: NO_MARKETING_CONSENT', () => {
  it('refuses marketing with nothing recorded', () => {
    expect(marketing({})).toEqual({
      decision: 'SKIP',
      reason: 'NO_MARKETING_CONSENT',
      template: { name: 'order_update', language: 'it', category: 'MARKETING', status: 'APPROVED' },
    });
  });

  it('does not count opt-ins of other categories', () => {
    expect(reasonOf(marketing({ utility: consent('opt_in', 1n), authentication: consent('opt_in', 2n) }))).toBe('NO_MARKETING_CONSENT');
  });
});

describe('decide: TEMPLATE_NOT_APPROVED', () => {
  it('refuses a template missing from the catalog, naming what was looked for', () => {
    expect(decide(input({ templates: catalogOf() }))).toEqual({
      decision: 'SKIP',
      reason: 'TEMPLATE_NOT_APPROVED',
      template: { name: 'order_update', language: 'it', category: null, status: null },
    });
  });

  it.each(TEMPLATE_STATUSES.filter((s) => s !== 'APPROVED'))('refuses a %s template', (status) => {
    const result = decide(input({ templates: catalogOf(template('order_update', 'it', 'UTILITY', status)) }));
    expect(result).toEqual({
      decision: 'SKIP',
      reason: 'TEMPLATE_NOT_APPROVED',
      template: { name: 'order_update', language: 'it', category: 'UTILITY', status },
    });
  });

  it('does not fall back to another language when the chosen template is not approved', () => {
    const templates = catalogOf(template('order_update', 'it', 'UTILITY', 'PAUSED'), template('order_update', 'en'));
    expect(reasonOf(decide(input({ templates })))).toBe('TEMPLATE_NOT_APPROVED');
  });
});

describe('decide: language', () => {
  const tri = binding({
    templates: [
      { name: 'order_update', language: 'it' },
      { name: 'order_update_en', language: 'en' },
      { name: 'order_update_pt', language: 'pt_BR' },
    ],
  });
  const templates = catalogOf(template('order_update', 'it'), template('order_update_en', 'en'), template('order_update_pt', 'pt_BR'));
  const languageFor = (language: string | undefined, defaultLanguage = 'it') => {
    const result = decide(input({ binding: tri, templates, defaultLanguage, event: event({}, { language }) }));
    return result.decision === 'SEND' ? result.language : result.reason;
  };

  it.each([
    ['it', 'it'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en_US', 'en'],
    ['en-GB', 'en'],
    ['pt_BR', 'pt_BR'],
    ['pt-br', 'pt_BR'],
    ['pt', 'pt_BR'],
    ['pt_PT', 'pt_BR'],
    ['de', 'it'],
    [undefined, 'it'],
    ['', 'it'],
  ])('recipient %j gets %s', (language, expected) => {
    expect(languageFor(language)).toBe(expected);
  });

  it('falls back to the tenant default, matched the same way', () => {
    expect(languageFor('de', 'en_US')).toBe('en');
    expect(languageFor(undefined, 'pt')).toBe('pt_BR');
  });

  it('skips when neither the recipient language nor the default has a template', () => {
    expect(decide(input({ binding: tri, templates, defaultLanguage: 'fr', event: event({}, { language: 'de' }) }))).toEqual({
      decision: 'SKIP',
      reason: 'NO_TEMPLATE_FOR_LANGUAGE',
    });
  });

  it('sends in the language of the template, as the catalog spells it', () => {
    const result = decide(input({ binding: tri, templates, event: event({}, { language: 'pt-br' }) }));
    expect(result).toMatchObject({ decision: 'SEND', language: 'pt_BR', template: { name: 'order_update_pt' } });
  });
});

describe('decide: MISSING_VARIABLE', () => {
  it('lists the placeholders without a value', () => {
    expect(decide(input({ event: event({ data: {} }) }))).toEqual({
      decision: 'SKIP',
      reason: 'MISSING_VARIABLE',
      template: { name: 'order_update', language: 'it', category: 'UTILITY', status: 'APPROVED' },
      missing: ['body.1:firstName', 'body.2:newStatus'],
    });
  });

  it('lists a placeholder the binding leaves unmapped', () => {
    const result = decide(input({ binding: binding({ variables: { 'body.1': 'firstName' } }) }));
    expect(result).toMatchObject({ reason: 'MISSING_VARIABLE', missing: ['body.2'] });
  });
});

describe('decide: BSUID_NOT_ALLOWED', () => {
  const otp = catalogOf(template('order_update', 'it', 'AUTHENTICATION'));
  const toUser = event({}, { phone: 'IT.1502576394655843' });

  it('refuses an authentication template to a business-scoped user id (Meta answers 131062)', () => {
    expect(decide(input({ event: toUser, templates: otp }))).toEqual({
      decision: 'SKIP',
      reason: 'BSUID_NOT_ALLOWED',
      template: { name: 'order_update', language: 'it', category: 'AUTHENTICATION', status: 'APPROVED' },
    });
  });

  it('sends it to a number, and any other category to a BSUID', () => {
    expect(reasonOf(decide(input({ templates: otp })))).toBe('SEND');
    expect(reasonOf(decide(input({ event: toUser })))).toBe('SEND');
  });

  it('comes after consent and the template status, before a missing variable', () => {
    expect(reasonOf(decide(input({ event: toUser, templates: otp, consent: { ...NO_CONSENT, authentication: consent('opt_out', 1n) } })))).toBe('OPTED_OUT');
    expect(reasonOf(decide(input({ event: toUser, templates: catalogOf(template('order_update', 'it', 'AUTHENTICATION', 'PAUSED')) })))).toBe(
      'TEMPLATE_NOT_APPROVED',
    );
    expect(reasonOf(decide(input({ event: event({ data: {} }, { phone: 'IT.1502576394655843' }), templates: otp })))).toBe('BSUID_NOT_ALLOWED');
  });
});

describe('decide: which reason wins when several apply', () => {
  // Each case breaks the named check and every check after it; the named one must be reported.
  const wrongBinding = binding({ eventType: 'cart.abandoned', condition: { newStatus: ['shipped'] }, userGroups: ['vip'] });
  const everythingWrong = (): PolicyInput => ({
    event: event({ type: 'cart.abandoned', createdByAgent: true, data: {} }, { groups: ['retail'], whatsappOptOut: true, language: 'de' }),
    defaultLanguage: 'fr',
    now: NOW,
    binding: wrongBinding,
    templates: catalogOf(template('order_update', 'it', 'MARKETING', 'PAUSED')),
    consent: { ...NO_CONSENT, marketing: consent('opt_out', 1n) },
  });

  const steps: [string, (i: PolicyInput) => PolicyInput][] = [
    ['AGENT_CART', (i) => i],
    ['NO_BINDING', (i) => ({ ...i, event: { ...i.event, createdByAgent: false }, binding: null })],
    ['CONDITION_NOT_MET', (i) => ({ ...i, binding: wrongBinding })],
    ['NOT_IN_USER_GROUP', (i) => ({ ...i, binding: { ...i.binding!, condition: undefined } })],
    ['OPTED_OUT', (i) => ({ ...i, binding: { ...i.binding!, userGroups: undefined } })],
    ['NO_TEMPLATE_FOR_LANGUAGE', (i) => ({ ...i, event: { ...i.event, recipient: { ...i.event.recipient, whatsappOptOut: false } } })],
    ['TEMPLATE_NOT_APPROVED', (i) => ({ ...i, defaultLanguage: 'it', templates: catalogOf() })],
    ['OPTED_OUT', (i) => ({ ...i, templates: catalogOf(template('order_update', 'it', 'MARKETING', 'PAUSED')) })],
    ['NO_MARKETING_CONSENT', (i) => ({ ...i, consent: NO_CONSENT })],
    ['TEMPLATE_NOT_APPROVED', (i) => ({ ...i, consent: { ...NO_CONSENT, marketing: consent('opt_in', 2n) } })],
    ['MISSING_VARIABLE', (i) => ({ ...i, templates: catalogOf(template('order_update', 'it', 'MARKETING')) })],
    ['SEND', (i) => ({ ...i, event: { ...i.event, data: { firstName: 'Anna', newStatus: 'x' } } })],
  ];

  it.each(steps.map(([reason], n) => [n, reason] as const))('step %i: %s', (n, reason) => {
    const fixed = steps.slice(0, n + 1).reduce((i, [, fix]) => fix(i), everythingWrong());
    expect(reasonOf(decide(fixed))).toBe(reason);
  });

  it('judges consent before the template status: a paused marketing template without opt-in is NO_MARKETING_CONSENT', () => {
    expect(reasonOf(marketing({}, 'PAUSED'))).toBe('NO_MARKETING_CONSENT');
    expect(reasonOf(marketing({ marketing: consent('opt_out', 1n) }, 'DISABLED'))).toBe('OPTED_OUT');
    expect(reasonOf(marketing({ marketing: consent('opt_in', 1n) }, 'DISABLED'))).toBe('TEMPLATE_NOT_APPROVED');
  });

  it('a template missing from the catalog wins over a recorded opt-out: without it there is no category', () => {
    expect(reasonOf(decide(input({ templates: catalogOf(), consent: { ...NO_CONSENT, all: consent('opt_out', 1n) } })))).toBe('TEMPLATE_NOT_APPROVED');
  });

  it('Passweb opt-out wins over a missing language or template', () => {
    expect(reasonOf(decide(input({ defaultLanguage: 'fr', event: event({}, { whatsappOptOut: true, language: 'de' }) })))).toBe('OPTED_OUT');
    expect(reasonOf(decide(input({ templates: catalogOf(), event: event({}, { whatsappOptOut: true }) })))).toBe('OPTED_OUT');
  });
});

describe('chooseTemplate', () => {
  const entries = [
    { name: 'a', language: 'en_GB' },
    { name: 'b', language: 'en' },
    { name: 'c', language: 'it' },
  ];

  it('prefers an exact match over the primary subtag', () => {
    expect(chooseTemplate(entries, 'en_GB', 'it')).toEqual({ name: 'a', language: 'en_GB' });
    expect(chooseTemplate(entries, 'en_US', 'it')).toEqual({ name: 'b', language: 'en' });
    expect(chooseTemplate(entries, 'en', 'it')).toEqual({ name: 'b', language: 'en' });
  });

  it('takes the first template of the same primary language, in binding order', () => {
    expect(
      chooseTemplate(
        [
          { name: 'x', language: 'en_GB' },
          { name: 'y', language: 'en_US' },
        ],
        'en_AU',
        'it',
      ),
    ).toEqual({ name: 'x', language: 'en_GB' });
  });

  it('returns null when nothing matches', () => {
    expect(chooseTemplate([], 'it', 'it')).toBeNull();
    expect(chooseTemplate(entries, 'de', 'fr')).toBeNull();
  });
});

describe('governingConsent and languageKey', () => {
  it('returns the later entry of all and the category, or null', () => {
    expect(governingConsent(NO_CONSENT, 'MARKETING')).toBeNull();
    const a = consent('opt_in', 1n);
    expect(governingConsent({ ...NO_CONSENT, all: a }, 'UTILITY')).toBe(a);
    const u = consent('opt_out', 2n);
    expect(governingConsent({ ...NO_CONSENT, all: a, utility: u }, 'UTILITY')).toBe(u);
    expect(governingConsent({ ...NO_CONSENT, all: a, utility: u }, 'MARKETING')).toBe(a);
  });

  it('normalises case and separators', () => {
    expect(languageKey(' en-US ')).toBe('en_us');
  });
});

// Issue 15: Meta recategorises and pauses templates after approval (template_category_update,
// message_template_status_update); decisions judge the template as it is at decision time.
describe('decide: a template Meta recategorised or paused', () => {
  const optIn = consent('opt_in', 3n);
  const recategorised = (pendingAt: string, view: Partial<ConsentView> = {}) =>
    decide(
      input({
        templates: catalogOf({ ...template('order_update', 'it', 'UTILITY'), pendingCategory: { category: 'MARKETING', at: new Date(pendingAt) } }),
        consent: { ...NO_CONSENT, ...view },
      }),
    );

  it('a UTILITY template recategorised to MARKETING needs a marketing opt-in from the time Meta gave, naming MARKETING', () => {
    expect(recategorised('2026-12-02T11:59:59.999Z')).toEqual({
      decision: 'SKIP',
      reason: 'NO_MARKETING_CONSENT',
      template: { name: 'order_update', language: 'it', category: 'MARKETING', status: 'APPROVED' },
    });
    expect(recategorised('2026-12-02T12:00:00.000Z')).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' });
    expect(recategorised('2026-12-02T11:00:00.000Z', { marketing: optIn })).toMatchObject({ decision: 'SEND', category: 'MARKETING', consent: optIn });
  });

  it('before the announced time the category in force is still UTILITY', () => {
    expect(recategorised('2026-12-02T12:00:00.001Z')).toMatchObject({ decision: 'SEND', category: 'UTILITY', template: { category: 'UTILITY' } });
  });

  it('a completed recategorisation (the catalog category itself) refuses the same way', () => {
    expect(inCategory('MARKETING', {})).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT', template: { category: 'MARKETING' } });
  });

  it('an opt-out of utility stops counting once the template is MARKETING: the marketing record decides', () => {
    expect(recategorised('2026-12-02T11:00:00.000Z', { utility: consent('opt_out', 5n), marketing: optIn })).toMatchObject({
      decision: 'SEND',
      category: 'MARKETING',
    });
    expect(recategorised('2026-12-02T13:00:00.000Z', { utility: consent('opt_out', 5n), marketing: optIn })).toMatchObject({
      decision: 'SKIP',
      reason: 'OPTED_OUT',
    });
  });

  it('a paused template refuses TEMPLATE_NOT_APPROVED naming the pause, until it is approved again', () => {
    const paused = { ...template('order_update', 'it', 'UTILITY', 'PAUSED'), statusReason: 'FIRST_PAUSE' };
    expect(decide(input({ templates: catalogOf(paused) }))).toEqual({
      decision: 'SKIP',
      reason: 'TEMPLATE_NOT_APPROVED',
      template: { name: 'order_update', language: 'it', category: 'UTILITY', status: 'PAUSED', statusReason: 'FIRST_PAUSE' },
    });
    const unpaused = { ...template('order_update', 'it', 'UTILITY', 'APPROVED'), statusReason: null };
    expect(reasonOf(decide(input({ templates: catalogOf(unpaused) })))).toBe('SEND');
  });

  it('a paused MARKETING template without opt-in is still NO_MARKETING_CONSENT (consent first), with the pause named', () => {
    const paused = { ...template('order_update', 'it', 'MARKETING', 'PAUSED'), statusReason: 'RATE_LIMITING_PAUSE' };
    expect(decide(input({ templates: catalogOf(paused) }))).toMatchObject({
      reason: 'NO_MARKETING_CONSENT',
      template: { status: 'PAUSED', statusReason: 'RATE_LIMITING_PAUSE' },
    });
  });
});
