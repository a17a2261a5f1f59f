import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createDestinationHold } from './send-spacing';

/** Requests allowed in any window of `perMs` milliseconds. */
export interface LedgerWindow {
  limit: number;
  perMs: number;
}

// One round trip, atomic, on Redis's clock. The log is a sorted set of request times (a sliding
// window, as API throttles count); a request is counted only when the pause, the spacing and every
// window allow it, else the script answers how long until one may.
// KEYS: log, pause. ARGV: member, minIntervalMs, longestMs, then limit and perMs of each window.
const TAKE = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local longest = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
local last = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if last[2] then wait = math.max(wait, tonumber(last[2]) + tonumber(ARGV[2]) - now) end
for i = 4, #ARGV, 2 do
  local limit, per = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - per), '+inf')
  if count >= limit then
    -- The window opens when enough of its requests have aged out of it.
    local opening = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - per), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
    wait = math.max(wait, tonumber(opening[2]) + per - now)
  end
end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], longest)
return 0
`;

// KEYS: log. ARGV: perMs of each window.
const COUNTS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counts = {}
for i = 1, #ARGV do counts[i] = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[i])), '+inf') end
return counts
`;

/**
 * The requests every process has made against one API budget (one CourtListener token), so the
 * account's throttle holds however many pollers share the token.
 */
export function createRequestLedger(
  redis: Redis,
  prefix: string,
  name: string,
  options: { windows: readonly LedgerWindow[]; minIntervalMs: number },
) {
  const base = `${prefix}:budget:${name}`;
  const log = `${base}:log`;
  const pause = createDestinationHold(redis, base);
  const windows = options.windows.filter((w) => w.limit > 0 && w.perMs > 0);
  const longestMs = Math.max(options.minIntervalMs, 1, ...windows.map((w) => w.perMs));
  return {
    /** Counts one request now if allowed (0); else how many ms until one may be. */
    async take(): Promise<number> {
      const bounds = windows.flatMap((w) => [w.limit, w.perMs]);
      return (await redis.eval(TAKE, 2, log, pause.keyOf('api'), randomUUID(), options.minIntervalMs, longestMs, ...bounds)) as number;
    },
    /** After a 429: no process sends before `ms` has passed. */
    pauseFor: (ms: number) => pause.holdFor('api', ms),
    /** Requests each window still allows now. */
    async remaining(): Promise<{ windowSeconds: number; remaining: number }[]> {
      if (windows.length === 0) return [];
      const counts = (await redis.eval(COUNTS, 1, log, ...windows.map((w) => w.perMs))) as number[];
      return windows.map(({ limit, perMs }, i) => ({ windowSeconds: perMs / 1000, remaining: Math.max(0, limit - (counts[i] ?? 0)) }));
    },
  };
}
