// A generated, deterministic corpus of bad requests against every endpoint of the api (issue 6 §2).
// Every case must be refused with a 4xx that names the problem and writes nothing.
import { seededRandom } from './seeded-random.js';

/** Which key a case sends: the tenant's (passweb/admin/auditor), a deployment-wide one, none or junk. */
export type KeyRef = 'passweb' | 'admin' | 'auditor' | 'deploy-auditor' | 'deploy-admin' | 'none' | { raw: string };

export interface BadCase {
  family: string;
  name: string;
  method: string;
  /** Path with query; `{tenantId}` is replaced by the test tenant's id. */
  path: string;
  key: KeyRef;
  /** Raw bytes or text sent as is; objects are JSON-encoded. */
  body?: unknown;
  /** Content type; undefined: application/json when there is a body; null: none at all. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Values that must never come back in a response (phones, names). */
  personal?: string[];
  /** Set by the test for webhook cases: sign `body` with this secret (or the app secret when true). */
  sign?: { secret?: string; over?: string | Buffer; mangle?: (sig: string) => string };
}

export const PERSON_PHONE = '+393331234567';
export const PERSON_NAME = 'Giulia Rossi';
const PERSONAL = [PERSON_PHONE, '393331234567', PERSON_NAME, 'Giulia', 'Rossi'];

export const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE events; --",
  "Robert'); DROP TABLE consents;--",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "' UNION SELECT body FROM ledger_entries --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'nul\u0000byte',
];

export const BAD_PHONES = [
  '',
  ' ',
  'abc',
  '+',
  '+0',
  '+1',
  '123',
  '+39',
  '+3933',
  '+393331234567890123',
  '++393331234567',
  '+39333abc4567',
  '+999123456789',
  '+39\u0000333',
  '+39333123456\n7',
  '０３３３１２３４５６７',
  '+39'.padEnd(400, '9'),
  // Near misses of a business-scoped user id, which is taken wherever a phone number is.
  'it.1502576394655843',
  'IT.',
  'IT.15025-76394',
  'ITA.1502576394655843',
  'IT.ENT.',
];

export const UNKNOWN_TYPES = [
  'order.created',
  'ORDER.STATUS_CHANGED',
  'order',
  'order.status_changed ',
  ' message.sent',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'message.sent\u0000',
  'x'.repeat(300),
  'message.sent.extra',
];

let serial = 0;

function validEvent(): Record<string, any> {
  return {
    id: `evt-bad-input-${++serial}`,
    type: 'message.sent',
    occurredAt: '2026-11-21T10:00:00Z',
    recipient: { userId: 'u-bad-1', phone: PERSON_PHONE, name: PERSON_NAME, language: 'it', groups: ['clienti'], whatsappOptOut: false },
    data: { firstName: 'Giulia', lastName: 'Rossi', messageSubject: 'Preventivo', messageText: 'Ecco', siteUrl: 'https://shop.example/a' },
    createdByAgent: false,
  };
}

function validConsent(): Record<string, any> {
  return {
    id: `consent-bad-input-${++serial}`,
    phone: PERSON_PHONE,
    category: 'marketing',
    action: 'opt_in',
    source: 'passweb-checkout',
    evidence: { form: 'checkout', textVersion: 'privacy-2026-03' },
    occurredAt: '2026-11-21T09:58:12Z',
  };
}

function validBinding(): Record<string, any> {
  return {
    templates: [{ name: 'reserved_area_message_sent', language: 'it' }],
    variables: { 'body.1': 'firstName', 'body.2': 'messageSubject' },
    condition: { newStatus: ['Spedito'] },
    userGroups: ['clienti'],
  };
}

const EVENT_FIELDS: Record<string, 'string' | 'object' | 'array' | 'boolean' | 'data'> = {
  id: 'string',
  type: 'string',
  occurredAt: 'string',
  recipient: 'object',
  'recipient.userId': 'string',
  'recipient.phone': 'string',
  'recipient.name': 'string',
  'recipient.language': 'string',
  'recipient.groups': 'array',
  'recipient.groups.0': 'string',
  'recipient.whatsappOptOut': 'boolean',
  data: 'object',
  'data.firstName': 'data',
  'data.messageSubject': 'data',
  createdByAgent: 'boolean',
};
const CONSENT_FIELDS: Record<string, 'string' | 'object'> = {
  id: 'string',
  phone: 'string',
  category: 'string',
  action: 'string',
  source: 'string',
  evidence: 'object',
  'evidence.form': 'string',
  occurredAt: 'string',
};
const BINDING_FIELDS: Record<string, 'string' | 'object' | 'array'> = {
  templates: 'array',
  'templates.0': 'object',
  'templates.0.name': 'string',
  'templates.0.language': 'string',
  variables: 'object',
  'variables.body\\.1': 'string',
  condition: 'object',
  'condition.newStatus': 'array',
  'condition.newStatus.0': 'string',
  userGroups: 'array',
  'userGroups.0': 'string',
  media: 'object',
};

