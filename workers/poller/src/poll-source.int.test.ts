import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { getSource, recentSourcePolls, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, HttpStandIn, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { pollSource, type PollDeps } from './poll-source';

const log = createLogger({ name: 'test', level: 'silent' });

describe('pollSource (real Postgres, local court stand-in)', () => {
  let t: TestDatabase;
  let court: HttpStandIn;
  let deps: PollDeps;
  let http: HttpClient;
  let events = 0;

  const source = async (path: string) =>
    (await upsertSource(t.db, { kind: 'pacer-rss', name: path, address: `${court.url}${path}`, court: 'ca4', intervalSeconds: 60 })).id;

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    await court.start();
    http = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 1500,
      maxBodyBytes: 512 * 1024,
    });
    deps = { db: t.db, http, log, onEvents: async (n) => void (events += n) };
    const matter = await upsertMatter(t.db, { slug: 'm', name: 'M' });
    await upsertDocket(t.db, { matterId: matter.id, court: 'ca4', docketNumber: '23-6105' });
  });
  afterAll(async () => {
    await http.close();
    await court.stop();
    await t.drop();
  });

  it('baselines, then answers 304s and identical bodies without parsing or alerting', async () => {
    court.set('/feed', { body: readFixture('pacer/rss_feeds/ca4_1.xml'), contentType: 'application/rss+xml' });
    const id = await source('/feed');
    const first = await pollSource(deps, id);
    expect(first).toMatchObject({ status: 'stored', created: 1, events: 0, baseline: true });
    const again = await pollSource(deps, id);
    expect(again.status).toBe('not-modified');
    expect(court.requestsTo('/feed').at(-1)!.headers['if-none-match']).toMatch(/^"/);
    expect(court.requestsTo('/feed').at(-1)!.headers['user-agent']).toContain('docketwatch');
    expect(events).toBe(0);
    const s = await getSource(t.db, id);
    expect(s).toMatchObject({ health: 'ok', consecutive_failures: 0 });
    expect((await recentSourcePolls(t.db, [id])).get(id)!.map((p) => p.outcome)).toEqual(['not-modified', 'stored']);
    expect(s!.baseline_at).not.toBeNull();
  });

  it.each([
    ['a server error', { status: 500, body: 'oops' }, 'FETCH_HTTP_STATUS'],
    ['rate limiting that names no wait', { status: 429, body: 'slow down' }, 'FETCH_RATE_LIMITED'],
    ['an HTML error page', { body: '<html><body><h1>Service Unavailable</h1></body></html>', contentType: 'text/html' }, 'PARSE_'],
    [
      'a truncated feed',
      { body: readFixture('pacer/rss_feeds/ca4_1.xml').subarray(0, 3000), contentType: 'application/rss+xml' },
      'PARSE_',
    ],
    ['a stalled server', { body: '', hang: true }, 'FETCH_TIMEOUT'],
    ['a huge page', { body: Buffer.alloc(2 * 1024 * 1024, 'a'), contentType: 'application/rss+xml' }, 'FETCH_TOO_LARGE'],
  ])('records %s on the source, backs off, and keeps the source', async (_what, route, code) => {
    const path = `/bad-${code}-${Math.random().toString(36).slice(2)}`;
    court.set(path, route);
    const id = await source(path);
    const before = Date.now();
    const report = await pollSource(deps, id);
    expect(report.status).toBe('failed');
    const s = (await getSource(t.db, id))!;
    expect(s.last_error_code).toContain(code);
    expect(s.consecutive_failures).toBe(1);
    expect(s.health).toBe('degraded');
    expect(s.enabled).toBe(true);
    expect(s.next_check_at.getTime()).toBeGreaterThan(before + 60_000);
    // The poll is in the source's history, with why it failed.
    const [poll] = (await recentSourcePolls(t.db, [id])).get(id)!;
    expect(poll).toMatchObject({ outcome: 'failed', errorCode: expect.stringContaining(code.replace(/_$/, '')) });
    expect(await t.db.selectFrom('sightings').select('id').where('source_id', '=', id).execute()).toHaveLength(0);
  });

  it('defers a source rate limited with Retry-After until then, counting no failure', async () => {
    court.set('/limited', { status: 429, body: 'slow down', headers: { 'retry-after': '7200' } });
    const id = await source('/limited');
    const before = Date.now();
    expect((await pollSource(deps, id)).status).toBe('deferred');
    const s = (await getSource(t.db, id))!;
    expect(s).toMatchObject({ health: 'new', consecutive_failures: 0, last_error_code: null });
    expect(s.next_check_at.getTime()).toBeGreaterThanOrEqual(before + 7200_000);
    const [poll] = (await recentSourcePolls(t.db, [id])).get(id)!;
    expect(poll).toMatchObject({ outcome: 'deferred', errorCode: 'FETCH_RATE_LIMITED' });
  });

  it('marks a source failing after repeated failures, and healthy again after a success', async () => {
    court.set('/flaky', { status: 503, body: 'down' });
    const id = await source('/flaky');
    for (let i = 0; i < 5; i++) await pollSource(deps, id);
    expect((await getSource(t.db, id))!.health).toBe('failing');
    court.set('/flaky', { body: readFixture('pacer/rss_feeds/ca4_1.xml'), contentType: 'application/rss+xml' });
    await pollSource(deps, id);
    expect(await getSource(t.db, id)).toMatchObject({ health: 'ok', consecutive_failures: 0, last_error: null });
  });

  it("gives a hung upstream no longer than the source's own deadline: its config, else eight times its slowest healthy poll (at least 5 s)", async () => {
    // The client's own deadline is 1.5 s here; a source's deadline is only ever shorter.
    const slowClient = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true, timeoutMs: 60_000 });
    try {
      court.set('/hangs', { body: '', hang: true });
      const configured = (
        await upsertSource(t.db, {
          kind: 'pacer-rss',
          name: 'configured',
          address: `${court.url}/hangs`,
          court: 'ca4',
          intervalSeconds: 60,
          config: { deadlineSeconds: 1 },
        })
      ).id;
      expect((await pollSource({ ...deps, http: slowClient }, configured)).status).toBe('failed');
      expect((await getSource(t.db, configured))!.last_error).toContain('within 1000 ms');

      // A feed with a healthy history (five quick polls) that then hangs gives up after 5 s, not the client's 60 s.
      court.set('/quick', { body: readFixture('pacer/rss_feeds/ca4_1.xml'), contentType: 'application/rss+xml' });
      const learned = (
        await upsertSource(t.db, { kind: 'pacer-rss', name: 'learned', address: `${court.url}/quick`, court: 'ca4', intervalSeconds: 60 })
      ).id;
      for (let i = 0; i < 5; i++) await pollSource({ ...deps, http: slowClient }, learned);
      court.set('/quick', { body: '', hang: true });
      expect((await pollSource({ ...deps, http: slowClient }, learned)).status).toBe('failed');
      expect((await getSource(t.db, learned))!).toMatchObject({ last_error_code: 'FETCH_TIMEOUT' });
      expect((await getSource(t.db, learned))!.last_error).toContain('within 5000 ms');
    } finally {
      await slowClient.close();
    }
  }, 60_000);
});
