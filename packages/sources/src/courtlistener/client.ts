/**
 * Polls CourtListener's REST API v4 through the project's one HTTP client (packages/http).
 *
 * Authentication is a token header, "Authorization: Token <your-token-here>" (REST docs,
 * #authentication). The token lives in a private field, goes into that header only, and only to
 * CourtListener's origin: `next` links are checked before we follow them. HttpClient's errors name
 * the URL, never the headers, so the token stays out of errors and logs.
 */
import { DocketwatchError, ParseError, isDocketwatchError } from '@docketwatch/core';
import type { ParsedEntry } from '@docketwatch/core';
import { decodeBody, type HttpClient } from '@docketwatch/http';
import { advanceCursor, isNewSince, type ModifiedCursor } from './modified-cursor';
import { readCreatedDocketAlert, readDocketAlertsPage, type CourtListenerDocketAlert } from './parse-docket-alerts';
import { readDocketEntriesPage } from './parse-docket-entries';
import { docketNumberCore, pickDocket, readDocketsPage, type CourtListenerDocket } from './parse-dockets';
import { readRecapSearchPage, recapSearchUrl, type RecapSearch, type RecapSearchPage } from './parse-search';
import { FREE_ACCOUNT_LIMITS, RequestBudget, type Clock, type RateWindow } from './request-budget';
import type { ApiRequestBudget, WindowRemaining } from './shared-request-budget';
import { toParsedEntry } from './to-parsed-entry';

export const DEFAULT_BASE_URL = 'https://www.courtlistener.com';
/** 60 s / 5: the spacing that keeps a steady poller inside a 5-per-minute throttle. */
export const DEFAULT_MIN_INTERVAL_MS = 12_000;
/**
 * Pages per fetch. Entries come in order of modification, so a crawl cut short resumes from the
 * returned cursor on the next poll. 10 pages of 20 stay within a day's free budget many times over.
 */
export const DEFAULT_MAX_PAGES = 10;
/** How long to stay away after a 429 that named no Retry-After. */
const DEFAULT_PAUSE_MS = 60_000;

const WHAT = 'CourtListener docket entries';

export interface CourtListenerClientOptions {
  http: HttpClient;
  /** The account's API token. Never logged, never sent anywhere but baseUrl's origin. */
  token: string;
  /** Default https://www.courtlistener.com. */
  baseUrl?: string;
  /**
   * The budget every request is taken from. Pollers pass a SharedRequestBudget (one count for every
   * process); without it the client keeps its own from rateLimits, minIntervalMs and maxWaitMs.
   */
  budget?: ApiRequestBudget;
  /** Least time between requests. Default 12 000 (5 a minute). */
  minIntervalMs?: number;
  /** The account's throttle windows, which also pace its sources. Default 5/min, 50/hour, 125/day (new free accounts). */
  rateLimits?: readonly RateWindow[];
  /** Longest the client waits for a request slot before failing with FETCH_RATE_LIMITED. Default 60 000. */
  maxWaitMs?: number;
  /** Pages per fetchDocketEntries call. Default 10. */
  maxPages?: number;
  /** @internal Tests only: replaces the clock the rate budget waits on. */
  clock?: Clock;
}

export interface FetchEntriesOptions {
  /** Our court id for the docket ("mdd"): entry times are in its time zone. */
  court: string;
  /** Only entries modified since this cursor: the cursor of the previous poll. */
  since?: ModifiedCursor | null;
  /** Overrides the client's page cap for this call. */
  maxPages?: number;
}

export interface DocketEntriesBatch {
  /** One page's entries (those new since the cursor), in order of modification. */
  entries: ParsedEntry[];
  /** Where the next poll should resume (pass it as since): everything up to it has been read. */
  cursor: ModifiedCursor | null;
  /** True on the last batch when the page cap ended the crawl with pages left. */
  hasMore: boolean;
}

export interface DocketEntriesResult {
  entries: ParsedEntry[];
  cursor: ModifiedCursor | null;
  /** False when the page cap stopped the crawl; poll again from cursor. */
  complete: boolean;
}

export class CourtListenerClient {
  readonly #http: HttpClient;
  readonly #token: string;
  readonly #base: URL;
  readonly #budget: ApiRequestBudget;
  /** The account's throttle windows: the budget's size, and what each source's interval is derived from. */
  readonly rateLimits: readonly RateWindow[];
  readonly #maxPages: number;

