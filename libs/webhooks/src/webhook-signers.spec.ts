import {
  candidateTenants,
  DEPLOYMENT_SIGNER,
  MAX_CANDIDATES,
  MAX_NAMED_IDS,
  namedIds,
  signerAllowed,
  signersOf,
  splitSecrets,
  type TenantSecret,
} from './webhook-signers.js';
import { hubSignature } from './webhook-signature.js';

const C: TenantSecret = { id: 'tenant-c', phoneNumberId: 'pn-c', wabaId: 'waba-c', appSecret: 'secret-c-old, secret-c-new' };
const D: TenantSecret = { id: 'tenant-d', phoneNumberId: 'pn-d', wabaId: 'waba-d', appSecret: 'secret-d' };
const body = (entries: unknown[]) => Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: entries }));
const entry = (waba: string, pn: string) => ({ id: waba, changes: [{ field: 'messages', value: { metadata: { phone_number_id: pn }, statuses: [] } }] });

describe('namedIds', () => {
  it('collects the numbers and accounts a body names, and nothing from a body that is not JSON', () => {
    expect(namedIds(body([entry('waba-a', 'pn-a'), entry('waba-c', 'pn-c'), { id: 42, changes: [{ value: { metadata: { phone_number_id: 7 } } }] }]))).toEqual({
      phoneNumberIds: new Set(['pn-a', 'pn-c', '7']),
      wabaIds: new Set(['waba-a', 'waba-c', '42']),
    });
    for (const odd of ['not json', '{}', '[]', 'null', '{"entry":"x"}', '{"entry":[null,{"changes":[null,{"value":null}]}]}']) {
      expect(namedIds(Buffer.from(odd))).toEqual({ phoneNumberIds: new Set(), wabaIds: new Set() });
    }
  });

  it(`looks at no more than ${MAX_NAMED_IDS} ids, however many the body names`, () => {
    const many = namedIds(body(Array.from({ length: 500 }, (_, i) => entry(`waba-${i}`, `pn-${i}`))));
    expect(many.phoneNumberIds.size + many.wabaIds.size).toBe(MAX_NAMED_IDS);
  });
});

describe('candidateTenants', () => {
  it('only tenants with their own secret that the body names by number or by account', () => {
    const named = (pns: string[], wabas: string[]) => ({ phoneNumberIds: new Set(pns), wabaIds: new Set(wabas) });
    expect(candidateTenants(named(['pn-c'], []), [C, D])).toEqual([C]);
    expect(candidateTenants(named([], ['waba-d']), [C, D])).toEqual([D]);
    expect(candidateTenants(named(['pn-a'], ['waba-a']), [C, D])).toEqual([]);
  });

  it(`tries at most ${MAX_CANDIDATES} tenants' secrets, however many the body names`, () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...C, id: `t-${i}`, phoneNumberId: `pn-${i}` }));
    expect(candidateTenants({ phoneNumberIds: new Set(many.map((t) => t.phoneNumberId)), wabaIds: new Set() }, many)).toHaveLength(MAX_CANDIDATES);
  });
});

describe('signersOf', () => {
  const raw = body([entry('waba-c', 'pn-c')]);
  it('names each secret the signature verifies with, every rotation of a tenant secret counting', () => {
    expect(signersOf(raw, hubSignature(raw, 'deploy-1'), ['deploy-1', 'deploy-2'], [C, D])).toEqual([DEPLOYMENT_SIGNER]);
    expect(signersOf(raw, hubSignature(raw, 'deploy-2'), ['deploy-1', 'deploy-2'], [C, D])).toEqual([DEPLOYMENT_SIGNER]);
    expect(signersOf(raw, hubSignature(raw, 'secret-c-old'), ['deploy-1'], [C, D])).toEqual(['tenant-c']);
    expect(signersOf(raw, hubSignature(raw, 'secret-c-new'), ['deploy-1'], [C, D])).toEqual(['tenant-c']);
    expect(signersOf(raw, hubSignature(raw, 'secret-d'), ['deploy-1'], [C, D])).toEqual(['tenant-d']);
  });

  it('names nobody for another secret, other bytes, a malformed or missing header, or a tenant secret not tried', () => {
    expect(signersOf(raw, hubSignature(raw, 'guess'), ['deploy-1'], [C, D])).toEqual([]);
    expect(signersOf(Buffer.concat([raw, Buffer.from(' ')]), hubSignature(raw, 'deploy-1'), ['deploy-1'], [C])).toEqual([]);
    expect(signersOf(raw, undefined, ['deploy-1'], [C])).toEqual([]);
    expect(signersOf(raw, 'sha1=abc', ['deploy-1'], [C])).toEqual([]);
    expect(signersOf(raw, hubSignature(raw, 'secret-c-new'), ['deploy-1'], [])).toEqual([]);
  });
});

describe('signerAllowed', () => {
  const own = { id: 'tenant-c', ownAppSecret: true };
  const shared = { id: 'tenant-a', ownAppSecret: false };
  it.each([
    [shared, [DEPLOYMENT_SIGNER], true],
    [shared, ['tenant-a'], false],
    [shared, ['tenant-c'], false],
    [shared, [], false],
    [own, [DEPLOYMENT_SIGNER], false],
    [own, ['tenant-c'], true],
    [own, ['tenant-d'], false],
    [own, [DEPLOYMENT_SIGNER, 'tenant-c'], true],
    [own, [], false],
  ])('%o signed by %o: %s', (tenant, signers, allowed) => {
    expect(signerAllowed(tenant, signers)).toBe(allowed);
  });
});

describe('splitSecrets', () => {
  it('reads a comma-separated list, blanks dropped', () => {
    expect(splitSecrets(' a , b,,c ')).toEqual(['a', 'b', 'c']);
    expect(splitSecrets('')).toEqual([]);
  });
});
