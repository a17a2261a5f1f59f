/** Matters, dockets and entries over JSON (real HTTP, real Postgres): reads are public, changes need matters:write. */
import type { FastifyInstance } from 'fastify';
import { classifyEntry } from '@docketwatch/core';
import { createApiToken, storeDocketEntries, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase, callJson, listenLocally, quietApiDeps } from '@docketwatch/test-support';
import { buildServer } from './server';

describe('matter, docket and entry routes', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let writer: string;
  let entryId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const jgg = await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' });
    const dcd = await upsertDocket(t.db, { matterId: jgg.id, court: 'dcd', docketNumber: '1:25-cv-00766', caseName: 'J.G.G. v. Trump' });
    const rss = await upsertSource(t.db, { kind: 'pacer-rss', name: 'D.D.C. RSS', address: 'http://x.test/rss', intervalSeconds: 60 });
    await storeDocketEntries(t.db, {
      sourceId: rss.id,
      docket: dcd,
      baseline: false,
      classify: classifyEntry,
      entries: [
        {
          entryNumber: '3',
          filedAt: '2025-03-15',
          shortDescription: 'TEMPORARY RESTRAINING ORDER',
          description: 'TEMPORARY RESTRAINING ORDER barring removals. '.repeat(20),
          documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/3',
          pacerDocId: null,
          attachments: [],
        },
      ],
    });
    entryId = (await t.db.selectFrom('entries').select('id').executeTakeFirstOrThrow()).id;
    writer = await createApiToken(t.db, 'desk', { scopes: ['matters:write'] });
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (method: string, path: string, body?: unknown, token: string | null = writer) => callJson(origin, method, path, body, token);

  it('adds a matter, refuses the same slug twice, and reads it back', async () => {
    const made = await call('POST', '/api/matters', { slug: 'dvd', name: 'D.V.D. v. DHS', aliases: ['DVD'] });
    expect(made.status).toBe(201);
    expect(made.body!.matter).toEqual({
      slug: 'dvd',
      name: 'D.V.D. v. DHS',
      description: '',
      aliases: ['DVD'],
      keywords: [],
      archivedAt: null,
    });
    const again = await call('POST', '/api/matters', { slug: 'dvd', name: 'Someone else' });
    expect(again).toMatchObject({ status: 409, body: { code: 'MATTER_EXISTS' } });
    expect((await call('GET', '/api/matters/dvd', undefined, null)).body).toMatchObject({ matter: { name: 'D.V.D. v. DHS' }, dockets: [] });
  });

  it('refuses a bad matter with the fields named, and an unknown one with 404', async () => {
    const bad = await call('POST', '/api/matters', { slug: 'Not A Slug', name: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body!.errors.join('\n')).toMatch(/slug/);
    expect(await call('GET', '/api/matters/nobody', undefined, null)).toMatchObject({ status: 404, body: { code: 'MATTER_NOT_FOUND' } });
    expect(await call('PATCH', '/api/matters/nobody', { name: 'x' })).toMatchObject({ status: 404 });
  });

  it('changes a matter, archives it on DELETE, and brings it back', async () => {
    const changed = await call('PATCH', '/api/matters/dvd', { description: 'Third-country removals', keywords: ['third country'] });
    expect(changed.body!.matter).toMatchObject({
      name: 'D.V.D. v. DHS',
      description: 'Third-country removals',
      keywords: ['third country'],
    });
    const archived = await call('DELETE', '/api/matters/dvd');
    expect(archived.status).toBe(200);
    expect(archived.body!.matter.archivedAt).toEqual(expect.any(String));
    const listed = await call('GET', '/api/matters', undefined, null);
    expect(listed.body!.matters.map((m: { slug: string }) => m.slug)).toEqual(['jgg']);
    // Archived, not gone: its history and subscriptions stay.
    expect(await t.db.selectFrom('matters').select('slug').where('slug', '=', 'dvd').execute()).toHaveLength(1);
    const back = await call('PATCH', '/api/matters/dvd', { archived: false });
    expect(back.body!.matter.archivedAt).toBeNull();
  });

  it('adds a docket with its number normalised, never takes another matter’s docket, and removes one', async () => {
    const added = await call('POST', '/api/matters/dvd/dockets', {
      court: 'mad',
      docketNumber: '1:25-cv-10676',
      caseName: 'D.V.D. v. DHS',
    });
    expect(added.status).toBe(201);
    expect(added.body!.docket).toMatchObject({ court: 'mad', docketNumber: '1:25-cv-10676', caseName: 'D.V.D. v. DHS' });
    const stolen = await call('POST', '/api/matters/dvd/dockets', { court: 'dcd', docketNumber: '1:25-cv-00766' });
    expect(stolen).toMatchObject({ status: 409, body: { code: 'DOCKET_EXISTS' } });
    const jgg = await call('GET', '/api/matters/jgg', undefined, null);
    expect(jgg.body!.dockets.map((d: { docketNumber: string }) => d.docketNumber)).toEqual(['1:25-cv-00766']);
    expect((await call('POST', '/api/matters/dvd/dockets', { court: 'M A D', docketNumber: '' })).status).toBe(400);
    const removed = await call('DELETE', `/api/dockets/${added.body!.docket.id}`);
    expect(removed).toMatchObject({ status: 204, body: null });
    expect(await call('DELETE', `/api/dockets/${added.body!.docket.id}`)).toMatchObject({
      status: 404,
      body: { code: 'DOCKET_NOT_FOUND' },
    });
    expect((await call('DELETE', '/api/dockets/99999999999999')).status).toBe(400);
  });

  it('needs a token with matters:write for every change, and changes nothing without one', async () => {
    const subs = await createApiToken(t.db, 'subs', { scopes: ['subscriptions:write'] });
    const expired = await createApiToken(t.db, 'old', { scopes: ['matters:write'], expiresAt: new Date(Date.now() - 1000) });
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/matters', { slug: 'intruder', name: 'Intruder' }],
      ['PATCH', '/api/matters/jgg', { name: 'Renamed' }],
      ['DELETE', '/api/matters/jgg', undefined],
      ['POST', '/api/matters/jgg/dockets', { court: 'nyed', docketNumber: '1:25-cv-1' }],
      ['DELETE', '/api/dockets/1', undefined],
    ];
    for (const [method, path, body] of attempts) {
      expect(await call(method, path, body, null)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await call(method, path, body, expired)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(await call(method, path, body, subs)).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_SCOPE' } });
    }
    const jgg = await call('GET', '/api/matters/jgg', undefined, null);
    expect(jgg.body).toMatchObject({ matter: { name: 'J.G.G. v. Trump', archivedAt: null }, dockets: [{ court: 'dcd' }] });
    expect((await call('GET', '/api/matters/intruder', undefined, null)).status).toBe(404);
  });

  it('shows an entry with its whole text and its sightings; a bad or unknown id is a 4xx', async () => {
    const res = await call('GET', `/api/entries/${entryId}`, undefined, null);
    expect(res.status).toBe(200);
    expect(res.body!.entry).toMatchObject({
      id: entryId,
      matter: 'jgg',
      court: 'dcd',
      entryNumber: '3',
      description: 'TEMPORARY RESTRAINING ORDER barring removals. '.repeat(20),
      sightings: [{ sourceName: 'D.D.C. RSS', firstSeenAt: expect.any(String) }],
    });
    expect(await call('GET', '/api/entries/424242', undefined, null)).toMatchObject({ status: 404, body: { code: 'ENTRY_NOT_FOUND' } });
    expect((await call('GET', '/api/entries/abc', undefined, null)).status).toBe(400);
    expect((await call('GET', '/api/entries/99999999999999999999', undefined, null)).status).toBe(400);
  });
});
