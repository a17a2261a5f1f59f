/**
 * Politeness towards the sites we poll, shared by every poller: how many requests may be in flight
 * to one host, how far apart they start, and a hold on the whole host after it answered 429 or 503
 * with Retry-After. The HttpClient asks before each GET hop; the implementation that shares the
 * counts across processes lives in packages/queue (Redis), which owns the connection.
 */

/** The limits for one host: at most `concurrency` requests in flight, started at least `spacingMs` apart. */
export interface HostLimits {
  concurrency: number;
  spacingMs: number;
}

/** What the host's gatekeeper answered to one try for a slot. */
export type SlotAnswer =
  | { kind: 'acquired' }
  /** The host asked us to stay away (Retry-After) for `ms` more. */
  | { kind: 'held'; ms: number }
  /** Every slot is taken, or the spacing has not passed: try again in `ms` (null: when a slot frees). */
  | { kind: 'wait'; ms: number | null };

export interface HostPoliteness {
  /**
   * Takes one of the host's slots for `holder` if the hold, the spacing and the concurrency allow.
   * A slot is a lease that lapses after `leaseMs`, so a process killed mid-request never keeps one.
   */
  tryAcquire(host: string, holder: string, leaseMs: number): Promise<SlotAnswer>;
  release(host: string, holder: string): Promise<void>;
  /** No request to `host`, from any poller, for the next `ms`; a shorter hold never shortens a longer one. */
  holdHost(host: string, ms: number): Promise<void>;
}
