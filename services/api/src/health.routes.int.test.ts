/** Liveness, readiness and Prometheus metrics of the API process, over real HTTP against real Postgres. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

describe('/livez, /readyz and /metrics', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let redisUp = true;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = buildServer({
      db: t.db,
      log: createLogger({ name: 'test', level: 'silent' }),
      pingRedis: async () => {
        if (!redisUp) throw new Error('ECONNREFUSED');
      },
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'x',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('is live whatever its dependencies say, and ready only when Postgres and Redis answer', async () => {
    redisUp = true;
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
    redisUp = false;
    const down = await fetch(`${origin}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', postgres: 'ok', redis: 'down' });
    const live = await fetch(`${origin}/livez`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    redisUp = true;
  });

  it('exposes request metrics by route pattern, never the raw URL with its token', async () => {
    await fetch(`${origin}/u/secret-unsubscribe-token-123`);
    await fetch(`${origin}/api/matters`);
    const res = await fetch(`${origin}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/docketwatch_http_request_duration_seconds_count\{method="GET",route="\/api\/matters",status="200"\} 1/);
    expect(text).toMatch(/route="\/u\/:token"/);
    expect(text).not.toContain('secret-unsubscribe-token-123');
    expect(text).toContain('docketwatch_process_resident_memory_bytes');
  });
});
