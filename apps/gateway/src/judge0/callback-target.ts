import { lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a result callback may not reach unless its host is allowed by configuration
 * (`CALLBACK_ALLOWED_HOSTS`): the SSRF guard. Loopback, "this network", private (RFC 1918, ULA),
 * carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), benchmarking, documentation,
 * multicast and reserved ranges, IPv4-mapped IPv6 of any of these.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Whether `address` (IPv4 or IPv6 literal) is one a callback may reach without being allowed. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host without IPv6 brackets, lower-case. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/**
 * A `dns.lookup` for `http.request` that refuses any address that is not public, unless the host
 * is in `allowedHosts`: checked on the address actually connected to, so a name that resolves to a
 * public address when the URL is checked and to a private one when it is called (DNS rebinding)
 * is refused too.
 */
export function guardedLookup(allowedHosts: readonly string[]) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const allowed = allowedHosts.includes(hostname.toLowerCase().replace(/^\[|\]$/g, ''));
      const refused = addresses.find((a) => !allowed && !isPublicAddress(a.address));
      if (refused) return callback(Object.assign(new Error(`callback_url: ${hostname} resolves to ${refused.address}, which is not a public address`), { code: 'EREFUSED' }), '', 0);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * Why `url` may not receive callbacks (its host resolves to a non-public address and is not in
 * `allowedHosts`, or does not resolve), or null when it may.
 */
export async function callbackRefusal(url: URL, allowedHosts: readonly string[]): Promise<string | null> {
  const host = hostOf(url);
  if (allowedHosts.includes(host)) return null;
  if (isIP(host)) return isPublicAddress(host) ? null : `must be a public address (${host} is not; see CALLBACK_ALLOWED_HOSTS)`;
  const addresses = await new Promise<{ address: string }[] | null>((resolve) => lookup(host, { all: true }, (err, a) => resolve(err ? null : a)));
  if (!addresses?.length) return `host ${host} does not resolve`;
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  return bad ? `must be a public address (${host} resolves to ${bad.address}; see CALLBACK_ALLOWED_HOSTS)` : null;
}
