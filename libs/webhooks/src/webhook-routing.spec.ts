import { parseMetaWebhook } from '#sigillo/whatsapp';
import { REJECTION_REASONS, routeWebhook, type RoutableTenant, type RoutingFacts } from './webhook-routing.js';
import { DEPLOYMENT_SIGNER } from './webhook-signers.js';

const A: RoutableTenant = { id: 'tenant-a', phoneNumberId: 'pn-a', wabaId: 'waba-a', ownAppSecret: false };
const B: RoutableTenant = { id: 'tenant-b', phoneNumberId: 'pn-b', wabaId: 'waba-b', ownAppSecret: false };
/** Brings its own Meta app: only its own secret speaks for it. */
const C: RoutableTenant = { id: 'tenant-c', phoneNumberId: 'pn-c', wabaId: 'waba-c', ownAppSecret: true };
/** Shares A's WABA with another number. */
const A2: RoutableTenant = { id: 'tenant-a2', phoneNumberId: 'pn-a2', wabaId: 'waba-a', ownAppSecret: false };
const TENANTS = [A, B, C, A2];
const NOTIF_A = '0d5c3f4e-0000-4000-8000-00000000000a';
const NOTIF_B = '0d5c3f4e-0000-4000-8000-00000000000b';

function facts(over: Partial<RoutingFacts<RoutableTenant>> = {}): RoutingFacts<RoutableTenant> {
  const byWaba = new Map<string, RoutableTenant[]>();
  for (const t of TENANTS) byWaba.set(t.wabaId, [...(byWaba.get(t.wabaId) ?? []), t]);
  return {
    signers: [DEPLOYMENT_SIGNER],
    tenantsByPhoneNumberId: new Map(TENANTS.map((t) => [t.phoneNumberId, t])),
    tenantsByWabaId: byWaba,
    wamidTenants: new Map([
      ['wamid.of-a', A.id],
      ['wamid.of-b', B.id],
      ['wamid.of-c', C.id],
    ]),
    notificationTenants: new Map([
      [NOTIF_A, A.id],
      [NOTIF_B, B.id],
    ]),
    ...over,
  };
}

const status = (wamid: string, callback?: string) => ({
  id: wamid,
  status: 'failed',
  timestamp: '1763719200',
  recipient_id: '393331234567',
  ...(callback && { biz_opaque_callback_data: callback }),
});
const messages = (pn: string | null, value: Record<string, unknown>) => ({
  field: 'messages',
  value: { ...(pn && { metadata: { phone_number_id: pn } }), ...value },
});
const payload = (...entries: { id?: string; changes: unknown[] }[]) => parseMetaWebhook({ object: 'whatsapp_business_account', entry: entries });
const summary = (routed: ReturnType<typeof routeWebhook<RoutableTenant>>) => ({
  statuses: routed.statuses.map((r) => [r.tenant.id, r.part.wamid]),
  inbound: routed.inbound.map((r) => [r.tenant.id, r.part.messageId]),
  preferences: routed.preferences.map((r) => [r.tenant.id, r.part.value]),
  templates: routed.templates.map((r) => [r.tenant.id, r.part.name]),
  rejected: routed.rejected.map((r) => [r.at, r.kind, r.reason, r.tenantId]),
});

