/**
 * Politeness shared through Redis, counted at a local stand-in: two HttpClients with their own Redis
 * connections stand for two pollers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpClient } from '@docketwatch/http';
import { deleteRedisPrefix, HttpStandIn, TEST_REDIS_URL, testRedisPrefix, docketwatchErrorOf } from '@docketwatch/test-support';
import { createRedisConnection, type RedisConnection } from './connection';
import { createHostPoliteness, type PolitenessSettings } from './host-politeness';

const DEFAULTS: PolitenessSettings = { defaults: { concurrency: 2, spacingMs: 0 }, hosts: {} };

describe('host politeness through Redis', () => {
  const prefix = testRedisPrefix();
  const connections: RedisConnection[] = [];
  const clients: HttpClient[] = [];
  const standIns: HttpStandIn[] = [];

  /** One poller's client: its own Redis connection, the shared politeness settings. */
  function poller(settings: PolitenessSettings = DEFAULTS, maxSlotWaitMs?: number): HttpClient {
    const redis = createRedisConnection(TEST_REDIS_URL);
    connections.push(redis);
    const client = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 5000,
      politeness: createHostPoliteness(redis, prefix, settings),
      ...(maxSlotWaitMs === undefined ? {} : { maxSlotWaitMs }),
    });
    clients.push(client);
    return client;
  }

  async function standIn(): Promise<HttpStandIn> {
    const site = new HttpStandIn();
    await site.start();
    standIns.push(site);
    return site;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    for (const c of connections.splice(0)) c.disconnect();
    await Promise.all(standIns.splice(0).map((s) => s.stop()));
    await deleteRedisPrefix(prefix);
  });

  it('keeps at most two requests in flight to one host across two pollers', async () => {
    const site = await standIn();
    site.set('/docket', { body: 'ok', delayMs: 50 });
    const [a, b] = [poller(), poller()];

    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).get(`${site.url}/docket`)));

    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(site.requests).toHaveLength(12);
    // Twelve requests were ready at once; the host only ever saw two of them together.
    expect(site.maxInFlight).toBe(2);
  });

  it('takes a per-host override, and leaves other hosts to the defaults', async () => {
    const careful = await standIn();
    const other = await standIn();
    careful.set('/docket', { body: 'ok', delayMs: 20 });
    other.set('/docket', { body: 'ok', delayMs: 20 });
    const settings: PolitenessSettings = { ...DEFAULTS, hosts: { [new URL(careful.url).host]: { concurrency: 1 } } };
    const [a, b] = [poller(settings), poller(settings)];

    await Promise.all(
      Array.from({ length: 6 }, (_, i) => [
        (i % 2 ? a : b).get(`${careful.url}/docket`),
        (i % 2 ? a : b).get(`${other.url}/docket`),
      ]).flat(),
    );

    expect(careful.maxInFlight).toBe(1);
    expect(other.maxInFlight).toBe(2);
  });

  it('spaces requests to a host: inside the spacing, a second request is refused as FETCH_HOST_BUSY, not sent', async () => {
    const site = await standIn();
    site.set('/docket', { body: 'ok' });
    const settings: PolitenessSettings = { ...DEFAULTS, hosts: { [new URL(site.url).host]: { spacingMs: 60_000 } } };
    const [a, b] = [poller(settings, 1000), poller(settings, 1000)];

    await a.get(`${site.url}/docket`);
    const err = await docketwatchErrorOf(b.get(`${site.url}/docket`));
    const again = await docketwatchErrorOf(a.get(`${site.url}/docket`));

    expect(site.requests).toHaveLength(1);
    expect(err.code).toBe('FETCH_HOST_BUSY');
    expect(again.code).toBe('FETCH_HOST_BUSY');
    expect(err.retryable).toBe(true);
    expect(err.context.retryAfterMs).toBeGreaterThan(1000);
  });

  it('holds the whole host for every poller after a 429 with Retry-After', async () => {
    const site = await standIn();
    const elsewhere = await standIn();
    site.set('/busy', { status: 429, body: 'slow down', headers: { 'retry-after': '120' } });
    site.set('/docket', { body: 'ok' });
    elsewhere.set('/docket', { body: 'ok' });
    const [a, b] = [poller(), poller()];

    const limited = await docketwatchErrorOf(a.get(`${site.url}/busy`));
    const held = await docketwatchErrorOf(b.get(`${site.url}/docket`));

    expect(limited.code).toBe('FETCH_RATE_LIMITED');
    expect(held.code).toBe('FETCH_HOST_HELD');
    expect(held.context.retryAfterMs).toBeGreaterThan(100_000);
    expect(site.requestsTo('/docket')).toHaveLength(0);
    await expect(b.get(`${elsewhere.url}/docket`)).resolves.toMatchObject({ status: 200 });
  });

  it('a 503 without Retry-After does not hold the host', async () => {
    const site = await standIn();
    site.set('/down', { status: 503, body: 'down' });
    site.set('/docket', { body: 'ok' });
    const client = poller();

    expect((await docketwatchErrorOf(client.get(`${site.url}/down`))).code).toBe('FETCH_HTTP_STATUS');
    await expect(client.get(`${site.url}/docket`)).resolves.toMatchObject({ status: 200 });
  });

  it("frees a dead holder's slot once its lease lapses", async () => {
    const redis = createRedisConnection(TEST_REDIS_URL);
    connections.push(redis);
    const politeness = createHostPoliteness(redis, prefix, DEFAULTS);
    // Two holders that never release: a poller killed mid-request.
    expect(await politeness.tryAcquire('court.example', 'dead-1', 30)).toEqual({ kind: 'acquired' });
    expect(await politeness.tryAcquire('court.example', 'dead-2', 30)).toEqual({ kind: 'acquired' });
    expect(await politeness.tryAcquire('court.example', 'live', 30_000)).toEqual({ kind: 'wait', ms: null });

    await sleep(60);

    expect(await politeness.tryAcquire('court.example', 'live', 30_000)).toEqual({ kind: 'acquired' });
  });
});
