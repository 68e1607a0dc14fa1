import { BlockList, isIP } from 'node:net';

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Address ranges a provider base URL may not name: the provider token travels with every request,
 * and the worker would otherwise call into its own host or network (cloud metadata, databases,
 * admin ports) on a tenant's say-so. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are checked as
 * the IPv4 address they carry.
 */
const RANGES: [label: string, ranges: [network: string, prefix: number, family: 'ipv4' | 'ipv6'][]][] = [
  [
    'an unspecified address',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'a loopback address',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'a link-local address (cloud metadata lives there)',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  [
    'a private address',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  ['a shared (carrier-grade NAT) address', [['100.64.0.0', 10, 'ipv4']]],
  [
    'a multicast, broadcast or reserved address',
    [
      ['224.0.0.0', 3, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
];

const BLOCKS = RANGES.map(([label, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return { label, list };
});

/** Names that lead to the machine itself or to a cloud's instance metadata, whatever DNS says. */
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/**
 * The provider base URL a tenant may be created with: https, a public host, no credentials, query
 * or fragment (requests append `/{version}/…` to it). The local simulator (`simulator`) may use
 * plain http and any host. Literal addresses and well-known names are checked; a public name that
 * resolves to a private address is not (that needs a resolver, at every request). Returns the URL
 * without trailing slashes.
 */
export function checkProviderBaseUrl(raw: string, options: { simulator: boolean }): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse('must be an absolute URL, e.g. https://graph.facebook.com');
  }
  if (url.protocol !== 'https:' && !(options.simulator && url.protocol === 'http:')) {
    return refuse(
      options.simulator ? 'must be an http(s) URL' : 'must be https: the provider token travels with every request (plain http only for the local simulator)',
    );
  }
  if (url.username || url.password) return refuse('must not carry a user name or password: the token is given apart');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return refuse('must be scheme, host and an optional path, without query or fragment');
  if (!options.simulator) {
    const problem = hostProblem(url.hostname);
    if (problem) return refuse(`must name a public host, not ${problem}`);
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function hostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(address);
  if (family !== 0) {
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return BLOCKS.find((b) => b.list.check(address, type))?.label ?? null;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  if (METADATA_HOSTS.has(host)) return 'a cloud metadata host';
  if (!host.includes('.')) return 'a single-label name (a local network name)';
  return null;
}

function refuse(reason: string): BaseUrlCheck {
  return { ok: false, reason };
}
