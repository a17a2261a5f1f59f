import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listSources, pingDatabase } from '@docketwatch/db';
import type { ApiDeps } from './api-deps';

export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  /** Ready for traffic: 200 only when Postgres and Redis both answer (`/healthz` is the older name). */
  const ready = async (_req: FastifyRequest, reply: FastifyReply) => {
    const checks = await Promise.allSettled([pingDatabase(deps.db), deps.pingRedis()]);
    const [postgres, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const ok = postgres === 'ok' && redis === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', postgres, redis });
  };
  app.get('/readyz', ready);
  app.get('/healthz', ready);
  /** Alive: the process answers. An orchestrator restarts it when this fails, so it checks nothing outside. */
  app.get('/livez', async () => ({ status: 'ok' }));

  /** What a person needs to see that no source has stopped silently. */
  app.get('/api/sources', async () => {
    const sources = await listSources(deps.db);
    return {
      sources: sources.map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        court: s.court,
        health: s.health,
        intervalSeconds: s.interval_seconds,
        nextCheckAt: s.next_check_at,
        lastCheckedAt: s.last_checked_at,
        lastSuccessAt: s.last_success_at,
        consecutiveFailures: s.consecutive_failures,
        lastErrorCode: s.last_error_code,
        lastError: s.last_error,
      })),
    };
  });
}
