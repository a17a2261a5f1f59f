/**
 * CourtListener's throttle counts every request made with one token, from every process. The
 * shared budget keeps its count where every poller sees it (Redis, through a ledger from
 * packages/queue), so the account's limits hold however many pollers and sources share the token.
 */
import { budgetSpentError, realClock, type Clock, type RateWindow } from './request-budget';

export interface WindowRemaining {
  windowSeconds: number;
  remaining: number;
}

/** What the client asks before every request: RequestBudget counts in this process, SharedRequestBudget across all. */
export interface ApiRequestBudget {
  /** Waits for a request slot and claims it; FETCH_RATE_LIMITED (with context.retryAfterMs) when it is too far off. */
  acquire(): Promise<void>;
  /** After a 429: no request before `ms` has passed. */
  pauseFor(ms: number): void | Promise<void>;
  /** Requests each window still allows, for the metrics. */
  remaining(): WindowRemaining[] | Promise<WindowRemaining[]>;
}

/** Where the shared count lives: `createRequestLedger` in packages/queue. */
export interface RequestLedger {
  /** Counts one request now if the pause, the spacing and every window allow it (0); else ms until one may. */
  take(): Promise<number>;
  pauseFor(ms: number): Promise<void>;
  remaining(): Promise<WindowRemaining[]>;
}

export class SharedRequestBudget implements ApiRequestBudget {
  constructor(
    private readonly ledger: RequestLedger,
    private readonly options: { maxWaitMs: number; clock?: Clock },
  ) {}

  async acquire(): Promise<void> {
    const clock = this.options.clock ?? realClock;
    const giveUpAt = clock.now() + this.options.maxWaitMs;
    for (;;) {
      const waitMs = await this.ledger.take();
      if (waitMs <= 0) return;
      // Another poller may take the slot we waited for; then we wait again, within the same bound.
      if (clock.now() + waitMs > giveUpAt) throw budgetSpentError(waitMs);
      await clock.sleep(waitMs);
    }
  }

  pauseFor(ms: number): Promise<void> {
    return this.ledger.pauseFor(ms);
  }

  remaining(): Promise<WindowRemaining[]> {
    return this.ledger.remaining();
  }
}

/**
 * How often each of `sources` CourtListener sources can be polled for the budget to last: the
 * tightest window's pace (125 a day: one request every 691 s) shared among them, one request a poll.
 */
export function budgetedIntervalSeconds(windows: readonly RateWindow[], sources: number): number {
  const paceMs = Math.max(0, ...windows.filter((w) => w.limit > 0 && w.perMs > 0).map((w) => w.perMs / w.limit));
  return Math.ceil((paceMs * Math.max(1, sources)) / 1000);
}

/**
 * How often a source is polled in effect: its own interval, except that a CourtListener source comes
 * no more often than its share of the account's budget (`sources`: the enabled CourtListener sources).
 */
export function effectiveIntervalSeconds(
  source: { kind: string; interval_seconds: number },
  courtListener: { limits: readonly RateWindow[]; sources: number },
): number {
  if (source.kind !== 'courtlistener') return source.interval_seconds;
  return Math.max(source.interval_seconds, budgetedIntervalSeconds(courtListener.limits, courtListener.sources));
}
