/** Sources over JSON (real HTTP, real Postgres): validated by their kind's catalogue schema; changes need sources:write. */
import type { FastifyInstance } from 'fastify';
import { createApiToken, getSource, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase, callJson, listenLocally, quietApiDeps } from '@docketwatch/test-support';
import { buildServer } from './server';

describe('source routes', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let writer: string;
  let docketId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' });
    docketId = (await upsertDocket(t.db, { matterId: matter.id, court: 'dcd', docketNumber: '1:25-cv-00766' })).id;
    writer = await createApiToken(t.db, 'ops-desk', { scopes: ['sources:write'] });
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (method: string, path: string, body?: unknown, token: string | null = writer) => callJson(origin, method, path, body, token);
  const sourceCount = async () => (await t.db.selectFrom('sources').select('id').execute()).length;

  it('adds a press feed and a docket’s RSS feed as catalogue entries, and lists them with their health', async () => {
    const feed = await call('POST', '/api/sources', {
      section: 'feeds',
      entry: { kind: 'feed', name: 'Lawfare', url: 'https://press.example/feed.xml', every: '2h' },
    });
    expect(feed.status).toBe(201);
    expect(feed.body!.source).toMatchObject({
      kind: 'feed',
      name: 'Lawfare',
      intervalSeconds: 7200,
      enabled: true,
      health: 'new',
      docketId: null,
    });
    const rss = await call('POST', '/api/sources', {
      section: 'docketSources',
      docketId,
      entry: { kind: 'pacer-rss', url: 'https://ecf.dcd.uscourts.gov/rss' },
    });
    expect(rss.status).toBe(201);
    expect(rss.body!.source).toMatchObject({ kind: 'pacer-rss', court: 'dcd', docketId, name: expect.stringContaining('1:25-cv-00766') });
    const list = await call('GET', '/api/sources', undefined, null);
    expect(list.body!.sources.map((s: { kind: string }) => s.kind)).toEqual(['feed', 'pacer-rss']);
    expect(await call('GET', `/api/sources/${feed.body!.source.id}`, undefined, null)).toMatchObject({
      status: 200,
      body: { source: { name: 'Lawfare' } },
    });
  });

  it('refuses an entry its kind’s schema refuses, naming each field, and a second source at one address', async () => {
    const before = await sourceCount();
    const bad = await call('POST', '/api/sources', { section: 'feeds', entry: { kind: 'feed', name: '', url: 'ftp://x', every: '9y' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_SOURCE' });
    expect(bad.body!.errors.join('\n')).toMatch(/entry\.url/);
    expect((await call('POST', '/api/sources', { section: 'feeds', entry: { kind: 'telepathy', name: 'x' } })).body).toMatchObject({
      code: 'INVALID_SOURCE',
    });
    expect(
      (await call('POST', '/api/sources', { section: 'docketSources', entry: { kind: 'pacer-rss', url: 'https://a.example/rss' } })).status,
    ).toBe(400);
    expect((await call('POST', '/api/sources', { section: 'nowhere', entry: {} })).body).toMatchObject({ code: 'INVALID_BODY' });
    const twice = await call('POST', '/api/sources', {
      section: 'feeds',
      entry: { kind: 'feed', name: 'Again', url: 'https://press.example/feed.xml' },
    });
    expect(twice).toMatchObject({ status: 409, body: { code: 'SOURCE_EXISTS' } });
    expect(await sourceCount()).toBe(before);
  });

  it('disables, renames and re-times a source, and deletes one', async () => {
    const { id } = (await call('GET', '/api/sources', undefined, null)).body!.sources[0] as { id: number };
    const changed = await call('PATCH', `/api/sources/${id}`, { enabled: false, intervalSeconds: 600, name: 'Lawfare (paused)' });
    expect(changed.body!.source).toMatchObject({ enabled: false, intervalSeconds: 600, name: 'Lawfare (paused)' });
    expect((await call('PATCH', `/api/sources/${id}`, { intervalSeconds: 1 })).status).toBe(400);
    expect((await call('PATCH', `/api/sources/${id}`, { url: 'https://elsewhere.example' })).status).toBe(400);
    expect(await call('DELETE', `/api/sources/${id}`)).toMatchObject({ status: 204, body: null });
    expect(await call('GET', `/api/sources/${id}`, undefined, null)).toMatchObject({ status: 404, body: { code: 'SOURCE_NOT_FOUND' } });
    expect(await call('PATCH', `/api/sources/${id}`, { enabled: true })).toMatchObject({ status: 404 });
    expect((await call('GET', '/api/sources/99999999999', undefined, null)).status).toBe(400);
  });

  it('needs sources:write for every change, and changes nothing without it', async () => {
    const reader = await createApiToken(t.db, 'matters-only', { scopes: ['matters:write'] });
    const expired = await createApiToken(t.db, 'old', { scopes: ['sources:write'], expiresAt: new Date(Date.now() - 1000) });
    const { id } = (await call('GET', '/api/sources', undefined, null)).body!.sources[0] as { id: number };
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/sources', { section: 'feeds', entry: { kind: 'feed', name: 'x', url: 'https://evil.example/feed' } }],
      ['PATCH', `/api/sources/${id}`, { enabled: false }],
      ['DELETE', `/api/sources/${id}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      expect(await call(method, path, body, null)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await call(method, path, body, expired)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await call(method, path, body, reader)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_SCOPE' } });
    }
    expect((await call('GET', `/api/sources/${id}`, undefined, null)).body!.source).toMatchObject({ enabled: true });
    expect(await sourceCount()).toBe(1);
  });

  it("shows each CourtListener source's effective interval, its share of the account's budget", async () => {
    // A new account's 125 requests a day is one every 691.2 s; two sources share it.
    const [first] = await Promise.all(
      ['a', 'b'].map((name) =>
        upsertSource(t.db, {
          kind: 'courtlistener',
          name: `CourtListener ${name}`,
          address: `courtlistener:${name}`,
          intervalSeconds: 900,
        }),
      ),
    );
    const shown = await call('GET', `/api/sources/${first!.id}`, undefined, null);
    expect(shown.body!.source).toMatchObject({ intervalSeconds: 900, effectiveIntervalSeconds: 1383 });
    const feed = await upsertSource(t.db, {
      kind: 'feed',
      name: 'Opinions',
      address: 'https://court.example/opinions.xml',
      intervalSeconds: 900,
    });
    const list = await call('GET', '/api/sources', undefined, null);
    expect(list.body!.sources.find((s: { id: number }) => s.id === feed.id)).toMatchObject({ effectiveIntervalSeconds: 900 });
  });

  it('takes ignoreRobots on any entry, for a site that has given permission', async () => {
    const created = await call('POST', '/api/sources', {
      section: 'feeds',
      entry: { kind: 'feed', name: 'Permitted', url: 'https://permitted.example/feed.xml', ignoreRobots: true },
    });
    expect(created.status).toBe(201);
    expect((await getSource(t.db, created.body!.source.id))!.config).toMatchObject({ ignoreRobots: true });
  });
});
