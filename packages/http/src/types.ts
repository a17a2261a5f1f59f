import type { HostResolver } from './guarded-lookup';
import type { HostPoliteness } from './politeness';

export interface HttpClientOptions {
  /** Honest User-Agent naming the service and a contact, e.g. "docketwatch/0.1 (+https://…; ops@example)". */
  userAgent: string;
  /** Per request hop: connect + headers + body. Default 20 000. */
  timeoutMs?: number;
  /** Larger bodies fail with FETCH_TOO_LARGE. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed by `get`. Default 5. */
  maxRedirects?: number;
  /** Skip the SSRF address checks. Default false; only tests and the embedded single-machine mode set it. */
  allowPrivateAddresses?: boolean;
  /**
   * Per-host concurrency, spacing and Retry-After holds for GETs (host:port), shared by every poller
   * when Redis-backed. Default none: one-off commands and tests fetch unthrottled.
   */
  politeness?: HostPoliteness;
  /** Longest a GET waits for a slot at its host before failing with FETCH_HOST_BUSY. Default timeoutMs. */
  maxSlotWaitMs?: number;
  /**
   * @internal Tests only — never set in production. Replaces DNS resolution and/or the address
   * policy so the SSRF paths can be exercised against a server on 127.0.0.1 (e.g. map
   * "feeds.example.test" to 127.0.0.1 and allow exactly that address) without touching real DNS.
   */
  testHooks?: {
    resolve?: HostResolver;
    isBlockedAddress?: (address: string) => boolean;
  };
}

export interface GetOptions {
  /** Validator from a previous response; sent as If-None-Match. */
  etag?: string | null;
  /** Validator from a previous response; sent as If-Modified-Since. */
  lastModified?: string | null;
  headers?: Record<string, string>;
  /** Accept header. Default "*\/*". */
  accept?: string;
  /** This request's deadline (each hop), when shorter than the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface PostOptions {
  headers?: Record<string, string>;
}

export interface FetchResult {
  status: number;
  notModified: boolean;
  /** The URL of the last hop after redirects. */
  finalUrl: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
}
