import { docketwatchErrorOf } from '@docketwatch/test-support';
import { RequestBudget, type Clock } from './request-budget';

/** A clock that only moves when something sleeps on it: tests see the waits the budget asks for. */
function fakeClock(start = 1_000_000): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('RequestBudget', () => {
  it('says what each window still allows, counting reserved slots and forgetting those that aged out', async () => {
    const clock = fakeClock();
    const windows = [
      { limit: 5, perMs: 60_000 },
      { limit: 50, perMs: 3_600_000 },
    ];
    const budget = new RequestBudget({ windows, clock });
    expect(budget.remaining()).toEqual([
      { windowSeconds: 60, remaining: 5 },
      { windowSeconds: 3600, remaining: 50 },
    ]);
    for (let i = 0; i < 3; i++) await budget.acquire();
    expect(budget.remaining().map((w) => w.remaining)).toEqual([2, 47]);
    clock.advance(61_000);
    expect(budget.remaining().map((w) => w.remaining)).toEqual([5, 47]);
  });

  it('spaces requests by minIntervalMs', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ windows: [], minIntervalMs: 12_000, clock });
    for (let i = 0; i < 3; i++) await budget.acquire();
    expect(clock.sleeps).toEqual([12_000, 12_000]);
  });

  it('waits for the oldest request to leave a full window', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ windows: [{ limit: 5, perMs: 60_000 }], minIntervalMs: 0, maxWaitMs: 120_000, clock });
    for (let i = 0; i < 5; i++) await budget.acquire();
    expect(clock.sleeps).toEqual([]);
    await budget.acquire();
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('honours every window at once', async () => {
    const clock = fakeClock();
    const windows = [
      { limit: 2, perMs: 1_000 },
      { limit: 3, perMs: 10_000 },
    ];
    const budget = new RequestBudget({ windows, minIntervalMs: 0, maxWaitMs: 60_000, clock });
    for (let i = 0; i < 4; i++) await budget.acquire();
    // Third waits for the 1 s window; fourth for the 10 s window.
    expect(clock.sleeps).toEqual([1_000, 9_000]);
  });

  it('fails with a retryable FETCH_RATE_LIMITED instead of waiting longer than maxWaitMs', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ windows: [{ limit: 1, perMs: 86_400_000 }], minIntervalMs: 0, maxWaitMs: 60_000, clock });
    await budget.acquire();
    const err = await docketwatchErrorOf(budget.acquire());
    expect(err.code).toBe('FETCH_RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.context).toMatchObject({ retryAfterMs: 86_400_000, source: 'client-budget' });
    // A refused request claims no slot: a day later there is room again.
    clock.advance(86_400_000);
    await expect(budget.acquire()).resolves.toBeUndefined();
  });

  it('holds off after a 429 until Retry-After has passed', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ windows: [], minIntervalMs: 0, maxWaitMs: 10_000, clock });
    budget.pauseFor(30_000);
    expect((await docketwatchErrorOf(budget.acquire())).context.retryAfterMs).toBe(30_000);
    clock.advance(25_000);
    await budget.acquire();
    expect(clock.sleeps).toEqual([5_000]);
  });

  it('queues concurrent callers behind each other', async () => {
    // Three callers arrive at the same moment (time stands still while they queue).
    const sleeps: number[] = [];
    const clock: Clock = { now: () => 5_000, sleep: async (ms) => void sleeps.push(ms) };
    const budget = new RequestBudget({ windows: [], minIntervalMs: 1_000, clock });
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    expect(sleeps).toEqual([1_000, 2_000]);
  });
});
