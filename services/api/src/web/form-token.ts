import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection for the forms behind a mailed link (confirm, manage). Each form carries a hidden
 * `csrf` field: an HMAC, under the installation secret, of the link token in the form's own URL.
 * A page served for that link is the only place it appears; another site can make a browser post to
 * our URL but cannot read our page (same-origin policy), so it cannot supply the field, and it cannot
 * compute it without the secret. No cookie or session store is needed: the token is bound to the
 * link, which is already the credential. The RFC 8058 one-click unsubscribe POST is exempt (mail
 * clients send it with no page in between), as the RFC requires.
 */
export function formToken(secret: string, linkToken: string): string {
  return createHmac('sha256', secret).update(`form:${linkToken}`).digest('base64url');
}

export function isFormTokenValid(secret: string, linkToken: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(formToken(secret, linkToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