const WRONG_VALUES: { kind: string; value: unknown }[] = [
  { kind: 'null', value: null },
  { kind: 'number', value: 42 },
  { kind: 'float', value: 1.5 },
  { kind: 'boolean', value: true },
  { kind: 'array', value: ['x'] },
  { kind: 'object', value: { x: 1 } },
  { kind: 'string', value: 'x' },
];

function splitPath(path: string): string[] {
  return path.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
}

/** A copy of `obj` with the value at `path` replaced (or removed with `remove`). */
export function setPath(obj: Record<string, any>, path: string, value: unknown, remove = false): Record<string, any> {
  const copy = structuredClone(obj);
  const parts = splitPath(path);
  let node: any = copy;
  for (const p of parts.slice(0, -1)) {
    if (node[p] === undefined || node[p] === null || typeof node[p] !== 'object') node[p] = {};
    node = node[p];
  }
  const last = parts[parts.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** On an optional field null is taken as absent (accepted): only required fields get a null. */
function isWrong(expected: string, kind: string, optional: boolean): boolean {
  if (kind === 'null' && optional) return false;
  switch (expected) {
    case 'string':
      return kind !== 'string';
    case 'object':
      return kind !== 'object';
    case 'array':
      return kind !== 'array';
    case 'boolean':
      return kind !== 'boolean';
    case 'data':
      // data values are strings or integers
      return kind !== 'string' && kind !== 'number';
    default:
      return true;
  }
}

/** A second, certain defect, so that a value a free-text field may legitimately hold is still refused. */
const withoutId = (body: Record<string, any>, field: string) => setPath(body, field === 'id' ? 'occurredAt' : 'id', undefined, true);
const withoutTemplates = (body: Record<string, any>, field: string) =>
  setPath(body, field.startsWith('templates') ? 'variables' : 'templates', undefined, true);

interface BodyTarget {
  name: string;
  method: string;
  path: string;
  key: KeyRef;
  valid: () => Record<string, any>;
  fields: Record<string, string>;
  required: string[];
  /** Fields whose value alone decides the answer (validated formats and enums). */
  validated: string[];
  breakOther: (body: Record<string, any>, field: string) => Record<string, any>;
}

const TARGETS: BodyTarget[] = [
  {
    name: 'POST /v1/events',
    method: 'POST',
    path: '/v1/events',
    key: 'passweb',
    valid: validEvent,
    fields: EVENT_FIELDS,
    required: ['id', 'type', 'occurredAt', 'recipient', 'data', 'recipient.userId', 'recipient.phone'],
    validated: ['type', 'occurredAt', 'recipient.phone'],
    breakOther: withoutId,
  },
  {
    name: 'POST /v1/consents',
    method: 'POST',
    path: '/v1/consents',
    key: 'passweb',
    valid: validConsent,
    fields: CONSENT_FIELDS,
    required: ['id', 'category', 'action', 'source', 'evidence', 'occurredAt', 'phone'],
    validated: ['phone', 'category', 'action', 'occurredAt'],
    breakOther: withoutId,
  },
  {
    name: 'PUT /v1/bindings/:eventType',
    method: 'PUT',
    path: '/v1/bindings/message.sent',
    key: 'admin',
    valid: validBinding,
    fields: BINDING_FIELDS,
    required: ['templates', 'variables', 'templates.0.name', 'templates.0.language'],
    validated: [],
    breakOther: withoutTemplates,
  },
];

function stringFields(t: BodyTarget): string[] {
  return Object.entries(t.fields)
    .filter(([, k]) => k === 'string' || k === 'data')
    .map(([f]) => f);
}

/** Builds the whole HTTP corpus. */
export function buildHttpCorpus(seed = 6): BadCase[] {
  serial = 0;
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const cases: BadCase[] = [];
  const add = (c: BadCase) => cases.push({ personal: PERSONAL, ...c });

  for (const t of TARGETS) {
    // wrong types: every field, every type it must not have; and the whole body
    for (const [field, expected] of Object.entries(t.fields)) {
      for (const w of WRONG_VALUES) {
        if (!isWrong(expected, w.kind, !t.required.includes(field) && field !== 'data' && field !== 'recipient')) continue;
        // With templates a binding may be any non-empty array of objects: an array of strings is wrong.
        add({
          family: 'wrong-types',
          name: `${t.name} ${field}=${w.kind}`,
          method: t.method,
          path: t.path,
          key: t.key,
          body: setPath(t.valid(), field, w.value),
        });
      }
    }
    for (const raw of ['[]', '"x"', '42', 'null', 'true', '[{"id":"x"}]']) {
      add({ family: 'wrong-types', name: `${t.name} body ${raw}`, method: t.method, path: t.path, key: t.key, body: raw, contentType: 'application/json' });
    }
    // missing fields
    for (const field of t.required) {
      add({
        family: 'missing-fields',
        name: `${t.name} without ${field}`,
        method: t.method,
        path: t.path,
        key: t.key,
        body: setPath(t.valid(), field, undefined, true),
      });
    }
    add({ family: 'missing-fields', name: `${t.name} {}`, method: t.method, path: t.path, key: t.key, body: {} });
    add({ family: 'missing-fields', name: `${t.name} empty body`, method: t.method, path: t.path, key: t.key, body: '', contentType: 'application/json' });
    // extra fields, top level and nested
    const parents = [
      '',
      ...Object.entries(t.fields)
        .filter(([, k]) => k === 'object')
        .map(([f]) => f),
    ];
    for (const parent of parents) {
      for (const extra of ['unexpected', '$where', 'constructor', 'isAdmin', 'tenantId']) {
        const path = parent ? `${parent}.${extra}` : extra;
        // evidence is a map of strings: there only a value of another type is extra
        const value = parent === 'evidence' && !['constructor'].includes(extra) ? pick([1, true, { a: 1 }]) : pick(['x', 1, true, { a: 1 }]);
        add({ family: 'extra-fields', name: `${t.name} extra ${path}`, method: t.method, path: t.path, key: t.key, body: setPath(t.valid(), path, value) });
      }
    }
    add({
      family: 'extra-fields',
      name: `${t.name} extra __proto__`,
      method: t.method,
      path: t.path,
      key: t.key,
      body: JSON.stringify(t.valid()).replace(/^\{/, '{"__proto__":{"isAdmin":true},'),
      contentType: 'application/json',
    });
    // huge bodies (> 64 KiB)
    for (const kib of [65, 100, 1024, 3 * 1024]) {
      const body = { ...t.valid(), pad: 'x'.repeat(kib * 1024) };
      add({ family: 'huge-bodies', name: `${t.name} ${kib} KiB`, method: t.method, path: t.path, key: t.key, body });
    }
    add({
      family: 'huge-bodies',
      name: `${t.name} 200 KiB array`,
      method: t.method,
      path: t.path,
      key: t.key,
      body: JSON.stringify(Array.from({ length: 40_000 }, (_, i) => i)),
      contentType: 'application/json',
    });
    // deep nesting, at the top and inside each object field
    for (const depth of [20, 200, 2000, 8000]) {
      const nested = (open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
      const objNested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      add({
        family: 'deep-nesting',
        name: `${t.name} arrays ${depth}`,
        method: t.method,
        path: t.path,
        key: t.key,
        body: nested('[', ']'),
        contentType: 'application/json',
      });
      for (const parent of parents) {
        const placeholder = '"__NESTED__"';
        const text = JSON.stringify(setPath(t.valid(), parent ? `${parent}.deep` : 'deep', '__NESTED__')).replace(
          placeholder,
          depth % 2 ? nested('[', ']') : objNested,
        );
        add({
          family: 'deep-nesting',
          name: `${t.name} ${parent || 'top'}.deep ${depth}`,
          method: t.method,
          path: t.path,
          key: t.key,
          body: text,
          contentType: 'application/json',
        });
      }
    }
    // invalid UTF-8 in every string field (with a second defect where the field is free text)
    const badBytes = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])];
    for (const field of stringFields(t)) {
      const bytes = pick(badBytes);
      const base = t.validated.includes(field) ? t.valid() : t.breakOther(t.valid(), field);
      const text = JSON.stringify(setPath(base, field, 'MARK'));
      const [before, after] = text.split('MARK');
      add({
        family: 'invalid-utf8',
        name: `${t.name} ${field} bytes ${bytes.toString('hex')}`,
        method: t.method,
        path: t.path,
        key: t.key,
        body: Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]),
        contentType: 'application/json',
      });
    }
    for (const bytes of badBytes) {
      add({
        family: 'invalid-utf8',
        name: `${t.name} raw bytes ${bytes.toString('hex')} outside strings`,
        method: t.method,
        path: t.path,
        key: t.key,
        body: Buffer.concat([Buffer.from('{"id":'), bytes, Buffer.from('}')]),
        contentType: 'application/json',
      });
    }
    // wrong content types
    for (const ct of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/html',
      'application/jsonx',
      'application/json; charset=latin1',
      'application/json; charset=utf-32',
      'application/octet-stream',
      null,
    ]) {
      add({
        family: 'content-types',
        name: `${t.name} ${ct ?? 'no content-type'}`,
        method: t.method,
        path: t.path,
        key: t.key,
        body: JSON.stringify(t.valid()),
        contentType: ct,
      });
    }
    // SQL and script injection in every string field
    for (const field of stringFields(t)) {
      for (const inj of INJECTIONS) {
        const base = t.validated.includes(field) ? t.valid() : t.breakOther(t.valid(), field);
        add({
          family: 'injection',
          name: `${t.name} ${field} ${JSON.stringify(inj)}`,
          method: t.method,
          path: t.path,
          key: t.key,
          body: setPath(base, field, inj),
        });
      }
    }
  }

  // injection as the binding's event type (a valid binding body otherwise)
  for (const inj of INJECTIONS) {
    add({
      family: 'injection',
      name: `PUT /v1/bindings/${JSON.stringify(inj)}`,
      method: 'PUT',
      path: `/v1/bindings/${encodeURIComponent(inj)}`,
      key: 'admin',
      body: validBinding(),
    });
  }
  // injection in path and query parameters of the read endpoints
  const paramEndpoints: { name: string; method: string; path: (v: string) => string; key: KeyRef }[] = [
    { name: 'GET /v1/contacts/:phone', method: 'GET', path: (v) => `/v1/contacts/${v}`, key: 'auditor' },
    { name: 'DELETE /v1/subjects/:phone', method: 'DELETE', path: (v) => `/v1/subjects/${v}`, key: 'admin' },
    { name: 'GET /v1/consents?phone', method: 'GET', path: (v) => `/v1/consents?phone=${v}`, key: 'auditor' },
    { name: 'GET /v1/messages/:wamid/proof', method: 'GET', path: (v) => `/v1/messages/${v}/proof`, key: 'auditor' },
    { name: 'GET /v1/events/:id/proof', method: 'GET', path: (v) => `/v1/events/${v}/proof`, key: 'auditor' },
    { name: 'GET /v1/ledger/entries/:seq/proof', method: 'GET', path: (v) => `/v1/ledger/entries/${v}/proof`, key: 'auditor' },
    { name: 'GET /v1/contacts tenantId', method: 'GET', path: (v) => `/v1/contacts/${encodeURIComponent(PERSON_PHONE)}?tenantId=${v}`, key: 'deploy-auditor' },
    {
      name: 'DELETE /v1/subjects tenantId',
      method: 'DELETE',
      path: (v) => `/v1/subjects/${encodeURIComponent(PERSON_PHONE)}?tenantId=${v}`,
      key: 'deploy-admin',
    },
    {
      name: 'GET /v1/consents tenantId',
      method: 'GET',
      path: (v) => `/v1/consents?phone=${encodeURIComponent(PERSON_PHONE)}&tenantId=${v}`,
      key: 'deploy-auditor',
    },
    { name: 'GET /v1/messages proof tenantId', method: 'GET', path: (v) => `/v1/messages/wamid.x/proof?tenantId=${v}`, key: 'deploy-auditor' },
    { name: 'GET /v1/events proof tenantId', method: 'GET', path: (v) => `/v1/events/evt-x/proof?tenantId=${v}`, key: 'deploy-auditor' },
    {
      name: 'GET /v1/webhooks/whatsapp verify_token',
      method: 'GET',
      path: (v) => `/v1/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=${v}`,
      key: 'none',
    },
    {
      name: 'GET /v1/webhooks/whatsapp mode',
      method: 'GET',
      path: (v) => `/v1/webhooks/whatsapp?hub.mode=${v}&hub.challenge=1&hub.verify_token=wrong`,
      key: 'none',
    },
  ];
  for (const e of paramEndpoints) {
    for (const inj of INJECTIONS) {
      add({ family: 'injection', name: `${e.name} ${JSON.stringify(inj)}`, method: e.method, path: e.path(encodeURIComponent(inj)), key: e.key });
    }
  }

  // bad phone numbers wherever a phone goes
  for (const phone of BAD_PHONES) {
    const enc = encodeURIComponent(phone);
    add({
      family: 'bad-phones',
      name: `POST /v1/events phone ${JSON.stringify(phone.slice(0, 20))}`,
      method: 'POST',
      path: '/v1/events',
      key: 'passweb',
      body: setPath(validEvent(), 'recipient.phone', phone),
    });
    add({
      family: 'bad-phones',
      name: `POST /v1/consents phone ${JSON.stringify(phone.slice(0, 20))}`,
      method: 'POST',
      path: '/v1/consents',
      key: 'passweb',
      body: setPath(validConsent(), 'phone', phone),
    });
    add({
      family: 'bad-phones',
      name: `GET /v1/consents?phone ${JSON.stringify(phone.slice(0, 20))}`,
      method: 'GET',
      path: `/v1/consents?phone=${enc}`,
      key: 'auditor',
    });
    if (phone.trim() !== '') {
      add({ family: 'bad-phones', name: `GET /v1/contacts/${JSON.stringify(phone.slice(0, 20))}`, method: 'GET', path: `/v1/contacts/${enc}`, key: 'admin' });
      add({
        family: 'bad-phones',
        name: `DELETE /v1/subjects/${JSON.stringify(phone.slice(0, 20))}`,
        method: 'DELETE',
        path: `/v1/subjects/${enc}`,
        key: 'admin',
      });
    }
  }
  add({ family: 'bad-phones', name: 'GET /v1/consents without phone', method: 'GET', path: '/v1/consents', key: 'auditor' });
  add({
    family: 'bad-phones',
    name: 'GET /v1/consents phone twice',
    method: 'GET',
    path: `/v1/consents?phone=${encodeURIComponent(PERSON_PHONE)}&phone=x`,
    key: 'auditor',
  });
  add({
    family: 'bad-phones',
    name: 'POST /v1/consents phone and userId',
    method: 'POST',
    path: '/v1/consents',
    key: 'passweb',
    body: { ...validConsent(), userId: 'u-1' },
  });

  // unknown event types: in an event and as a binding's path
  for (const type of UNKNOWN_TYPES) {
    add({
      family: 'unknown-event-types',
      name: `POST /v1/events type ${JSON.stringify(type.slice(0, 30))}`,
      method: 'POST',
      path: '/v1/events',
      key: 'passweb',
      body: setPath(validEvent(), 'type', type),
    });
    add({
      family: 'unknown-event-types',
      name: `PUT /v1/bindings/${JSON.stringify(type.slice(0, 30))}`,
      method: 'PUT',
      path: `/v1/bindings/${encodeURIComponent(type)}`,
      key: 'admin',
      body: validBinding(),
    });
  }
  for (const [name, binding] of [
    ['unknown template', setPath(validBinding(), 'templates.0.name', 'no_such_template')],
    ['unknown language', setPath(validBinding(), 'templates.0.language', 'xx')],
    ['unknown variable', setPath(validBinding(), 'variables.body\\.1', 'notAVariable')],
    ['unknown slot', setPath(validBinding(), 'variables.footer\\.9', 'firstName')],
    ['no templates', setPath(validBinding(), 'templates', [])],
    ['media not a uri', setPath(validBinding(), 'media', { link: 'not a uri' })],
  ] as const) {
    add({ family: 'unknown-event-types', name: `PUT /v1/bindings ${name}`, method: 'PUT', path: '/v1/bindings/message.sent', key: 'admin', body: binding });
  }

  // bad path params
  for (const seq of ['-1', '1.5', 'abc', '01', '1e3', '0x10', '9007199254740993', '99999999999999999999', '%20', '1%00', 'NaN', 'Infinity', '999999999']) {
    add({ family: 'bad-path-params', name: `GET /v1/ledger/entries/${seq}/proof`, method: 'GET', path: `/v1/ledger/entries/${seq}/proof`, key: 'auditor' });
  }
  for (const id of ['%25', '%2F..%2F..', 'x'.repeat(4000), 'wamid.unknown', '%C0%AF', '%FF', '..', 'null']) {
    add({ family: 'bad-path-params', name: `GET /v1/messages/${id.slice(0, 20)}/proof`, method: 'GET', path: `/v1/messages/${id}/proof`, key: 'auditor' });
    add({ family: 'bad-path-params', name: `GET /v1/events/${id.slice(0, 20)}/proof`, method: 'GET', path: `/v1/events/${id}/proof`, key: 'auditor' });
    add({
      family: 'bad-path-params',
      name: `PUT /v1/bindings/${id.slice(0, 20)}`,
      method: 'PUT',
      path: `/v1/bindings/${id}`,
      key: 'admin',
      body: validBinding(),
    });
    add({ family: 'bad-path-params', name: `GET /v1/contacts/${id.slice(0, 20)}`, method: 'GET', path: `/v1/contacts/${id}`, key: 'admin' });
    add({ family: 'bad-path-params', name: `DELETE /v1/subjects/${id.slice(0, 20)}`, method: 'DELETE', path: `/v1/subjects/${id}`, key: 'admin' });
  }
  for (const tenantId of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '', '%FF']) {
    add({
      family: 'bad-path-params',
      name: `GET /v1/contacts tenantId ${tenantId}`,
      method: 'GET',
      path: `/v1/contacts/${encodeURIComponent(PERSON_PHONE)}?tenantId=${tenantId}`,
      key: 'deploy-auditor',
    });
    add({
      family: 'bad-path-params',
      name: `DELETE /v1/subjects tenantId ${tenantId}`,
      method: 'DELETE',
      path: `/v1/subjects/${encodeURIComponent(PERSON_PHONE)}?tenantId=${tenantId}`,
      key: 'deploy-admin',
    });
    add({
      family: 'bad-path-params',
      name: `GET /v1/consents tenantId ${tenantId}`,
      method: 'GET',
      path: `/v1/consents?phone=${encodeURIComponent(PERSON_PHONE)}&tenantId=${tenantId}`,
      key: 'deploy-auditor',
    });
  }

  // keys: none, junk, and keys of another role, on every endpoint
  const endpoints: { name: string; method: string; path: string; body?: unknown; roles: string[] }[] = [
    { name: 'POST /v1/events', method: 'POST', path: '/v1/events', body: validEvent(), roles: ['passweb'] },
    { name: 'POST /v1/consents', method: 'POST', path: '/v1/consents', body: validConsent(), roles: ['passweb'] },
    { name: 'GET /v1/consents', method: 'GET', path: `/v1/consents?phone=${encodeURIComponent(PERSON_PHONE)}`, roles: ['admin', 'auditor'] },
    { name: 'PUT /v1/bindings/:eventType', method: 'PUT', path: '/v1/bindings/message.sent', body: validBinding(), roles: ['admin'] },
    { name: 'POST /v1/templates/sync', method: 'POST', path: '/v1/templates/sync', roles: ['admin'] },
    { name: 'GET /v1/contacts/:phone', method: 'GET', path: `/v1/contacts/${encodeURIComponent(PERSON_PHONE)}`, roles: ['admin', 'auditor'] },
    { name: 'GET /v1/ledger/entries/:seq/proof', method: 'GET', path: '/v1/ledger/entries/0/proof', roles: ['auditor'] },
    { name: 'GET /v1/messages/:wamid/proof', method: 'GET', path: '/v1/messages/wamid.x/proof', roles: ['auditor'] },
    { name: 'GET /v1/events/:id/proof', method: 'GET', path: '/v1/events/evt-x/proof', roles: ['auditor'] },
    { name: 'DELETE /v1/subjects/:phone', method: 'DELETE', path: `/v1/subjects/${encodeURIComponent(PERSON_PHONE)}`, roles: ['admin'] },
  ];
  const junkKeys: KeyRef[] = [
    'none',
    { raw: 'Bearer' },
    { raw: 'Bearer ' },
    { raw: 'Basic dXNlcjpwYXNz' },
    { raw: 'Bearer sk_live_0000000000000000' },
    { raw: `Bearer ${"' OR 1=1 --"}` },
    { raw: `Bearer ${'k'.repeat(5000)}` },
  ];
  for (const e of endpoints) {
    for (const key of junkKeys) {
      add({ family: 'auth', name: `${e.name} key ${typeof key === 'string' ? key : key.raw.slice(0, 24)}`, method: e.method, path: e.path, key, body: e.body });
    }
    for (const role of ['passweb', 'admin', 'auditor'] as const) {
      if (!e.roles.includes(role)) add({ family: 'auth', name: `${e.name} with a ${role} key`, method: e.method, path: e.path, key: role, body: e.body });
    }
  }
  // a body on the body-less sync is refused before anything runs
  add({
    family: 'content-types',
    name: 'POST /v1/templates/sync text body',
    method: 'POST',
    path: '/v1/templates/sync',
    key: 'admin',
    body: 'sync please',
    contentType: 'text/plain',
  });

  // webhooks: verification with the wrong token or mode
  for (const q of [
    '',
    'hub.mode=subscribe',
    'hub.mode=subscribe&hub.challenge=1',
    'hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1',
    'hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1',
    'hub.mode=subscribe&hub.verify_token=test-verify-token',
    'hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge[a]=1',
    'hub.mode=subscribe&hub.verify_token[]=test-verify-token&hub.challenge=1',
    'hub.mode=subscribe&hub.verify_token=TEST-VERIFY-TOKEN&hub.challenge=1',
    'hub.mode=subscribe&hub.verify_token=test-verify-token%00&hub.challenge=1',
    'hub.mode[]=subscribe&hub.verify_token=test-verify-token&hub.challenge=1',
  ]) {
    add({ family: 'webhook-signatures', name: `GET /v1/webhooks/whatsapp?${q}`, method: 'GET', path: `/v1/webhooks/whatsapp?${q}`, key: 'none' });
  }
  // forged signatures
  const payload = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '200000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: '100000000000001' },
              statuses: [{ id: 'wamid.forged', status: 'read', timestamp: '1795255203', recipient_id: '393331234567' }],
            },
          },
        ],
      },
    ],
  });
  const forged: { name: string; sign?: BadCase['sign']; header?: string; body?: unknown; contentType?: string | null }[] = [
    { name: 'no signature' },
    { name: 'empty signature', header: '' },
    { name: 'sha256= only', header: 'sha256=' },
    { name: 'zeros', header: `sha256=${'0'.repeat(64)}` },
    { name: 'sha1 scheme', header: `sha1=${'a'.repeat(40)}` },
    { name: 'not hex', header: `sha256=${'z'.repeat(64)}` },
    { name: 'too long', header: `sha256=${'a'.repeat(4000)}` },
    { name: 'injection', header: "sha256=' OR 1=1 --" },
    { name: 'wrong secret', sign: { secret: 'not-the-secret' } },
    { name: 'empty secret', sign: { secret: '' } },
    { name: 'signature of another body', sign: { over: '{}' } },
    { name: 'body with a trailing space', sign: { over: payload } },
    { name: 'truncated signature', sign: { mangle: (s) => s.slice(0, -2) } },
    { name: 'one bit flipped', sign: { mangle: (s) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0') } },
    { name: 'without scheme', sign: { mangle: (s) => s.replace('sha256=', '') } },
    { name: 'other scheme name', sign: { mangle: (s) => s.replace('sha256=', 'sha512=') } },
    { name: 'two signatures', sign: { mangle: (s) => `${s},${s}` } },
    { name: 'signed non-JSON', body: '{oops', sign: {} },
    { name: 'signed empty body', body: '', sign: {} },
    { name: 'signed invalid bytes outside strings', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), sign: {} },
    { name: 'unsigned 5 MiB', body: `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}` },
    { name: 'signed 5 MiB', body: `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, sign: {} },
  ];
  for (const f of forged) {
    for (const ct of ['application/json', 'text/plain'] as const) {
      if (f.body !== undefined && ct === 'text/plain') continue;
      add({
        family: 'webhook-signatures',
        name: `POST /v1/webhooks/whatsapp ${f.name} (${ct})`,
        method: 'POST',
        path: '/v1/webhooks/whatsapp',
        key: 'none',
        body: f.body ?? (f.name === 'body with a trailing space' ? `${payload} ` : payload),
        contentType: ct,
        headers: f.header !== undefined ? { 'x-hub-signature-256': f.header } : {},
        sign: f.sign,
      });
    }
  }
  return cases;
}