  constructor(options: CourtListenerClientOptions) {
    // The message never repeats the token, even a malformed one.
    if (typeof options.token !== 'string' || !/^[\x21-\x7e]+$/.test(options.token)) {
      throw new TypeError('CourtListenerClient requires an API token (printable characters, no spaces)');
    }
    const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('CourtListenerClient baseUrl must be http(s)');
    this.#http = options.http;
    this.#token = options.token;
    this.#base = new URL(base.origin);
    this.#maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
    this.rateLimits = options.rateLimits ?? FREE_ACCOUNT_LIMITS;
    this.#budget =
      options.budget ??
      new RequestBudget({
        windows: this.rateLimits,
        minIntervalMs: options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS,
        maxWaitMs: options.maxWaitMs ?? 60_000,
        ...(options.clock ? { clock: options.clock } : {}),
      });
  }

  /** Requests the budget still allows in each of its rate windows, for the metrics. */
  budgetRemaining(): WindowRemaining[] | Promise<WindowRemaining[]> {
    return this.#budget.remaining();
  }

  /**
   * CourtListener's docket for a case, or null when it has none: one request to the docket API,
   * by docket_number_core for district numbers (CourtListener's own normal form) and by exact
   * docket_number otherwise, then matched on court and canonical number.
   */
  async findDocket(court: string, docketNumber: string): Promise<CourtListenerDocket | null> {
    const url = new URL('/api/rest/v4/dockets/', this.#base);
    url.searchParams.set('court', court.trim().toLowerCase());
    const core = docketNumberCore(docketNumber);
    if (core) url.searchParams.set('docket_number_core', core);
    else url.searchParams.set('docket_number', docketNumber.trim());
    // Dockets are wide; ask only for what we read (REST docs, #field-selection).
    url.searchParams.set('fields', 'id,court,court_id,docket_number,case_name,case_name_full,pacer_case_id,absolute_url');
    const { dockets } = readDocketsPage(await this.#getText(url));
    return pickDocket(dockets, court, docketNumber);
  }

  /**
   * One page of a saved RECAP search (the v4 search API, type=r), newest filed first; pass the
   * page's `next` to read the one after it. Each page is one request of the budget.
   */
  async searchRecap(search: RecapSearch, next?: string): Promise<RecapSearchPage> {
    const url = next ? this.#sameOrigin(next) : recapSearchUrl(this.#base, search);
    return readRecapSearchPage(await this.#getText(url));
  }

  /**
   * The docket's entries in order of modification, one batch per API page, following `next` up to
   * the page cap. After a previous poll it asks for date_modified__gte the cursor's instant and
   * drops the entries the cursor has seen (modified-cursor.ts says why modification, not filing).
   *
   * @throws DocketwatchError FETCH_* from the HTTP client (FETCH_RATE_LIMITED on 429, with
   *   context.retryAfterMs; the client then holds off until that time), FETCH_RATE_LIMITED from
   *   the client's own budget, FETCH_BLOCKED_ADDRESS for a next link off CourtListener's origin;
   *   ParseError for a page that is not a docket-entry page or holds another docket's entries.
   */
  async *fetchDocketEntries(docketId: number, options: FetchEntriesOptions): AsyncGenerator<DocketEntriesBatch, void, undefined> {
    if (!Number.isSafeInteger(docketId) || docketId <= 0) throw new TypeError('docketId must be a positive integer');
    const maxPages = Math.max(1, options.maxPages ?? this.#maxPages);
    const since = options.since ?? null;
    const court = options.court.trim().toLowerCase();
    let cursor = since;
    let url: URL | null = this.#entriesUrl(docketId, since);
    for (let page = 1; url !== null; page++) {
      const { entries, next } = readDocketEntriesPage(await this.#getText(url));
      entries.forEach((entry, i) => {
        if (entry.docketId !== null && entry.docketId !== docketId) {
          throw new ParseError('PARSE_MALFORMED', `${WHAT}: entry of another docket`, {
            entry: i,
            expected: docketId,
            got: entry.docketId,
          });
        }
      });
      cursor = advanceCursor(cursor, entries);
      const capped = next !== null && page >= maxPages;
      yield {
        entries: entries.flatMap((entry, i) => (isNewSince(entry, since) ? [toParsedEntry(entry, court, WHAT, i)] : [])),
        cursor,
        hasMore: capped,
      };
      url = capped || next === null ? null : this.#sameOrigin(next);
    }
  }

  /** fetchDocketEntries gathered into one result. */
  async fetchAllDocketEntries(docketId: number, options: FetchEntriesOptions): Promise<DocketEntriesResult> {
    const entries: ParsedEntry[] = [];
    let cursor = options.since ?? null;
    let complete = true;
    for await (const batch of this.fetchDocketEntries(docketId, options)) {
      entries.push(...batch.entries);
      cursor = batch.cursor;
      complete = !batch.hasMore;
    }
    return { entries, cursor, complete };
  }

  #entriesUrl(docketId: number, since: ModifiedCursor | null): URL {
    const url = new URL('/api/rest/v4/docket-entries/', this.#base);
    url.searchParams.set('docket', String(docketId));
    url.searchParams.set('order_by', 'date_modified');
    if (since) url.searchParams.set('date_modified__gte', since.modifiedSince);
    return url;
  }

  /** The account's docket alerts, every page of them. */
  async listDocketAlerts(): Promise<CourtListenerDocketAlert[]> {
    const alerts: CourtListenerDocketAlert[] = [];
    let url: URL | null = new URL('/api/rest/v4/docket-alerts/', this.#base);
    while (url !== null) {
      const page = readDocketAlertsPage(await this.#getText(url));
      alerts.push(...page.alerts);
      url = page.next === null ? null : this.#sameOrigin(page.next);
    }
    return alerts;
  }

  /**
   * Subscribes the account to a docket's alerts (POST /api/rest/v4/docket-alerts/ with the docket
   * id), so its webhook fires for the docket's new entries.
   *
   * @throws DocketwatchError FETCH_HTTP_STATUS when CourtListener refuses (its answer in context.detail).
   */
  async createDocketAlert(docketId: number): Promise<CourtListenerDocketAlert> {
    if (!Number.isSafeInteger(docketId) || docketId <= 0) throw new TypeError('docketId must be a positive integer');
    const url = new URL('/api/rest/v4/docket-alerts/', this.#base);
    await this.#budget.acquire();
    const result = await this.#http.post(url.href, JSON.stringify({ docket: docketId }), {
      headers: { authorization: `Token ${this.#token}`, 'content-type': 'application/json', accept: 'application/json' },
    });
    const text = decodeBody(result.body, result.contentType);
    if (result.status < 200 || result.status > 299) {
      throw new DocketwatchError('FETCH_HTTP_STATUS', `CourtListener refused a docket alert for ${docketId} (HTTP ${result.status})`, {
        retryable: result.status === 429 || result.status >= 500,
        context: { status: result.status, url: url.href, detail: text.slice(0, 300) },
      });
    }
    return readCreatedDocketAlert(text);
  }

  /**
   * A next link is followed only on our origin: it comes from the response, and our token goes
   * with it. An http link to our https host (a proxy's view of itself) is upgraded, not refused.
   */
  #sameOrigin(next: string): URL {
    const url = new URL(next);
    if (url.origin === this.#base.origin) return url;
    if (url.protocol === 'http:' && this.#base.protocol === 'https:' && url.hostname === this.#base.hostname && url.port === '') {
      url.protocol = 'https:';
      return url;
    }
    throw new DocketwatchError('FETCH_BLOCKED_ADDRESS', `CourtListener returned a next link to ${url.origin}; not following it`, {
      retryable: false,
      context: { reason: 'next-origin', origin: url.origin, expected: this.#base.origin },
    });
  }

  async #getText(url: URL): Promise<string> {
    await this.#budget.acquire();
    try {
      const result = await this.#http.get(url.href, {
        headers: { authorization: `Token ${this.#token}` },
        accept: 'application/json',
      });
      return decodeBody(result.body, result.contentType);
    } catch (err) {
      if (isDocketwatchError(err) && err.code === 'FETCH_RATE_LIMITED') {
        const retryAfterMs = err.context.retryAfterMs;
        await this.#budget.pauseFor(typeof retryAfterMs === 'number' ? retryAfterMs : DEFAULT_PAUSE_MS);
      }
      throw err;
    }
  }
}
