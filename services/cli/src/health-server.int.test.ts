/**
 * Worker probes and the one-shot migration: a real Runtime on a real Postgres and Redis answers
 * /livez, /readyz and /metrics on HEALTH_PORT, /readyz says 503 and names what is down, and a
 * process told MIGRATE_ON_START=false leaves an empty database empty.
 */
import { Client } from 'pg';
import {
  createTestDatabase,
  deleteRedisPrefix,
  dropDatabase,
  TEST_DB_PREFIX,
  testRedisPrefix,
  type TestDatabase,
} from '@docketwatch/test-support';
import { Metrics } from '@docketwatch/log';
import { HealthServer } from './health-server';
import { Runtime } from './runtime';

jest.setTimeout(60_000);

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function get(address: { host: string; port: number }, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://${address.host}:${address.port}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('HEALTH_PORT on a worker process', () => {
  let t: TestDatabase;
  const prefix = testRedisPrefix();
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
    await deleteRedisPrefix(prefix);
  });

  it('answers /livez, /readyz and /metrics while Postgres and Redis answer', async () => {
    const runtime = Runtime.fromEnv(
      { DATABASE_URL: t.url, REDIS_PREFIX: prefix, HEALTH_PORT: '0', LOG_LEVEL: 'silent', MIGRATE_ON_START: 'false' },
      ['notifier'],
    );
    await runtime.start();
    try {
      const address = runtime.healthAddress!;
      expect(await get(address, '/livez')).toEqual({ status: 200, body: { status: 'live' } });
      expect(await get(address, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
      const metrics = await fetch(`http://${address.host}:${address.port}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const exposition = await metrics.text();
      expect(exposition).toContain('docketwatch_dependency_up{dependency="postgres"} 1');
      expect(exposition).toContain('docketwatch_dependency_up{dependency="redis"} 1');
      expect(exposition).toContain('docketwatch_process_resident_memory_bytes');
      expect((await get(address, '/nothing-here')).status).toBe(404);
    } finally {
      await runtime.stop();
    }
  });

  it('opens no listener without HEALTH_PORT', async () => {
    const runtime = Runtime.fromEnv({ DATABASE_URL: t.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' }, ['notifier']);
    await runtime.start();
    await runtime.stop();
    expect(runtime.healthAddress).toBeNull();
  });

  it('says 503 and names the dependency that does not answer, while /livez stays 200', async () => {
    const health = new HealthServer({ unavailable: async () => ['redis'] }, new Metrics());
    const address = await health.start('127.0.0.1', 0);
    try {
      expect(await get(address, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', unavailable: ['redis'] } });
      expect((await get(address, '/livez')).status).toBe(200);
    } finally {
      await health.stop();
    }
  });
});

describe('MIGRATE_ON_START', () => {
  const name = `${TEST_DB_PREFIX}migrate_${process.pid}`;
  const prefix = testRedisPrefix();
  let url: string;

  async function hasSchema(): Promise<boolean> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string | null }>("select to_regclass('public.entries')::text as table");
      return rows[0]?.table != null;
    } finally {
      await client.end();
    }
  }

  async function startAndStop(env: Record<string, string>): Promise<void> {
    const runtime = Runtime.fromEnv({ DATABASE_URL: url, REDIS_PREFIX: prefix, INBOUND_SMTP_PORT: '0', LOG_LEVEL: 'silent', ...env }, [
      'inbound',
    ]);
    await runtime.start();
    await runtime.stop();
  }

  beforeAll(async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(ADMIN_URL);
    target.pathname = `/${name}`;
    url = target.toString();
  });
  afterAll(async () => {
    await dropDatabase(name);
    await deleteRedisPrefix(prefix);
  });

  it('false: the process leaves the schema to `docketwatch migrate`; by default it migrates', async () => {
    await startAndStop({ MIGRATE_ON_START: 'false' });
    expect(await hasSchema()).toBe(false);
    await startAndStop({});
    expect(await hasSchema()).toBe(true);
  });
});
