export { HttpClient } from './http-client';
export { withRequestDeadline, type PollHttp } from './poll-deadline';
export type { FetchResult, GetOptions, HttpClientOptions, PostOptions } from './types';
export type { HostLimits, HostPoliteness, SlotAnswer } from './politeness';
export { decodeBody } from './decode-body';
export { retryAfterMs } from './retry-after';
export { isBlockedAddress, ipv6Words } from './address-policy';
export { RobotsRules } from './robots';
