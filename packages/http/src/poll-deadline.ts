import type { HttpClient } from './http-client';

/** What a poll fetches through: GETs only. */
export type PollHttp = Pick<HttpClient, 'get'>;

/**
 * GETs that each give up after `timeoutMs` (or the client's own deadline, if shorter). A poll uses
 * its source's own deadline, read from how long that source usually takes, so a hung upstream
 * holds a poller's slot for seconds, not the client's generous default.
 */
export function withRequestDeadline(http: PollHttp, timeoutMs: number): PollHttp {
  return {
    get: (url, options = {}) => http.get(url, { ...options, timeoutMs: Math.min(timeoutMs, options.timeoutMs ?? timeoutMs) }),
  };
}
