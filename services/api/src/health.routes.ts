import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pingDatabase } from '@docketwatch/db';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';

const up = z.enum(['ok', 'down']);
const readiness = z.object({ status: z.enum(['ok', 'degraded']), postgres: up, redis: up });

export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const readySchema = (summary: string) => ({
    summary,
    response: { 200: readiness, 503: readiness.describe('Postgres or Redis does not answer') },
  });
  /** Ready for traffic: 200 only when Postgres and Redis both answer (`/healthz` is the older name). */
  const ready = async () => {
    const checks = await Promise.allSettled([pingDatabase(deps.db), deps.pingRedis()]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? ('ok' as const) : ('down' as const)));
    const ok = postgres === 'ok' && redis === 'ok';
    return { status: ok ? ('ok' as const) : ('degraded' as const), postgres: postgres!, redis: redis! };
  };
  const names = [
    ['/readyz', 'Ready for traffic: Postgres and Redis both answer'],
    ['/healthz', 'The older name of /readyz'],
  ] as const;
  for (const [path, summary] of names) {
    routes.get(path, { schema: readySchema(summary) }, async (_req, reply) => {
      const answer = await ready();
      return reply.status(answer.status === 'ok' ? 200 : 503).send(answer);
    });
  }
  /** Alive: the process answers. An orchestrator restarts it when this fails, so it checks nothing outside. */
  routes.get(
    '/livez',
    {
      schema: {
        summary: 'Alive: the process answers (checks nothing outside it)',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
}
