import type { Redis } from 'ioredis';

/**
 * Spaces sends to one destination across every notifier process (Slack allows about one message a
 * second per webhook). Returns 0 when the caller may send now, else how many ms to wait.
 */
export function createSendSpacer(redis: Redis, prefix: string) {
  return async (key: string, intervalMs: number): Promise<number> => {
    const slot = `${prefix}:pace:${key}`;
    const acquired = await redis.set(slot, '1', 'PX', intervalMs, 'NX');
    if (acquired === 'OK') return 0;
    const left = await redis.pttl(slot);
    return left > 0 ? left : intervalMs;
  };
}

export type SendSpacer = ReturnType<typeof createSendSpacer>;

/**
 * A destination's own "not before": when a platform answers 429 or 503 with Retry-After, every
 * notifier holds every message to that destination until then, so none is sent into the wait.
 * Held in Redis, shared by all notifier processes; a later, longer Retry-After extends it.
 */
export function createDestinationHold(redis: Redis, prefix: string) {
  const keyOf = (destination: string) => `${prefix}:hold:${destination}`;
  return {
    keyOf,
    async holdFor(destination: string, ms: number): Promise<void> {
      if (!(ms > 0)) return;
      const key = keyOf(destination);
      const left = await redis.pttl(key);
      if (left < ms) await redis.set(key, '1', 'PX', Math.ceil(ms));
    },
    /** How many ms the destination is still held; 0 when it may be sent to. */
    async heldFor(destination: string): Promise<number> {
      const left = await redis.pttl(keyOf(destination));
      return left > 0 ? left : 0;
    },
  };
}

export type DestinationHold = ReturnType<typeof createDestinationHold>;
