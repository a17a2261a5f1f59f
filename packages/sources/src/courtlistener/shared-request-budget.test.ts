import { isDocketwatchError } from '@docketwatch/core';
import { FREE_ACCOUNT_LIMITS, type Clock } from './request-budget';
import { budgetedIntervalSeconds, effectiveIntervalSeconds, SharedRequestBudget, type RequestLedger } from './shared-request-budget';

describe('budgetedIntervalSeconds', () => {
  it("paces each source by the tightest window, shared among the account's sources", () => {
    // 125 a day is one request every 691.2 s; the minute and hour windows allow more.
    expect(budgetedIntervalSeconds(FREE_ACCOUNT_LIMITS, 1)).toBe(692);
    expect(budgetedIntervalSeconds(FREE_ACCOUNT_LIMITS, 10)).toBe(6912);
    expect(budgetedIntervalSeconds([{ limit: 5000, perMs: 3_600_000 }], 4)).toBe(3);
    expect(budgetedIntervalSeconds([], 4)).toBe(0);
  });
});

describe('effectiveIntervalSeconds', () => {
  const limits = [{ limit: 1, perMs: 3_600_000 }];
  it("slows a CourtListener source to its share of the budget, and leaves other kinds' intervals alone", () => {
    expect(effectiveIntervalSeconds({ kind: 'courtlistener', interval_seconds: 900 }, { limits, sources: 3 })).toBe(10_800);
    expect(effectiveIntervalSeconds({ kind: 'courtlistener', interval_seconds: 86_400 }, { limits, sources: 3 })).toBe(86_400);
    expect(effectiveIntervalSeconds({ kind: 'feed', interval_seconds: 900 }, { limits, sources: 3 })).toBe(900);
  });
});

describe('SharedRequestBudget', () => {
  /** A ledger that answers the given waits in turn, and a clock that moves only when slept on. */
  function setUp(waits: number[]): { budget: SharedRequestBudget; sleeps: number[] } {
    let now = 0;
    const sleeps: number[] = [];
    const clock: Clock = { now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
    const ledger: RequestLedger = { take: async () => waits.shift() ?? 0, pauseFor: async () => undefined, remaining: async () => [] };
    return { budget: new SharedRequestBudget(ledger, { maxWaitMs: 10_000, clock }), sleeps };
  }

  it('sleeps until the ledger has a slot, asking again after each wait', async () => {
    const { budget, sleeps } = setUp([3000, 2000, 0]);
    await budget.acquire();
    expect(sleeps).toEqual([3000, 2000]);
  });

  it('fails with a retryable FETCH_RATE_LIMITED naming the wait rather than wait past maxWaitMs', async () => {
    const { budget, sleeps } = setUp([6000, 6000]);
    const err = await budget.acquire().catch((e: unknown) => e);
    expect(isDocketwatchError(err) && err.code).toBe('FETCH_RATE_LIMITED');
    expect(isDocketwatchError(err) && err.context).toMatchObject({ retryAfterMs: 6000, source: 'client-budget' });
    expect(sleeps).toEqual([6000]);
  });
});
