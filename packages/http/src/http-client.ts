import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { isBlockedAddress } from './address-policy';
import {
  blockedError,
  hostBusyError,
  hostHeldError,
  statusError,
  tooLargeError,
  tooManyRedirectsError,
  transportError,
} from './fetch-errors';
import { guardedLookup, systemResolver } from './guarded-lookup';
import type { HostPoliteness } from './politeness';
import { BodyTooLargeError, readBodyCapped } from './read-body';
import { retryAfterMs } from './retry-after';
import { urlForMessage } from './url-for-message';
import type { FetchResult, GetOptions, HttpClientOptions, PostOptions } from './types';

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Never forwarded to another origin on redirect. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** A slot's lease outlives the hop's deadline by this much, so only a dead holder's slot lapses. */
const SLOT_LEASE_MARGIN_MS = 5_000;
/** How often a request waiting for a full host's slot asks again. */
const SLOT_RETRY_MS = 100;

type Method = 'GET' | 'POST';

/**
 * The one outbound HTTP client. Every URL it touches may be user-supplied, so each hop is checked:
 * scheme, literal IP, and (in the connector's DNS lookup) every resolved address.
 */
export class HttpClient {
  readonly #agent: Agent;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #maxRedirects: number;
  readonly #isBlocked: (address: string) => boolean;
  readonly #politeness: HostPoliteness | null;
  readonly #maxSlotWaitMs: number;

