/**
 * Is a webhook POST from CourtListener? Its webhooks carry no signature: "our webhook system does
 * not have an authentication mechanism to verify that a POST to your endpoint came from
 * CourtListener"; instead "Our webhook events will be sent from one of two IP addresses" and
 * receivers should allow-list them and use long secret URLs (webhooks-docs-vlatest.html#security).
 */
import { BlockList, isIP } from 'node:net';
import { DocketwatchError } from '@docketwatch/core';
import { ipv6Words } from '@docketwatch/http';

/** The sender addresses CourtListener publishes (webhooks-docs-vlatest.html#security). */
export const COURTLISTENER_WEBHOOK_SENDERS: readonly string[] = Object.freeze(['34.210.230.218', '54.189.59.91']);

/** "[::1]" -> "::1", "fe80::1%eth0" -> "fe80::1". */
function bare(address: string): string {
  const trimmed = address.trim();
  const unbracketed = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  const zone = unbracketed.indexOf('%');
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/**
 * A dual-stack server reports IPv4 clients as IPv4-mapped IPv6 ("::ffff:34.210.230.218"); those
 * are the IPv4 address. Only ::ffff:0:0/96 is unwrapped: other embeddings (NAT64, 6to4) are
 * different hosts as far as an allow-list is concerned.
 */
function unmapped(address: string): string {
  const words = ipv6Words(address);
  if (!words || !words.slice(0, 5).every((word) => word === 0) || words[5] !== 0xffff) return address;
  const high = words[6] ?? 0;
  const low = words[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** A plain IP address in the form we compare, or null if it is not one. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const plain = unmapped(bare(address));
  const version = isIP(plain);
  if (version === 4) return { address: plain, family: 'ipv4' };
  if (version === 6) return { address: plain, family: 'ipv6' };
  return null;
}

function invalidEntry(entry: string, reason: string): DocketwatchError {
  return new DocketwatchError('CONFIG_INVALID', `Webhook sender allow-list: "${entry}" ${reason}`, { context: { entry } });
}

/**
 * Compiles an allow-list of addresses and CIDR blocks ("34.210.230.218", "10.0.0.0/8",
 * "2001:db8::/32") once; the returned check is cheap per request.
 *
 * @throws DocketwatchError CONFIG_INVALID for an entry that is not an address or CIDR block.
 */
export function createWebhookSenderCheck(allowList: readonly string[]): (remoteAddress: string | null | undefined) => boolean {
  const allowed = new BlockList();
  for (const raw of allowList) {
    const [addressPart = '', prefixPart, extra] = raw.trim().split('/');
    if (extra !== undefined) throw invalidEntry(raw, 'is not an address or CIDR block');
    const ip = normalise(addressPart);
    if (!ip) throw invalidEntry(raw, 'is not an IP address');
    if (prefixPart === undefined) {
      allowed.addAddress(ip.address, ip.family);
      continue;
    }
    const max = ip.family === 'ipv4' ? 32 : 128;
    if (!/^\d{1,3}$/.test(prefixPart) || Number(prefixPart) > max) throw invalidEntry(raw, `has a prefix length outside 0-${max}`);
    allowed.addSubnet(ip.address, Number(prefixPart), ip.family);
  }
  return (remoteAddress) => {
    if (!remoteAddress) return false;
    const ip = normalise(remoteAddress);
    return ip !== null && allowed.check(ip.address, ip.family);
  };
}

/**
 * True when `remoteAddress` (the socket's peer, e.g. request.socket.remoteAddress) is on the
 * allow-list; the default list is CourtListener's published senders. Behind a reverse proxy the
 * peer is the proxy: pass the client address the proxy reports, and only from a trusted proxy.
 */
export function verifyWebhookSender(
  remoteAddress: string | null | undefined,
  allowList: readonly string[] = COURTLISTENER_WEBHOOK_SENDERS,
): boolean {
  return createWebhookSenderCheck(allowList)(remoteAddress);
}
