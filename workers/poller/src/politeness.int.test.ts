/**
 * Politeness as pollers see it, on real Postgres and Redis against a local stand-in: a host that
 * asked us to wait is left alone by every source on it, and the wait is not held against a source.
 */
import { isDocketwatchError } from '@docketwatch/core';
import { getSource, recentSourcePolls, upsertSource } from '@docketwatch/db';
import { HttpClient, RobotsRules } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { createHostPoliteness, createRedisConnection, createRequestLedger, type RedisConnection } from '@docketwatch/queue';
import { CourtListenerClient, SharedRequestBudget } from '@docketwatch/sources';
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

  it('one CourtListener budget holds across two pollers: a window of 3 a minute lets 3 requests out of 20', async () => {
    const windows = [{ limit: 3, perMs: 60_000 }];
    const courtListener = new HttpStandIn();
    await courtListener.start();
    const clients = [poller(), poller()].map((deps) => {
      const redis = createRedisConnection(TEST_REDIS_URL);
      connections.push(redis);
      const ledger = createRequestLedger(redis, prefix, 'courtlistener', { windows, minIntervalMs: 0 });
      return new CourtListenerClient({
        http: deps.http,
        token: 'test-token',
        baseUrl: courtListener.url,
        rateLimits: windows,
        budget: new SharedRequestBudget(ledger, { maxWaitMs: 0 }),
      });
    });

    // Twenty lookups, as many sources would make, split between the two pollers.
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => clients[i % 2]!.findDocket('mdd', `8:25-cv-${i}`)));
    await courtListener.stop();

    expect(courtListener.requests).toHaveLength(3);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' && isDocketwatchError(o.reason) ? [o.reason] : []));
    expect(refused.filter((err) => err.code === 'FETCH_RATE_LIMITED')).toHaveLength(17);
    expect(refused.every((err) => err.code !== 'FETCH_RATE_LIMITED' || (err.context.retryAfterMs as number) > 0)).toBe(true);
  });

  it("paces each CourtListener source by its share of the account's budget", async () => {
    const limits = [{ limit: 1, perMs: 3_600_000 }];
    const deps = poller();
    const courtListener = new CourtListenerClient({ http: deps.http, token: 'test-token', baseUrl: site.url, rateLimits: limits });
    // Two sources share one request an hour: each comes back no sooner than every two hours.
    const [first] = await Promise.all(
      ['a', 'b'].map((name) =>
        upsertSource(t.db, {
          kind: 'courtlistener',
          name: `CourtListener ${name}`,
          address: `courtlistener:${name}`,
          intervalSeconds: 600,
        }),
      ),
    );
    const before = Date.now();

    await pollSource({ ...deps, courtListener }, first!.id);

    const source = (await getSource(t.db, first!.id))!;
    expect(source.next_check_at.getTime()).toBeGreaterThanOrEqual(before + 7200_000);
    expect(source.next_check_at.getTime()).toBeLessThan(before + 7300_000);
  });

  it("robots.txt stops a disallowed source's fetch, unless the source says the site allowed us (ignoreRobots)", async () => {
    const court = new HttpStandIn();
    await court.start();
    court.set('/robots.txt', { body: 'User-agent: *\nDisallow: /private/\n' });
    court.set('/private/feed.xml', { body: RSS, contentType: 'application/rss+xml' });
    court.set('/private/permitted.xml', { body: RSS, contentType: 'application/rss+xml' });
    const deps = poller();
    const robots = new RobotsRules(deps.http, 'docketwatch-test/1.0 (+tests)');
    const refused = await upsertSource(t.db, {
      kind: 'feed',
      name: 'refused',
      address: `${court.url}/private/feed.xml`,
      intervalSeconds: 60,
    });
    const permitted = await upsertSource(t.db, {
      kind: 'feed',
      name: 'permitted',
      address: `${court.url}/private/permitted.xml`,
      intervalSeconds: 60,
      config: { ignoreRobots: true },
    });

    const refusedReport = await pollSource({ ...deps, robots }, refused.id);
    const permittedReport = await pollSource({ ...deps, robots }, permitted.id);
    await court.stop();

    expect(refusedReport.status).toBe('failed');
    expect(await getSource(t.db, refused.id)).toMatchObject({ last_error_code: 'FETCH_ROBOTS_DISALLOWED' });
    expect(court.requestsTo('/private/feed.xml')).toHaveLength(0);
    expect(permittedReport.status).toBe('stored');
    expect(court.requestsTo('/private/permitted.xml')).toHaveLength(1);
    expect(court.requestsTo('/robots.txt')).toHaveLength(1);
  });
});
