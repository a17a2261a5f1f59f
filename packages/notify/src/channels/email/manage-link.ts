import { signExpiringToken } from '@docketwatch/core';

/** How long a mailed manage link opens the manage page: long enough for a week's alerts, short enough that an old forwarded mail stops working. */
export const MANAGE_LINK_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * The magic link to the manage page of the address that receives (or owns) this subscription.
 * Stateless: the subscription id and expiry, signed with the installation secret, so every alert,
 * digest and account mail can carry one without storing a row per mail; the address never appears
 * in the URL (nor in request logs).
 */
export function manageLinkUrl(publicUrl: string, secret: string, subscriptionId: number, now: Date = new Date()): string {
  return `${publicUrl}/manage/${signExpiringToken(secret, 'manage', subscriptionId, new Date(now.getTime() + MANAGE_LINK_TTL_MS))}`;
}
