/**
 * Proposed new cases over real HTTP against real Postgres: the API lists a matter's proposals to a
 * `matters:write` token only, and an admin accepts one (it becomes a docket of the matter with its
 * CourtListener source, and a new-case event is written) or rejects one (it stays rejected).
 */
import type { FastifyInstance } from 'fastify';
import type { ParsedCase } from '@docketwatch/core';
import { createApiToken, listDocketsOfMatter, listSources, proposeCase, upsertMatter, upsertSource, type Matter } from '@docketwatch/db';
import { callJson, createTestDatabase, listenLocally, quietApiDeps, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

const found = (n: number, overrides: Partial<ParsedCase> = {}): ParsedCase => ({
  court: 'cod',
  docketNumber: `1:25-cv-0116${n}`,
  caseName: `Petitioner ${n} v. Trump`,
  pacerCaseId: null,
  courtListenerId: 70001230 + n,
  filedOn: '2025-04-12',
  natureOfSuit: '463 Habeas Corpus - Alien Detainee',
  cause: '28:2241 Petition for Writ of Habeas Corpus (federa',
  text: '',
  url: `https://www.courtlistener.com/docket/${70001230 + n}/x/`,
  ...overrides,
});

describe('proposed new cases: API list and admin decisions', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let matter: Matter;
  let cookie: string;
  const reasons = [{ kind: 'statute' as const, value: 'Alien Enemies Act', excerpt: '…under the Alien Enemies Act…' }];

  async function form(path: string, fields: Record<string, string> = {}) {
    const page = await (await fetch(`${origin}/admin/matters/${matter.id}/proposals`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text() };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
    matter = await upsertMatter(t.db, { slug: 'aea-habeas', name: 'Alien Enemies Act habeas petitions' });
    const search = await upsertSource(t.db, {
      kind: 'discovery',
      name: 'search',
      address: 'courtlistener-search:?q=x',
      intervalSeconds: 3600,
    });
    for (const n of [1, 2])
      await proposeCase(t.db, { matterId: matter.id, found: found(n), sourceId: search.id, foundBy: 'search (x)', reasons });
    const key = await createApiToken(t.db, 'ops');
    const signIn = await fetch(`${origin}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key, next: '/admin/matters' }).toString(),
      redirect: 'manual',
    });
    cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('dw_admin='))!
      .split(';', 1)[0]!;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('lists proposals to a matters:write token, with provenance and reasons, and to no one else', async () => {
    expect((await callJson(origin, 'GET', '/api/matters/aea-habeas/proposals')).status).toBe(401);
    const reader = await createApiToken(t.db, 'reporter', { scopes: ['subscriptions:write'] });
    expect((await callJson(origin, 'GET', '/api/matters/aea-habeas/proposals', undefined, reader)).status).toBe(403);

    const editor = await createApiToken(t.db, 'editor', { scopes: ['matters:write'] });
    const listed = await callJson(origin, 'GET', '/api/matters/aea-habeas/proposals?status=proposed', undefined, editor);
    expect(listed.status).toBe(200);
    expect(listed.body!.proposals).toHaveLength(2);
    expect(listed.body!.proposals[1]).toMatchObject({
      court: 'cod',
      docketNumber: '1:25-cv-01161',
      courtlistenerId: 70001231,
      foundBy: 'search (x)',
      reasons,
      status: 'proposed',
      docketId: null,
    });
    expect((await callJson(origin, 'GET', '/api/matters/nope/proposals', undefined, editor)).status).toBe(404);
  });

  it('lets an admin accept one (a docket with its CourtListener source, and a new-case event) and reject another', async () => {
    const page = await (await fetch(`${origin}/admin/matters/${matter.id}/proposals`, { headers: { cookie } })).text();
    expect(page).toContain('Petitioner 1 v. Trump');
    expect(page).toContain('statute “Alien Enemies Act”');
    const [second, first] = (await callJson(origin, 'GET', '/api/matters/aea-habeas/proposals', undefined, await createApiToken(t.db, 'a')))
      .body!.proposals as { id: number }[];

    const accepted = await form(`/admin/proposals/${first!.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toContain('is now a docket of this matter');
    const [docket] = await listDocketsOfMatter(t.db, matter.id);
    expect(docket).toMatchObject({ court: 'cod', docket_number: '1:25-cv-01161' });
    expect((await listSources(t.db)).filter((s) => s.docket_id === docket!.id).map((s) => [s.kind, s.config])).toEqual([
      ['courtlistener', { docketId: 70001231 }],
    ]);
    const events = await t.db.selectFrom('outbox_events').select(['kind', 'docket_id', 'matter_id']).execute();
    expect(events).toEqual([{ kind: 'case.discovered', docket_id: docket!.id, matter_id: matter.id }]);
    // Accepting twice changes nothing.
    expect((await form(`/admin/proposals/${first!.id}/accept`)).status).toBe(409);

    expect((await form(`/admin/proposals/${second!.id}/reject`)).status).toBe(200);
    const statuses = (await callJson(origin, 'GET', '/api/matters/aea-habeas/proposals', undefined, await createApiToken(t.db, 'b'))).body!
      .proposals as { status: string; decidedBy: string | null }[];
    expect(statuses.map((p) => [p.status, p.decidedBy])).toEqual([
      ['rejected', 'ops'],
      ['accepted', 'ops'],
    ]);
    expect(await listDocketsOfMatter(t.db, matter.id)).toHaveLength(1);
  });

  it('takes a subscription that asks for new cases, by the API and by the subscribe form; others do not', async () => {
    const token = await createApiToken(t.db, 'desk', { scopes: ['subscriptions:write'] });
    const hooked = await callJson(
      origin,
      'POST',
      '/api/subscriptions',
      { matter: 'aea-habeas', channel: 'slack', target: 'https://hooks.slack.com/services/T0/B0/x', newCases: true },
      token,
    );
    expect(hooked.status).toBe(201);
    const form = await fetch(`${origin}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ matter: 'aea-habeas', email: 'desk@example.test', newCases: 'on' }).toString(),
    });
    expect(form.status).toBe(202);
    await fetch(`${origin}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ matter: 'aea-habeas', email: 'entries@example.test' }).toString(),
    });
    const rows = await t.db.selectFrom('subscriptions').select(['target', 'new_cases']).orderBy('id').execute();
    expect(rows).toEqual([
      { target: 'https://hooks.slack.com/services/T0/B0/x', new_cases: true },
      { target: 'desk@example.test', new_cases: true },
      { target: 'entries@example.test', new_cases: false },
    ]);
    const matterPage = await (await fetch(`${origin}/matters/aea-habeas`)).text();
    expect(matterPage).toContain('name="newCases"');
  });
});
