import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses an outbound request may connect to. Anything that is not globally routable
 * unicast is refused, because a user-supplied feed or webhook URL must never reach the host itself,
 * the private network, or a cloud metadata endpoint (169.254.169.254).
 */

const BLOCKED_V4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast
] as const) {
  BLOCKED_V4.addSubnet(network, prefix, 'ipv4');
}

const BLOCKED_V6 = new BlockList();
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and deprecated IPv4-compatible addresses
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments, incl. Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 embeds an arbitrary IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // SRv6 SIDs
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED_V6.addSubnet(network, prefix, 'ipv6');
}

/** True when a connection to `address` must be refused. Non-IP input is refused rather than guessed at. */
export function isBlockedAddress(address: string): boolean {
  const plain = stripZone(address);
  switch (isIP(plain)) {
    case 4:
      return BLOCKED_V4.check(plain, 'ipv4');
    case 6: {
      // Mapped and NAT64 addresses reach an IPv4 host, so that host decides.
      const embedded = embeddedIPv4(plain);
      return embedded === null ? BLOCKED_V6.check(plain, 'ipv6') : BLOCKED_V4.check(embedded, 'ipv4');
    }
    default:
      return true;
  }
}

function stripZone(address: string): string {
  const unbracketed = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or well-known NAT64 (64:ff9b::/96) address. */
export function embeddedIPv4(ipv6: string): string | null {
  const words = ipv6Words(ipv6);
  if (words === null) return null;
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!mapped && !nat64) return null;
  const high = words[6] ?? 0;
  const low = words[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Eight 16-bit groups of a valid IPv6 address, or null if it is not one. */
export function ipv6Words(ipv6: string): number[] | null {
  if (isIP(ipv6) !== 6) return null;
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const gap = ipv6.indexOf('::');
  if (gap === -1) return groups(ipv6);
  const head = groups(ipv6.slice(0, gap));
  const tail = groups(ipv6.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}