describe('routeWebhook', () => {
  it("applies each part to the tenant owning its number, the tenant's own messages and unknown ones alike", () => {
    const parsed = payload(
      {
        id: 'waba-a',
        changes: [
          messages('pn-a', {
            statuses: [status('wamid.of-a', `${NOTIF_A}:1`), status('wamid.not-yet-known', 'not-written-by-us')],
            messages: [{ from: '393331234567', id: 'in-1', type: 'text', text: { body: 'STOP' } }],
          }),
        ],
      },
      {
        id: 'waba-b',
        changes: [
          {
            field: 'user_preferences',
            value: { metadata: { phone_number_id: 'pn-b' }, user_preferences: [{ wa_id: '393331234567', category: 'marketing_messages', value: 'stop' }] },
          },
        ],
      },
    );
    expect(summary(routeWebhook(parsed, facts()))).toEqual({
      statuses: [
        ['tenant-a', 'wamid.of-a'],
        ['tenant-a', 'wamid.not-yet-known'],
      ],
      inbound: [['tenant-a', 'in-1']],
      preferences: [['tenant-b', 'stop']],
      templates: [],
      rejected: [],
    });
  });

  it("refuses a status naming B's number but A's message (the forgery of issue 13), and one whose callback names A's notification", () => {
    const parsed = payload({
      id: 'waba-b',
      changes: [messages('pn-b', { statuses: [status('wamid.of-a'), status('wamid.new', `${NOTIF_A}:2`), status('wamid.of-b', NOTIF_B)] })],
    });
    const routed = routeWebhook(parsed, facts());
    expect(summary(routed)).toMatchObject({
      statuses: [['tenant-b', 'wamid.of-b']],
      rejected: [
        ['entry[0].changes[0].statuses[0]', 'status', 'wamid-of-another-tenant', 'tenant-b'],
        ['entry[0].changes[0].statuses[1]', 'status', 'callback-of-another-tenant', 'tenant-b'],
      ],
    });
    expect(routed.rejected[0]).toEqual({
      at: 'entry[0].changes[0].statuses[0]',
      kind: 'status',
      reason: 'wamid-of-another-tenant',
      tenantId: 'tenant-b',
      phoneNumberId: 'pn-b',
      wabaId: 'waba-b',
      ref: 'wamid.of-a',
    });
  });

  it('refuses parts naming no number or a number no tenant owns', () => {
    const parsed = payload(
      {
        id: 'waba-a',
        changes: [messages(null, { statuses: [status('wamid.of-a')], messages: [{ from: '393331234567', id: 'in-1', type: 'text', text: { body: 'x' } }] })],
      },
      {
        id: 'waba-a',
        changes: [
          messages('pn-nobody', { statuses: [status('wamid.of-a')] }),
          {
            field: 'user_preferences',
            value: { metadata: { phone_number_id: 'pn-nobody' }, user_preferences: [{ wa_id: '39333', category: 'marketing_messages', value: 'stop' }] },
          },
        ],
      },
    );
    expect(summary(routeWebhook(parsed, facts())).rejected).toEqual([
      ['entry[0].changes[0].statuses[0]', 'status', 'no-phone-number-id', null],
      ['entry[1].changes[0].statuses[0]', 'status', 'unknown-phone-number-id', null],
      ['entry[0].changes[0].messages[0]', 'inbound', 'no-phone-number-id', null],
      ['entry[1].changes[1].user_preferences[0]', 'preference', 'unknown-phone-number-id', null],
    ]);
  });

  it("refuses parts whose entry id is not the WABA of the number's tenant, or is missing", () => {
    const inbound = { messages: [{ from: '393331234567', id: 'in-1', type: 'text', text: { body: 'STOP' } }] };
    const parsed = payload(
      { id: 'waba-b', changes: [messages('pn-a', inbound)] },
      { changes: [messages('pn-a', { statuses: [status('wamid.of-a')] })] },
      { id: 'waba-a', changes: [messages('pn-a2', inbound)] },
    );
    expect(summary(routeWebhook(parsed, facts()))).toMatchObject({
      statuses: [],
      // A2 shares A's WABA: its own number under that WABA is fine.
      inbound: [['tenant-a2', 'in-1']],
      rejected: [
        ['entry[1].changes[0].statuses[0]', 'status', 'waba-id-mismatch', 'tenant-a'],
        ['entry[0].changes[0].messages[0]', 'inbound', 'waba-id-mismatch', 'tenant-a'],
      ],
    });
  });

  describe('who signed', () => {
    const mixed = () =>
      payload(
        { id: 'waba-a', changes: [messages('pn-a', { statuses: [status('wamid.of-a')] })] },
        { id: 'waba-c', changes: [messages('pn-c', { statuses: [status('wamid.of-c')] })] },
        {
          id: 'waba-c',
          changes: [{ field: 'message_template_status_update', value: { event: 'PAUSED', message_template_name: 'promo', message_template_language: 'it' } }],
        },
        {
          id: 'waba-a',
          changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'order', message_template_language: 'it' } }],
        },
      );

    it("the deployment's secret speaks for tenants without their own app, not for one with it", () => {
      expect(summary(routeWebhook(mixed(), facts({ signers: [DEPLOYMENT_SIGNER] })))).toEqual({
        statuses: [['tenant-a', 'wamid.of-a']],
        inbound: [],
        preferences: [],
        templates: [
          ['tenant-a', 'order'],
          ['tenant-a2', 'order'],
        ],
        rejected: [
          ['entry[1].changes[0].statuses[0]', 'status', 'signature-not-allowed', 'tenant-c'],
          ['entry[2].changes[0]@tenant-c', 'template', 'signature-not-allowed', 'tenant-c'],
        ],
      });
    });

    it("a tenant's own secret speaks for that tenant only", () => {
      expect(summary(routeWebhook(mixed(), facts({ signers: ['tenant-c'] })))).toEqual({
        statuses: [['tenant-c', 'wamid.of-c']],
        inbound: [],
        preferences: [],
        templates: [['tenant-c', 'promo']],
        rejected: [
          ['entry[0].changes[0].statuses[0]', 'status', 'signature-not-allowed', 'tenant-a'],
          ['entry[3].changes[0]@tenant-a', 'template', 'signature-not-allowed', 'tenant-a'],
          ['entry[3].changes[0]@tenant-a2', 'template', 'signature-not-allowed', 'tenant-a2'],
        ],
      });
      // Another tenant's secret is no better than none.
      expect(summary(routeWebhook(mixed(), facts({ signers: ['tenant-b'] }))).rejected.map((r) => r[2])).toEqual(Array(5).fill('signature-not-allowed'));
      expect(summary(routeWebhook(mixed(), facts({ signers: [] }))).rejected).toHaveLength(5);
    });

    it('both signers: each part goes where its own secret allows', () => {
      const routed = summary(routeWebhook(mixed(), facts({ signers: [DEPLOYMENT_SIGNER, 'tenant-c'] })));
      expect(routed.statuses).toEqual([
        ['tenant-a', 'wamid.of-a'],
        ['tenant-c', 'wamid.of-c'],
      ]);
      expect(routed.rejected).toEqual([]);
    });
  });

  it('checks in a fixed order: number, WABA, signature, then ownership of the message', () => {
    // Every check fails at once for B's number: the first one named is the WABA.
    const parsed = payload({ id: 'waba-x', changes: [messages('pn-c', { statuses: [status('wamid.of-a', NOTIF_B)] })] });
    expect(routeWebhook(parsed, facts()).rejected.map((r) => r.reason)).toEqual(['waba-id-mismatch']);
    const signedWrong = payload({ id: 'waba-c', changes: [messages('pn-c', { statuses: [status('wamid.of-a', NOTIF_B)] })] });
    expect(routeWebhook(signedWrong, facts()).rejected.map((r) => r.reason)).toEqual(['signature-not-allowed']);
    expect(routeWebhook(signedWrong, facts({ signers: ['tenant-c'] })).rejected.map((r) => r.reason)).toEqual(['wamid-of-another-tenant']);
    const ownWamidOtherCallback = payload({ id: 'waba-c', changes: [messages('pn-c', { statuses: [status('wamid.of-c', NOTIF_B)] })] });
    expect(routeWebhook(ownWamidOtherCallback, facts({ signers: ['tenant-c'] })).rejected.map((r) => r.reason)).toEqual(['callback-of-another-tenant']);
  });

  it('refuses a template change for a WABA no tenant has', () => {
    const parsed = payload({
      id: 'waba-nobody',
      changes: [{ field: 'message_template_status_update', value: { event: 'PAUSED', message_template_name: 'promo', message_template_language: 'it' } }],
    });
    expect(routeWebhook(parsed, facts()).rejected).toEqual([
      { at: 'entry[0].changes[0]', kind: 'template', reason: 'unknown-waba-id', tenantId: null, phoneNumberId: null, wabaId: 'waba-nobody', ref: 'promo' },
    ]);
  });

  it('names every reason it can give in REJECTION_REASONS, and an empty payload routes nothing', () => {
    expect(new Set(REJECTION_REASONS).size).toBe(7);
    expect(summary(routeWebhook(payload(), facts()))).toEqual({ statuses: [], inbound: [], preferences: [], templates: [], rejected: [] });
  });
});
