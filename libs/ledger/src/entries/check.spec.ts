import { LEDGER_ENTRY_TYPES } from '../entry.js';
import { checkEntry, checkEntryBody, describeProblems, entryFacts } from './check.js';
import { entryTypeName, parseEntryTypeName } from './definition.js';
import { ENTRY_DEFINITIONS, definitionOf } from './registry.js';

const at = '2026-07-01T09:30:00.000Z';
const entryOf = (type: string, body: unknown, extra: object = {}) => ({ seq: 7, type, occurredAt: at, recordedAt: at, body, ...extra });
const example = (name: string) => structuredClone(definitionOf(name)!.example) as Record<string, any>;

describe('checkEntry', () => {
  it.each(ENTRY_DEFINITIONS.map((d) => [entryTypeName(d.name, d.version), d] as const))('accepts the example of %s', (type, def) => {
    expect(checkEntry(entryOf(type, def.example))).toEqual([]);
  });

  it('names every wrong field of the envelope, never its value', () => {
    const found = checkEntry({ seq: -1, type: 'message.status', occurredAt: '2026-07-01', recordedAt: 5, body: example('message.status'), extra: true });
    expect(found).toEqual([
      { field: '/extra', problem: 'is not a field of an entry' },
      { field: '/seq', problem: 'must be >= 0' },
      { field: '/occurredAt', problem: 'must be a UTC date-time with milliseconds (Date.toISOString)' },
      { field: '/recordedAt', problem: 'must be string' },
    ]);
    expect(JSON.stringify(found)).not.toContain('2026-07-01"');
  });

  it('rejects what is not an entry', () => {
    expect(checkEntry(null)).toEqual([{ field: '', problem: 'must be object' }]);
    expect(checkEntry(entryOf('message.status', []))).toEqual([{ field: '/body', problem: 'must be object' }]);
    expect(checkEntry(entryOf('message.sent', {}))).toEqual([{ field: '/type', problem: '"message.sent" is not an entry type of this log' }]);
    expect(checkEntry(entryOf('message.status/v2', {}))[0].field).toBe('/type');
  });

  it('reports a wrong body field whatever else is wrong', () => {
    const body = { ...example('message.submitted'), wamid: 42 };
    expect(checkEntry(entryOf('message.submitted', body, { recordedAt: 'yesterday' }))).toEqual([
      { field: '/recordedAt', problem: 'must be a UTC date-time with milliseconds (Date.toISOString)' },
      { field: '/body/wamid', problem: 'must be string' },
    ]);
  });
});

