import { hubSignature, verifyHubSignature } from './webhook-signature.js';

const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

describe('verifyHubSignature', () => {
  it('accepts the HMAC of the exact bytes with any of the secrets', () => {
    expect(verifyHubSignature(body, hubSignature(body, 's1'), ['s1'])).toBe(true);
    expect(verifyHubSignature(body, hubSignature(body, 's2'), ['s1', 's2'])).toBe(true);
    expect(verifyHubSignature(body, hubSignature(body, 's1').toUpperCase().replace('SHA256=', 'sha256='), ['s1'])).toBe(true);
  });

  it('refuses another secret, another body, a missing or malformed header', () => {
    expect(verifyHubSignature(body, hubSignature(body, 'other'), ['s1'])).toBe(false);
    expect(verifyHubSignature(Buffer.from(`${body} `), hubSignature(body, 's1'), ['s1'])).toBe(false);
    expect(verifyHubSignature(body, undefined, ['s1'])).toBe(false);
    expect(verifyHubSignature(body, 'sha1=abc', ['s1'])).toBe(false);
    expect(verifyHubSignature(body, `sha256=${'0'.repeat(63)}`, ['s1'])).toBe(false);
    expect(verifyHubSignature(body, hubSignature(body, 's1'), [])).toBe(false);
    expect(verifyHubSignature(body, hubSignature(body, ''), [''])).toBe(false);
  });
});
