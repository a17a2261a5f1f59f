/**
 * Keeps our calls inside CourtListener's per-user API throttle, which counts every request made
 * with one token. Accounts created under the membership model get 5/min, 50/hour and 125/day
 * (freelawproject/courtlistener#7196, "Apply new rate limits to accounts on email confirmation");
 * older accounts and the published docs have 5,000/hour ("Our APIs allow 5,000 queries per hour to
 * authenticated users", REST API v3/v4 docs, #rate-limits; #7200 tracks updating them). Both are
 * per account, so the windows are configurable and default to the stricter set.
 *
 * This budget counts in one process (tests, one-off commands); pollers share one budget across every
 * process through Redis (SharedRequestBudget). Whatever we get wrong, CourtListener answers 429 and
 * the client pauses until Retry-After.
 */
import { DocketwatchError } from '@docketwatch/core';

export interface RateWindow {
  /** Requests allowed in any window of `perMs` milliseconds. */
  limit: number;
  perMs: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The new-account throttle (#7196). */
export const FREE_ACCOUNT_LIMITS: readonly RateWindow[] = Object.freeze([
  { limit: 5, perMs: 60_000 },
  { limit: 50, perMs: 3_600_000 },
  { limit: 125, perMs: 86_400_000 },
]);

export interface RequestBudgetOptions {
  windows?: readonly RateWindow[];
  /** Least time between two requests, so a burst never empties a window at once. */
  minIntervalMs?: number;
  /** The longest acquire() sleeps; a later slot fails with FETCH_RATE_LIMITED instead. */
  maxWaitMs?: number;
  clock?: Clock;
}

/** The next request is further off than the caller may wait: come back after context.retryAfterMs. */
export function budgetSpentError(waitMs: number): DocketwatchError {
  return new DocketwatchError(
    'FETCH_RATE_LIMITED',
    `CourtListener API budget spent; next request allowed in ${Math.ceil(waitMs / 1000)} s`,
    {
      retryable: true,
      context: { retryAfterMs: waitMs, source: 'client-budget' },
    },
  );
}

export class RequestBudget {
  readonly #windows: readonly RateWindow[];
  readonly #minIntervalMs: number;
  readonly #maxWaitMs: number;
  readonly #clock: Clock;
  readonly #longestWindowMs: number;
  /** Start times of requests made or reserved, ascending. */
  #stamps: number[] = [];
  /** The latest slot handed out; kept apart from the stamps, which are pruned by window age. */
  #lastSlot = Number.NEGATIVE_INFINITY;
  #pausedUntil = 0;

  constructor(options: RequestBudgetOptions = {}) {
    this.#windows = (options.windows ?? FREE_ACCOUNT_LIMITS).filter((w) => w.limit > 0 && w.perMs > 0);
    this.#minIntervalMs = Math.max(0, options.minIntervalMs ?? 0);
    this.#maxWaitMs = Math.max(0, options.maxWaitMs ?? 60_000);
    this.#clock = options.clock ?? realClock;
    this.#longestWindowMs = Math.max(0, ...this.#windows.map((w) => w.perMs));
  }

  /**
   * Waits for the next request slot and claims it. Slots are reserved before sleeping, so
   * concurrent callers queue behind each other instead of all waking at once.
   *
   * @throws DocketwatchError FETCH_RATE_LIMITED (retryable; context.retryAfterMs) when the next
   *   slot is further off than maxWaitMs: the caller should try again later, not hold a job open.
   */
  async acquire(): Promise<void> {
    const now = this.#clock.now();
    this.#stamps = this.#stamps.filter((stamp) => stamp > now - this.#longestWindowMs);
    const slot = this.#nextSlot(now);
    const waitMs = slot - now;
    if (waitMs > this.#maxWaitMs) throw budgetSpentError(waitMs);
    this.#stamps.push(slot);
    this.#stamps.sort((a, b) => a - b);
    this.#lastSlot = Math.max(this.#lastSlot, slot);
    if (waitMs > 0) await this.#clock.sleep(waitMs);
  }

  /** Requests each window still allows; a slot reserved for a caller still sleeping counts as spent. */
  remaining(): { windowSeconds: number; remaining: number }[] {
    const now = this.#clock.now();
    return this.#windows.map(({ limit, perMs }) => ({
      windowSeconds: perMs / 1000,
      remaining: Math.max(0, limit - this.#stamps.filter((stamp) => stamp > now - perMs).length),
    }));
  }

  /** After a 429: no request before Retry-After has passed. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + Math.max(0, ms));
  }

  /** The earliest time at or after `now` that respects the pause, the spacing and every window. */
  #nextSlot(now: number): number {
    let slot = Math.max(now, this.#pausedUntil, this.#lastSlot + this.#minIntervalMs);
    for (let moved = true; moved;) {
      moved = false;
      for (const { limit, perMs } of this.#windows) {
        const inWindow = this.#stamps.filter((stamp) => stamp > slot - perMs);
        if (inWindow.length >= limit) {
          // The slot opens when enough of the window's requests have aged out of it.
          const opens = inWindow[inWindow.length - limit]! + perMs;
          if (opens > slot) {
            slot = opens;
            moved = true;
          }
        }
      }
    }
    return slot;
  }
}
