import type { HostLimits, HostPoliteness, SlotAnswer } from '@docketwatch/http';
import type { Redis } from 'ioredis';
import { createDestinationHold } from './send-spacing';

export interface PolitenessSettings {
  /** Every host's limits unless `hosts` names it. */
  defaults: HostLimits;
  /** Per host (host[:port], as in the URL) for sites that ask for more care. */
  hosts: Record<string, Partial<HostLimits>>;
}

// One round trip, atomic, on Redis's own clock so every poller's view of time agrees. A host's
// holders are a sorted set scored by when each lease lapses: a holder that died stops counting
// once its score has passed, so no slot is lost for good.
// KEYS: holders, spacing, hold. ARGV: holder, concurrency, spacingMs, leaseMs.
const TRY_ACQUIRE = `
local held = redis.call('PTTL', KEYS[3])
if held > 0 then return {'held', held} end
local spacing = tonumber(ARGV[3])
if spacing > 0 then
  local gap = redis.call('PTTL', KEYS[2])
  if gap > 0 then return {'wait', gap} end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {'wait', -1} end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if spacing > 0 then redis.call('SET', KEYS[2], '1', 'PX', spacing) end
return {'acquired', 0}
`;

/**
 * Politeness shared by every poller on this Redis: per-host concurrency and spacing, and the hold a
 * 429 or 503 with Retry-After puts on a whole host.
 */
export function createHostPoliteness(redis: Redis, prefix: string, settings: PolitenessSettings): HostPoliteness {
  const base = `${prefix}:politeness`;
  const hold = createDestinationHold(redis, base);
  const limitsOf = (host: string): HostLimits => ({ ...settings.defaults, ...settings.hosts[host] });
  return {
    async tryAcquire(host, holder, leaseMs): Promise<SlotAnswer> {
      const { concurrency, spacingMs } = limitsOf(host);
      const keys = [`${base}:slots:${host}`, `${base}:spacing:${host}`, hold.keyOf(host)];
      const [kind, ms] = (await redis.eval(TRY_ACQUIRE, 3, ...keys, holder, concurrency, spacingMs, Math.ceil(leaseMs))) as [
        SlotAnswer['kind'],
        number,
      ];
      if (kind === 'acquired') return { kind };
      if (kind === 'held') return { kind, ms };
      return { kind, ms: ms > 0 ? ms : null };
    },
    async release(host, holder) {
      await redis.zrem(`${base}:slots:${host}`, holder);
    },
    holdHost: (host, ms) => hold.holdFor(host, ms),
  };
}
