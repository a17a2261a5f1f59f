/**
 * Politeness as pollers see it, on real Postgres and Redis against a local stand-in: a host that
 * asked us to wait is left alone by every source on it, and the wait is not held against a source.
 */
import { getSource, recentSourcePolls, upsertSource } from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { createHostPoliteness, createRedisConnection, type RedisConnection } from '@docketwatch/queue';
import {
  createTestDatabase,
  deleteRedisPrefix,
  HttpStandIn,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@docketwatch/test-support';
import { pollSource, type PollDeps } from './poll-source';

const log = createLogger({ name: 'test', level: 'silent' });
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Court</title><link>https://court.example</link></channel></rss>';

describe('politeness through pollSource (real Postgres and Redis, local stand-in)', () => {
  const prefix = testRedisPrefix();
  let t: TestDatabase;
  let site: HttpStandIn;
  const connections: RedisConnection[] = [];
  const clients: HttpClient[] = [];

  /** One poller's dependencies: its own Redis connection and HTTP client, the shared database. */
  function poller(): PollDeps {
    const redis = createRedisConnection(TEST_REDIS_URL);
    connections.push(redis);
    const http = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 2000,
      politeness: createHostPoliteness(redis, prefix, { defaults: { concurrency: 2, spacingMs: 0 }, hosts: {} }),
    });
    clients.push(http);
    return { db: t.db, http, log };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    site = new HttpStandIn();
    await site.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    for (const c of connections) c.disconnect();
    await site.stop();
    await deleteRedisPrefix(prefix);
    await t.drop();
  });

  it("a 429 with Retry-After holds the host for every source on it, and counts against no source's health", async () => {
    site.set('/busy.xml', { status: 429, body: 'slow down', headers: { 'retry-after': '120' } });
    site.set('/calm.xml', { body: RSS, contentType: 'application/rss+xml' });
    const busy = await upsertSource(t.db, { kind: 'feed', name: 'busy', address: `${site.url}/busy.xml`, intervalSeconds: 60 });
    const calm = await upsertSource(t.db, { kind: 'feed', name: 'calm', address: `${site.url}/calm.xml`, intervalSeconds: 60 });
    const [first, second] = [poller(), poller()];
    const before = Date.now();

    expect((await pollSource(first, busy.id)).status).toBe('deferred');
    expect((await pollSource(second, calm.id)).status).toBe('deferred');

    expect(site.requestsTo('/busy.xml')).toHaveLength(1);
    expect(site.requestsTo('/calm.xml')).toHaveLength(0);
    for (const id of [busy.id, calm.id]) {
      const source = (await getSource(t.db, id))!;
      expect(source).toMatchObject({ health: 'new', consecutive_failures: 0, last_error_code: null });
      // Back after the hold, not on the source's own 60 s interval.
      expect(source.next_check_at.getTime()).toBeGreaterThanOrEqual(before + 110_000);
    }
    const history = await recentSourcePolls(t.db, [busy.id, calm.id]);
    expect(history.get(busy.id)).toEqual([expect.objectContaining({ outcome: 'deferred', errorCode: 'FETCH_RATE_LIMITED' })]);
    expect(history.get(calm.id)).toEqual([expect.objectContaining({ outcome: 'deferred', errorCode: 'FETCH_HOST_HELD' })]);
  });
});
