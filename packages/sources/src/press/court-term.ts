/**
 * The Supreme Court's term: October Term 2026 runs from the first Monday of October 2026 into the
 * summer of 2027, and the Court files its slip opinions by term (/opinions/slipopinion/26). A
 * listing URL may say `{term}` (two digits) instead of naming one, so a preset never goes stale.
 */
export function supremeCourtTerm(now: Date): number {
  const year = now.getUTCFullYear();
  // From 1 October: a few days early before the first Monday, when the new term's page is empty anyway.
  return (now.getUTCMonth() >= 9 ? year : year - 1) % 100;
}

const TERM = /\{term\}|%7Bterm%7D/gi;

/** The listing URL with `{term}` filled in for `now`; a URL without it is returned as it is. */
export function listingUrlFor(url: string, now: Date): string {
  return url.replace(TERM, String(supremeCourtTerm(now)).padStart(2, '0'));
}
