/**
 * What an API token may do. Each write scope covers one kind of thing; `admin` covers everything,
 * including what no narrower scope names (kept mail, dead deliveries, the outbox, admin sign-in).
 * Reading public things (matters, timelines, sources, entries) needs no token at all.
 */
export const API_SCOPES = ['admin', 'matters:write', 'sources:write', 'subscriptions:write'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Whether a token holding `held` may do what needs `needed`. */
export function scopeGrants(held: readonly string[], needed: ApiScope): boolean {
  return held.includes('admin') || held.includes(needed);
}
