import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Tokens for links in e-mail (confirm, unsubscribe, a subscription's feed): the id they act on and
 * an HMAC of it under the installation's secret and the link's purpose. Unguessable, nothing stored,
 * and a token made for one purpose is worthless for another.
 */
export function signToken(secret: string, purpose: string, id: number): string {
  return `${id}.${mac(secret, purpose, id)}`;
}

export function verifyToken(secret: string, purpose: string, token: string): number | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{20,64})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(mac(secret, purpose, id));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

function mac(secret: string, purpose: string, id: number): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url').slice(0, 32);
}

/**
 * A signed link that stops working at `expiresAt` (the manage page's magic link): the id, the
 * expiry in whole seconds, and an HMAC over both, so neither can be changed without the secret.
 */
export function signExpiringToken(secret: string, purpose: string, id: number, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${expires}.${mac(secret, `${purpose}@${expires}`, id)}`;
}

export function verifyExpiringToken(secret: string, purpose: string, token: string, now: Date = new Date()): number | null {
  const m = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{20,64})$/.exec(token);
  if (!m) return null;
  const expires = Number(m[2]);
  if (expires * 1000 <= now.getTime()) return null;
  return verifyToken(secret, `${purpose}@${expires}`, `${m[1]}.${m[3]}`);
}
