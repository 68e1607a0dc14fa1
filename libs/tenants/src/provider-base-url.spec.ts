import { checkProviderBaseUrl } from './provider-base-url.js';

const real = (url: string) => checkProviderBaseUrl(url, { simulator: false });
const sim = (url: string) => checkProviderBaseUrl(url, { simulator: true });
const reason = (url: string, simulator = false) => {
  const r = checkProviderBaseUrl(url, { simulator });
  return r.ok ? null : r.reason;
};

describe('checkProviderBaseUrl', () => {
  it('takes https URLs of public hosts, with an optional path prefix, without trailing slashes', () => {
    expect(real('https://graph.facebook.com')).toEqual({ ok: true, url: 'https://graph.facebook.com' });
    expect(real('https://graph.facebook.com/')).toEqual({ ok: true, url: 'https://graph.facebook.com' });
    expect(real('https://api.example.com/wa//')).toEqual({ ok: true, url: 'https://api.example.com/wa' });
    expect(real('https://api.example.com:8443/wa')).toEqual({ ok: true, url: 'https://api.example.com:8443/wa' });
    expect(real(' https://GRAPH.Facebook.com ')).toEqual({ ok: true, url: 'https://graph.facebook.com' });
    expect(real('https://157.240.0.35')).toEqual({ ok: true, url: 'https://157.240.0.35' });
    expect(real('https://[2a03:2880:f000::1]')).toEqual({ ok: true, url: 'https://[2a03:2880:f000::1]' });
    // Next to the refused ranges, not in them.
    for (const host of [
      '172.15.255.255',
      '172.32.0.1',
      '192.167.1.1',
      '169.253.1.1',
      '100.63.255.255',
      '100.128.0.1',
      '11.0.0.1',
      '126.255.255.255',
      '223.255.255.255',
    ]) {
      expect({ host, ok: real(`https://${host}`).ok }).toEqual({ host, ok: true });
    }
  });

  it('refuses what is not an absolute URL', () => {
    for (const raw of ['', 'graph.facebook.com', '/v23.0', 'https://', 'not a url', 'https://exa mple.com']) {
      expect({ raw, reason: reason(raw) }).toEqual({ raw, reason: 'must be an absolute URL, e.g. https://graph.facebook.com' });
    }
  });

  it('refuses plain http and every other scheme: the token travels with every request', () => {
    for (const raw of [
      'http://graph.facebook.com',
      'ftp://graph.facebook.com',
      'file:///etc/passwd',
      'ws://graph.facebook.com',
      'javascript:alert(1)',
      'HTTP://graph.facebook.com',
    ]) {
      expect({ raw, reason: reason(raw) }).toEqual({ raw, reason: expect.stringMatching(/^must be https: the provider token travels with every request/) });
    }
  });

  it('refuses credentials, a query and a fragment', () => {
    expect(reason('https://user:pass@graph.facebook.com')).toMatch(/user name or password/);
    expect(reason('https://user@graph.facebook.com')).toMatch(/user name or password/);
    expect(reason('https://graph.facebook.com/?access_token=x')).toMatch(/without query or fragment/);
    expect(reason('https://graph.facebook.com/#x')).toMatch(/without query or fragment/);
    expect(reason('https://graph.facebook.com/?')).toMatch(/without query or fragment/);
  });

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.1.2.3', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['[0:0:0:0:0:0:0:1]', 'a loopback address'],
    ['169.254.169.254', 'a link-local address (cloud metadata lives there)'],
    ['169.254.0.1', 'a link-local address (cloud metadata lives there)'],
    ['[fe80::1]', 'a link-local address (cloud metadata lives there)'],
    ['[febf::1]', 'a link-local address (cloud metadata lives there)'],
    ['10.0.0.1', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.10', 'a private address'],
    ['[fc00::1]', 'a private address'],
    ['[fd00:ec2::254]', 'a private address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['[::]', 'an unspecified address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.100.100.200', 'a shared (carrier-grade NAT) address'],
    ['224.0.0.1', 'a multicast, broadcast or reserved address'],
    ['255.255.255.255', 'a multicast, broadcast or reserved address'],
    ['[ff02::1]', 'a multicast, broadcast or reserved address'],
  ])('refuses %s: %s', (host, label) => {
    expect(reason(`https://${host}`)).toBe(`must name a public host, not ${label}`);
    expect(reason(`https://${host}:8443/wa`)).toBe(`must name a public host, not ${label}`);
  });

  it('sees through other spellings of the same address', () => {
    // The URL parser reads these as 127.0.0.1, 169.254.169.254 and 10.0.0.1, and so do we.
    for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '0x7f000001'])
      expect({ host, r: reason(`https://${host}`) }).toEqual({ host, r: 'must name a public host, not a loopback address' });
    expect(reason('https://0xa9fea9fe')).toBe('must name a public host, not a link-local address (cloud metadata lives there)');
    expect(reason('https://012.0.0.1')).toBe('must name a public host, not a private address');
    // IPv4-mapped IPv6 carries the IPv4 address.
    expect(reason('https://[::ffff:127.0.0.1]')).toBe('must name a public host, not a loopback address');
    expect(reason('https://[::ffff:a9fe:a9fe]')).toBe('must name a public host, not a link-local address (cloud metadata lives there)');
    expect(reason('https://[::ffff:192.168.0.1]')).toBe('must name a public host, not a private address');
  });

  it('refuses localhost, cloud metadata names and single-label names, with or without a trailing dot', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'x.y.localhost.'])
      expect({ host, r: reason(`https://${host}`) }).toEqual({ host, r: 'must name a public host, not localhost' });
    for (const host of ['metadata.google.internal', 'metadata.google.internal.', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']) {
      expect({ host, r: reason(`https://${host}`) }).toEqual({ host, r: 'must name a public host, not a cloud metadata host' });
    }
    expect(reason('https://intranet')).toBe('must name a public host, not a single-label name (a local network name)');
  });

  it('lets the local simulator use plain http and any host, and nothing but http(s)', () => {
    expect(sim('http://127.0.0.1:3100')).toEqual({ ok: true, url: 'http://127.0.0.1:3100' });
    expect(sim('http://localhost:3100/')).toEqual({ ok: true, url: 'http://localhost:3100' });
    expect(sim('http://[::1]:3100')).toEqual({ ok: true, url: 'http://[::1]:3100' });
    expect(sim('http://10.0.0.5:3100')).toEqual({ ok: true, url: 'http://10.0.0.5:3100' });
    expect(sim('https://sim.example.com')).toEqual({ ok: true, url: 'https://sim.example.com' });
    expect(reason('ftp://127.0.0.1', true)).toBe('must be an http(s) URL');
    expect(reason('file:///tmp/x', true)).toBe('must be an http(s) URL');
    expect(reason('http://u:p@127.0.0.1:3100', true)).toMatch(/user name or password/);
    expect(reason('127.0.0.1:3100', true)).toMatch(/absolute URL|http\(s\)/);
  });
});
