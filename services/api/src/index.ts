export * from './server';
export type { ApiDeps } from './api-deps';
export { OneTimeLogins } from './admin-session';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit';