describe('checkEntryBody: each field of each type', () => {
  const wrong = (name: string, mutate: (b: Record<string, any>) => void) => {
    const b = example(name);
    mutate(b);
    return checkEntryBody(name, b);
  };

  it('event.received', () => {
    expect(wrong('event.received', (b) => (b.tenantId = 'TENANT'))).toEqual([{ field: '/body/tenantId', problem: 'must be a UUID (lower case)' }]);
    expect(wrong('event.received', (b) => (b.eventId = ''))).toEqual([{ field: '/body/eventId', problem: 'must not be empty' }]);
    expect(wrong('event.received', (b) => (b.recipient.phone = '3331234567'))).toEqual([
      { field: '/body/recipient/phone', problem: 'must be an E.164 phone number' },
    ]);
    expect(wrong('event.received', (b) => (b.recipient.groups = 'retail'))).toEqual([{ field: '/body/recipient/groups', problem: 'must be array' }]);
    expect(wrong('event.received', (b) => (b.data.firstName = { x: 1 }))).toEqual([{ field: '/body/data/firstName', problem: 'must be string or number' }]);
    expect(wrong('event.received', (b) => delete b.createdByAgent)).toEqual([{ field: '/body/createdByAgent', problem: 'is required' }]);
    expect(wrong('event.received', (b) => (b.occurredAt = 'now'))).toEqual([
      { field: '/body/occurredAt', problem: 'must be a UTC date-time with milliseconds (Date.toISOString)' },
    ]);
    // name and language are optional: Passweb may leave them out.
    expect(wrong('event.received', (b) => (delete b.recipient.name, delete b.recipient.language))).toEqual([]);
  });

  it('notification.decided: SKIP needs a reason, SEND has none', () => {
    expect(wrong('notification.decided', (b) => delete b.reason)).toEqual([{ field: '/body/reason', problem: 'is required' }]);
    expect(wrong('notification.decided', (b) => (b.decision = 'SEND'))).toEqual([{ field: '/body/reason', problem: 'must be absent here' }]);
    expect(wrong('notification.decided', (b) => ((b.decision = 'SEND'), delete b.reason))).toEqual([]);
    expect(wrong('notification.decided', (b) => (b.reason = 'BECAUSE'))[0]).toEqual({
      field: '/body/reason',
      problem: expect.stringMatching(/^must be one of "AGENT_CART", /),
    });
    expect(wrong('notification.decided', (b) => ((b.template.category = null), (b.template.status = null)))).toEqual([]);
    expect(wrong('notification.decided', (b) => (b.consent = { consentId: b.notificationId, action: 'opt_out', seq: '12' }))).toEqual([
      { field: '/body/consent/seq', problem: 'must be integer or null' },
    ]);
    expect(wrong('notification.decided', (b) => ((b.reason = 'MISSING_VARIABLE'), (b.missing = ['body.1'])))).toEqual([]);
  });

  it('message.submitted: old entries without pricing, issue 13 marks', () => {
    expect(wrong('message.submitted', (b) => delete b.pricing)).toEqual([]);
    expect(wrong('message.submitted', (b) => Object.assign(b, { reconciled: true, late: true, unresolvedAttempts: [1, 2] }))).toEqual([]);
    expect(wrong('message.submitted', (b) => (b.reconciled = false))).toEqual([{ field: '/body/reconciled', problem: 'must be true' }]);
    expect(wrong('message.submitted', (b) => (b.unresolvedAttempts = [0]))).toEqual([{ field: '/body/unresolvedAttempts/0', problem: 'must be >= 1' }]);
    expect(wrong('message.submitted', (b) => (b.wamid = 42))).toEqual([{ field: '/body/wamid', problem: 'must be string' }]);
    expect(wrong('message.submitted', (b) => (b.pricing.expected = 'maybe'))).toEqual([
      { field: '/body/pricing/expected', problem: 'must be one of "free", "billable"' },
    ]);
    expect(wrong('message.submitted', (b) => (b.attempt = 1.5))).toEqual([{ field: '/body/attempt', problem: 'must be integer' }]);
    expect(wrong('message.submitted', (b) => (b.text = 'hello'))).toEqual([{ field: '/body/text', problem: 'is not a field of message.submitted' }]);
  });

  it('message.failed', () => {
    expect(wrong('message.failed', (b) => (b.error = { kind: 'permanent', title: 'tenant no longer exists' }))).toEqual([]);
    expect(wrong('message.failed', (b) => (b.error.kind = 'fatal'))).toEqual([
      { field: '/body/error/kind', problem: 'must be one of "transient", "permanent", "auth"' },
    ]);
    expect(wrong('message.failed', (b) => (b.error.code = '131026'))).toEqual([{ field: '/body/error/code', problem: 'must be integer or null' }]);
    expect(wrong('message.failed', (b) => (b.unresolvedAttempts = [1]))).toEqual([]);
    expect(wrong('message.failed', (b) => delete b.error)).toEqual([{ field: '/body/error', problem: 'is required' }]);
  });

  it('message.status', () => {
    expect(wrong('message.status', (b) => (b.status = 'deleted'))).toEqual([
      { field: '/body/status', problem: 'must be one of "sent", "delivered", "read", "failed"' },
    ]);
    expect(wrong('message.status', (b) => (b.statusObject = 'raw'))).toEqual([{ field: '/body/statusObject', problem: 'must be object' }]);
    expect(wrong('message.status', (b) => (b.notificationId = null))).toEqual([{ field: '/body/notificationId', problem: 'must be string' }]);
  });

  it('consent.changed', () => {
    expect(wrong('consent.changed', (b) => (delete b.clientId, delete b.userId))).toEqual([]);
    expect(wrong('consent.changed', (b) => (b.category = 'sms'))).toEqual([
      { field: '/body/category', problem: 'must be one of "marketing", "utility", "authentication", "all"' },
    ]);
    expect(wrong('consent.changed', (b) => (b.action = 'yes'))).toEqual([{ field: '/body/action', problem: 'must be one of "opt_in", "opt_out"' }]);
    expect(wrong('consent.changed', (b) => (b.evidence = null))).toEqual([{ field: '/body/evidence', problem: 'must be object' }]);
  });

  it('template.status_changed', () => {
    expect(wrong('template.status_changed', (b) => ((b.templateId = null), (b.reason = null), (b.status = null)))).toEqual([]);
    expect(wrong('template.status_changed', (b) => (b.status = 'GONE'))[0].field).toBe('/body/status');
    expect(wrong('template.status_changed', (b) => delete b.reason)).toEqual([{ field: '/body/reason', problem: 'is required' }]);
  });

  it('subject.erased', () => {
    expect(wrong('subject.erased', (b) => (delete b.firstSeq, delete b.lastSeq, (b.erasedEntries = 0)))).toEqual([]);
    expect(wrong('subject.erased', (b) => delete b.lastSeq)).toEqual([{ field: '/body/lastSeq', problem: 'is required with firstSeq' }]);
    expect(wrong('subject.erased', (b) => (b.subject = '+393331234567'))).toEqual([{ field: '/body/subject', problem: 'must be 64 lower-case hex digits' }]);
    expect(wrong('subject.erased', (b) => (b.redacted.events = -1))).toEqual([{ field: '/body/redacted/events', problem: 'must be >= 0' }]);
  });

  it('describes problems on one line', () => {
    expect(
      describeProblems([
        { field: '/body/wamid', problem: 'must be string' },
        { field: '/body/to', problem: 'is required' },
      ]),
    ).toBe('/body/wamid must be string; /body/to is required');
  });
});

