export * from './server';
export type { ApiDeps, RateLimits } from './api-deps';
export { OneTimeLogins } from './one-time-logins';
export { DEFAULT_RATE_LIMITS } from './rate-limit';
