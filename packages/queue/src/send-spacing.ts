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
