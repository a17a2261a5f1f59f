import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { createWindowCounter, type WindowCount, type WindowCounter } from '@docketwatch/queue';
import type { ApiDeps, RateLimits } from './api-deps';

export const DEFAULT_RATE_LIMITS: RateLimits = { requestsPerMinute: 300, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 30 };

const HOUR_MS = 60 * 60 * 1000;

/** Over a limit: a 429 the error handler answers, its Retry-After already on the reply. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}

/**
 * Limits every endpoint per client, and mail the API sends per address and per client. Counts live
 * in Redis when there is one, so every API process shares them; otherwise (a lone test server) in
 * this process.
 */
export function registerRateLimits(app: FastifyInstance, deps: ApiDeps): void {
  const limits = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  // Routes declared after this wait for it to load, so every one of them is limited.
  void app.register(rateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    ...(deps.redis ? { redis: deps.redis.connection, nameSpace: `${deps.redis.prefix}:limit:client:` } : {}),
    // Redis down must not take the site down with it; the mail limit below fails closed instead.
    skipOnError: true,
    errorResponseBuilder: (_req, context) => new RateLimitedError(`too many requests: try again in ${context.after}`),
  });
  const counter = deps.redis ? createWindowCounter(deps.redis.connection, deps.redis.prefix) : memoryWindowCounter();
  app.decorate('mailQuota', new MailQuota(counter, limits));
}

/**
 * Call before sending a mail a request asked for (a confirmation, a manage link): over the limit for
 * the address or for the client it throws a 429 with Retry-After, and nothing is sent.
 */
export async function takeMailQuota(req: FastifyRequest, reply: FastifyReply, address: string): Promise<void> {
  const retryAfterSeconds = await req.server.mailQuota.take(req.ip, address);
  if (retryAfterSeconds === 0) return;
  void reply.header('retry-after', String(retryAfterSeconds));
  throw new RateLimitedError(`too many mails asked for: try again in ${retryAfterSeconds} seconds`);
}

export class MailQuota {
  constructor(
    private readonly count: WindowCounter,
    private readonly limits: RateLimits,
  ) {}

  /** 0 when a mail may go, else the seconds until it may. Both counts move, so neither can be probed for free. */
  async take(client: string, address: string): Promise<number> {
    const [byAddress, byClient] = await Promise.all([
      this.count(`mail:to:${address.trim().toLowerCase()}`, HOUR_MS),
      this.count(`mail:from:${client}`, HOUR_MS),
    ]);
    const over = [
      byAddress.count > this.limits.mailsPerAddressPerHour ? byAddress : null,
      byClient.count > this.limits.mailsPerClientPerHour ? byClient : null,
    ].filter((c): c is WindowCount => c !== null);
    return over.length === 0 ? 0 : Math.ceil(Math.max(...over.map((c) => c.resetInMs)) / 1000);
  }
}

/** The same fixed windows as Redis's, in this process only. */
function memoryWindowCounter(): WindowCounter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return async (key, windowMs) => {
    const now = Date.now();
    const current = windows.get(key);
    const window = current && current.endsAt > now ? current : { count: 0, endsAt: now + windowMs };
    window.count += 1;
    windows.set(key, window);
    return { count: window.count, resetInMs: window.endsAt - now };
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    mailQuota: MailQuota;
  }
}