describe('entry type names', () => {
  it('version 1 keeps the bare name, later versions say theirs', () => {
    expect(entryTypeName('message.status', 1)).toBe('message.status');
    expect(entryTypeName('message.status', 2)).toBe('message.status/v2');
    expect(parseEntryTypeName('message.status')).toEqual({ name: 'message.status', version: 1 });
    expect(parseEntryTypeName('template.status_changed/v12')).toEqual({ name: 'template.status_changed', version: 12 });
    expect(parseEntryTypeName('message.status/v1')).toBeNull();
    expect(parseEntryTypeName('status')).toBeNull();
  });

  it('every definition is registered once, under the name it is written with', () => {
    const names = ENTRY_DEFINITIONS.map((d) => entryTypeName(d.name, d.version));
    expect(new Set(names).size).toBe(names.length);
    for (const d of ENTRY_DEFINITIONS) expect(parseEntryTypeName(entryTypeName(d.name, d.version))).toEqual({ name: d.name, version: d.version });
  });
});

describe('entryFacts', () => {
  it.each(ENTRY_DEFINITIONS.map((d) => [d.name, d] as const))('names facts of %s without personal data', (_name, def) => {
    const facts = entryFacts(entryOf(entryTypeName(def.name, def.version), def.example));
    expect(facts.length).toBeGreaterThan(0);
    for (const personal of ['+393331234567', '393331234567', 'Maria', 'u-77', 'checkout-55120']) expect(facts.join(' ')).not.toContain(personal);
  });

  it('gives the facts a timeline shows, and none for an entry that breaks its schema', () => {
    expect(entryFacts(entryOf('notification.decided', example('notification.decided')))).toEqual(['SKIP NO_MARKETING_CONSENT', 'cart_reminder/it']);
    expect(entryFacts(entryOf('message.failed', example('message.failed')))).toEqual(['order_shipped/it', 'error 131026']);
    expect(entryFacts(entryOf('message.submitted', { ...example('message.submitted'), late: true, reconciled: true }))).toEqual([
      'order_shipped/it',
      'late',
      example('message.submitted').wamid,
    ]);
    expect(entryFacts(entryOf('message.status', { ...example('message.status'), status: 7 }))).toEqual([]);
    expect(entryFacts(null)).toEqual([]);
  });
});

