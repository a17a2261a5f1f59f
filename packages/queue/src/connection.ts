import { Redis, type RedisOptions } from 'ioredis';

export type RedisConnection = Redis;

/** BullMQ workers need maxRetriesPerRequest: null so blocking commands wait out a Redis restart. */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}

export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
}

/** Fails fast, with a message saying how to get a Redis, when none answers at `url`. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    const where = new URL(url).host;
    throw new RedisUnavailableError(
      `docketwatch needs Redis and none answered at ${where} (${(err as Error).message}).\n` +
        'Start one locally:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
        '  (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)\n' +
        'or point REDIS_URL at one, e.g. REDIS_URL=redis://my-redis:6379',
    );
  } finally {
    redis.disconnect();
  }
}
