import type { Redis } from 'ioredis';

/** How many times a key was counted in its current window, and how long until that window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

export type WindowCounter = (key: string, windowMs: number) => Promise<WindowCount>;

// One round trip, atomic: the first count of a window starts its clock.
const COUNT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** Counts events per key in fixed windows, shared by every process on this Redis (rate limits). */
export function createWindowCounter(redis: Redis, prefix: string): WindowCounter {
  return async (key, windowMs) => {
    const [count, ttl] = (await redis.eval(COUNT_IN_WINDOW, 1, `${prefix}:limit:${key}`, windowMs)) as [number, number];
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  };
}