describe('versions 1 and 2 of the types that name a person', () => {
  const BSUID = 'IT.1502576394655843';
  // Bodies exactly as Sigillo wrote them before version 2 existed: they keep verifying, as version 1.
  const v1Fixtures: [string, Record<string, any>][] = [
    [
      'event.received',
      {
        tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
        eventId: 'ord-7',
        eventType: 'order.status_changed',
        occurredAt: at,
        recipient: { userId: 'u-1', phone: '+393331234567', groups: [], whatsappOptOut: false },
        data: { firstName: 'Ada' },
        createdByAgent: false,
      },
    ],
    [
      'message.submitted',
      {
        tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
        notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
        eventId: 'ord-7',
        to: '+393331234567',
        template: { name: 'order_shipped', language: 'it', category: 'UTILITY' },
        wamid: 'wamid.X',
        attempt: 1,
      },
    ],
    [
      'message.failed',
      {
        tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
        notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
        eventId: 'ord-7',
        to: '+393331234567',
        template: { name: 'order_shipped', language: 'it', category: null },
        attempt: 2,
        error: { kind: 'transient', title: 'gave up' },
      },
    ],
    [
      'consent.changed',
      {
        tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
        consentId: '9f1e0c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
        phone: '+393331234567',
        category: 'marketing',
        action: 'opt_out',
        source: 'whatsapp-keyword',
        evidence: { keyword: 'STOP' },
        occurredAt: at,
      },
    ],
  ];
  const phoneOf: Record<string, string> = {
    'event.received': '/recipient/phone',
    'message.submitted': '/to',
    'message.failed': '/to',
    'consent.changed': '/phone',
  };
  const setAt = (b: Record<string, any>, pointer: string, v: string) => {
    const path = pointer.split('/').slice(1);
    path.slice(0, -1).reduce((o, k) => o[k], b)[path[path.length - 1]] = v;
    return b;
  };

  it.each(v1Fixtures)('a version 1 %s written before version 2 still verifies, as version 1 and under version 2', (type, body) => {
    expect(checkEntry(entryOf(type, body))).toEqual([]);
    expect(checkEntry(entryOf(`${type}/v2`, body))).toEqual([]);
  });

  it.each(v1Fixtures)('version 1 of %s names a number only; version 2 also takes a business-scoped user id', (type, body) => {
    const withBsuid = setAt(structuredClone(body), phoneOf[type], BSUID);
    expect(checkEntry(entryOf(type, withBsuid))).toEqual([{ field: `/body${phoneOf[type]}`, problem: 'must be an E.164 phone number' }]);
    expect(checkEntry(entryOf(`${type}/v2`, withBsuid))).toEqual([]);
    const garbage = setAt(structuredClone(body), phoneOf[type], 'it.123');
    expect(checkEntry(entryOf(`${type}/v2`, garbage))).toEqual([
      { field: `/body${phoneOf[type]}`, problem: 'must be an E.164 phone number or a business-scoped user id' },
    ]);
  });

  it('version 2 has the same fields and facts as version 1', () => {
    for (const [type, body] of v1Fixtures) {
      expect(definitionOf(`${type}/v2`)!.personal).toEqual(definitionOf(type)!.personal);
      expect(entryFacts(entryOf(`${type}/v2`, body))).toEqual(entryFacts(entryOf(type, body)));
    }
  });
});

describe('contact.number_changed', () => {
  it('names what moved, and only the new identifier is personal', () => {
    const def = definitionOf('contact.number_changed')!;
    expect(def.personal).toEqual(['/to']);
    expect(entryFacts(entryOf('contact.number_changed', example('contact.number_changed')))).toEqual(['user_changed_number', '1 consent(s)', 'window carried']);
    expect(
      checkEntryBody('contact.number_changed', {
        ...example('contact.number_changed'),
        consents: [],
        windowOpenUntil: null,
        to: 'IT.1502576394655843',
        systemType: 'user_changed_user_id',
      }),
    ).toEqual([]);
    expect(checkEntryBody('contact.number_changed', { ...example('contact.number_changed'), from: '+393331234567' })).toEqual([
      { field: '/body/from', problem: 'is not a field of contact.number_changed' },
    ]);
    expect(checkEntryBody('contact.number_changed', { ...example('contact.number_changed'), to: '3339876543' })).toEqual([
      { field: '/body/to', problem: 'must be an E.164 phone number or a business-scoped user id' },
    ]);
    expect(
      checkEntryBody('contact.number_changed', {
        ...example('contact.number_changed'),
        consents: [{ category: 'marketing', action: 'opt_in', carriedConsentId: 'x', consentId: '2a7c1e90-5d3b-4f6a-9c8e-1b0d2f3e4a5c' }],
      }),
    ).toEqual([{ field: '/body/consents/0/carriedConsentId', problem: 'must be a UUID (lower case)' }]);
  });
});

describe('the registry', () => {
  it('defines every type the log writes (LEDGER_ENTRY_TYPES), and no other', () => {
    expect(ENTRY_DEFINITIONS.map((d) => entryTypeName(d.name, d.version))).toEqual([...LEDGER_ENTRY_TYPES]);
  });
});