  constructor(options: HttpClientOptions) {
    if (!options.userAgent?.trim()) throw new TypeError('HttpClient requires a userAgent');
    this.#userAgent = options.userAgent;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.#isBlocked = options.allowPrivateAddresses ? () => false : (options.testHooks?.isBlockedAddress ?? isBlockedAddress);
    this.#politeness = options.politeness ?? null;
    this.#maxSlotWaitMs = options.maxSlotWaitMs ?? this.#timeoutMs;
    this.#agent = new Agent({
      // Backstops only: the per-hop deadline in #send is what callers observe.
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: {
        timeout: this.#timeoutMs,
        lookup: guardedLookup(options.testHooks?.resolve ?? systemResolver, this.#isBlocked),
      },
    });
  }

  /**
   * Conditional GET following redirects manually, so every hop is re-validated and counted. With
   * politeness, each hop waits for a slot at its host, and a 429 or 503 with Retry-After holds the
   * whole host for every poller.
   */
  async get(url: string, options: GetOptions = {}): Promise<FetchResult> {
    let target = this.#target('GET', url);
    let headers = this.#headers(options.headers, {
      accept: options.accept ?? '*/*',
      ...(options.etag ? { 'if-none-match': options.etag } : {}),
      ...(options.lastModified ? { 'if-modified-since': options.lastModified } : {}),
    });
    for (let redirects = 0; ; redirects++) {
      const result = await this.#politely(target, () => this.#send('GET', target, headers, undefined, options.timeoutMs));
      const location = REDIRECT_STATUSES.has(result.status) ? result.headers.location : undefined;
      if (location === undefined) return acceptForGet(result, target);
      if (redirects >= this.#maxRedirects) {
        throw tooManyRedirectsError(urlForMessage(target, { showPath: true }), this.#maxRedirects);
      }
      const next = this.#target('GET', location, target);
      if (next.origin !== target.origin) headers = withoutCredentials(headers);
      target = next;
    }
  }

  /** For webhooks: never follows redirects, and returns any status for the caller to judge. */
  async post(url: string, body: string | Buffer, options: PostOptions = {}): Promise<FetchResult> {
    return this.#send('POST', this.#target('POST', url), this.#headers(options.headers), body);
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** Runs one GET hop inside a slot at its host, and holds the host when it asks us to wait. */
  async #politely(url: URL, send: () => Promise<FetchResult>): Promise<FetchResult> {
    const politeness = this.#politeness;
    if (politeness === null) return send();
    const holder = randomUUID();
    await this.#acquireSlot(politeness, url.host, holder);
    let result: FetchResult;
    try {
      result = await send();
    } finally {
      // A slot that cannot be given back (Redis gone) lapses with its lease; the hop's own outcome stands.
      await politeness.release(url.host, holder).catch(() => undefined);
    }
    const waitMs = hostWaitOf(result);
    if (waitMs !== null) await politeness.holdHost(url.host, waitMs);
    return result;
  }

  async #acquireSlot(politeness: HostPoliteness, host: string, holder: string): Promise<void> {
    const leaseMs = this.#timeoutMs + SLOT_LEASE_MARGIN_MS;
    let waited = 0;
    for (;;) {
      const answer = await politeness.tryAcquire(host, holder, leaseMs);
      if (answer.kind === 'acquired') return;
      if (answer.kind === 'held') throw hostHeldError(host, answer.ms);
      const pause = answer.ms ?? SLOT_RETRY_MS;
      // Waiting longer would hold a poll job open for nothing; the poll comes back later instead.
      if (waited + pause > this.#maxSlotWaitMs) throw hostBusyError(host, pause);
      await sleep(pause);
      waited += pause;
    }
  }

  #headers(extra: Record<string, string> | undefined, defaults: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.#userAgent, ...defaults };
    for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }

  /** Parses and validates one hop's URL before any connection is attempted. */
  #target(method: Method, raw: string, base?: URL): URL {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      // The raw string may itself hold a secret, so it stays out of the message.
      const shown = base ? ` (redirect from ${urlForMessage(base, { showPath: method === 'GET' })})` : '';
      throw blockedError(`Not a valid URL${shown}`, { reason: 'invalid-url' });
    }
    const shown = urlForMessage(url, { showPath: method === 'GET' });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw blockedError(`Refusing ${url.protocol} URL; only http and https are allowed`, {
        reason: 'scheme',
        url: shown,
      });
    }
    // The connector's lookup never runs for literal IPs, so they are checked here.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && this.#isBlocked(host)) {
      throw blockedError(`Refusing to connect to ${shown}: not a public address`, {
        reason: 'address',
        url: shown,
        address: host,
      });
    }
    return url;
  }

  async #send(method: Method, url: URL, headers: Record<string, string>, body?: string | Buffer, timeoutMs?: number): Promise<FetchResult> {
    const shown = urlForMessage(url, { showPath: method === 'GET' });
    const limitMs = Math.max(1, Math.min(this.#timeoutMs, timeoutMs ?? this.#timeoutMs));
    // One deadline for connect + headers + body; undici's own timeouts reset on every chunk.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), limitMs);
    try {
      const response = await request(url, { dispatcher: this.#agent, method, headers, body, signal: deadline.signal });
      const responseHeaders = flattenHeaders(response.headers);
      const payload = await readBodyCapped(response.body, this.#maxBodyBytes, responseHeaders['content-length']);
      return toResult(response.statusCode, url, responseHeaders, payload);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw tooLargeError(shown, this.#maxBodyBytes);
      throw transportError(err, shown, deadline.signal.aborted, limitMs);
    } finally {
      clearTimeout(timer);
    }
  }
}

function acceptForGet(result: FetchResult, url: URL): FetchResult {
  if (result.notModified || (result.status >= 200 && result.status < 300)) return result;
  throw statusError(result.status, urlForMessage(url, { showPath: true }), result.headers['retry-after']);
}

/** How long a 429 or 503 asked the whole host to be left alone (Retry-After), or null. */
function hostWaitOf(result: FetchResult): number | null {
  if (result.status !== 429 && result.status !== 503) return null;
  const waitMs = retryAfterMs(result.headers['retry-after']);
  return waitMs !== null && waitMs > 0 ? waitMs : null;
}

function toResult(status: number, url: URL, headers: Record<string, string>, body: Buffer): FetchResult {
  return {
    status,
    notModified: status === 304,
    finalUrl: url.href,
    headers,
    body,
    etag: headers.etag ?? null,
    lastModified: headers['last-modified'] ?? null,
    contentType: headers['content-type'] ?? null,
  };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
}
