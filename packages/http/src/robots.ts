import { DocketwatchError, isDocketwatchError } from '@docketwatch/core';
import robotsParser from 'robots-parser';
import { decodeBody } from './decode-body';
import type { HttpClient } from './http-client';
import { urlForMessage } from './url-for-message';

/** RFC 9309 §2.4: a robots.txt should not be used for more than 24 hours. */
const DEFAULT_TTL_MS = 24 * 3_600_000;
/** Past this many origins, expired entries are dropped so the cache cannot grow without bound. */
const PRUNE_THRESHOLD = 1000;

type Rules = ReturnType<typeof robotsParser>;

/**
 * Honours robots.txt (RFC 9309) for the sites we poll. Each origin's file is fetched through the
 * one HttpClient, so politeness applies to it too, and kept in memory for a day. A 4xx means no
 * rules (allow all); a 5xx or no answer means "unreachable", which the RFC says to treat as
 * disallow-all for now, so the poll fails as FETCH_ROBOTS_UNAVAILABLE and is tried again later.
 */
export class RobotsRules {
  readonly #cache = new Map<string, { rules: Rules | null; expiresAt: number }>();

  constructor(
    private readonly http: HttpClient,
    /** Matched against the file's User-agent lines by its product token ("docketwatch"). */
    private readonly userAgent: string,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /**
   * @throws DocketwatchError FETCH_ROBOTS_DISALLOWED when the site's robots.txt disallows `address`;
   *   FETCH_ROBOTS_UNAVAILABLE when it cannot be read now; the client's own errors when the host
   *   is held or rate limits us (those defer the poll).
   */
  async check(address: string): Promise<void> {
    const url = new URL(address);
    const rules = await this.#rulesFor(url.origin);
    if (rules === null || rules.isAllowed(url.href, this.userAgent) !== false) return;
    const shown = urlForMessage(url, { showPath: true });
    throw new DocketwatchError(
      'FETCH_ROBOTS_DISALLOWED',
      `${url.origin}/robots.txt disallows ${shown}; set ignoreRobots on the source only if the site has given permission`,
      { retryable: false, context: { url: shown, line: rules.getMatchingLineNumber(url.href, this.userAgent) } },
    );
  }

  async #rulesFor(origin: string): Promise<Rules | null> {
    const now = Date.now();
    const cached = this.#cache.get(origin);
    if (cached && cached.expiresAt > now) return cached.rules;
    const rules = await this.#fetch(origin);
    if (this.#cache.size >= PRUNE_THRESHOLD) {
      for (const [key, entry] of this.#cache) if (entry.expiresAt <= now) this.#cache.delete(key);
    }
    this.#cache.set(origin, { rules, expiresAt: now + this.ttlMs });
    return rules;
  }

  /** The origin's rules, or null for none (a 4xx: RFC 9309 §2.3.1.3). */
  async #fetch(origin: string): Promise<Rules | null> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const result = await this.http.get(robotsUrl, { accept: 'text/plain' });
      return robotsParser(robotsUrl, decodeBody(result.body, result.contentType));
    } catch (err) {
      if (!isDocketwatchError(err)) throw err;
      const status = err.context.status;
      if (err.code === 'FETCH_HTTP_STATUS' && typeof status === 'number' && status >= 400 && status < 500) return null;
      if (err.code === 'FETCH_HTTP_STATUS' || err.code === 'FETCH_TIMEOUT' || err.code === 'FETCH_NETWORK') {
        throw new DocketwatchError('FETCH_ROBOTS_UNAVAILABLE', `${robotsUrl} could not be read now (${err.code}); polling it later`, {
          retryable: true,
          context: { url: robotsUrl },
          cause: err,
        });
      }
      throw err;
    }
  }
}
