/** Scoped API keys: each route needs its scope; none is a 401, the wrong one a 403, an expired one a 401. */
import type { FastifyInstance } from 'fastify';
import { createApiToken, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase, listenLocally, quietApiDeps } from '@docketwatch/test-support';
import { buildServer } from './server';

describe('scoped API tokens (real HTTP, real Postgres)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let uploadPath: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await upsertMatter(t.db, { slug: 'scoped', name: 'Scoped' });
    const box = await upsertSource(t.db, { kind: 'nef-email', name: 'NEF box', address: 'mailto:nef@dw.example', intervalSeconds: 86400 });
    uploadPath = `/api/sources/${box.id}/documents`;
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${origin}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('answers 403 INSUFFICIENT_SCOPE to a token without the route’s scope, and changes nothing', async () => {
    const pressDesk = await createApiToken(t.db, 'press-desk', { scopes: ['subscriptions:write'] });
    const res = await call('POST', uploadPath, pressDesk, undefined);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 403, code: 'INSUFFICIENT_SCOPE', detail: expect.stringMatching(/sources:write/) });
    expect((await call('GET', '/api/admin/inbound', pressDesk)).status).toBe(403);
    expect((await call('GET', '/api/admin/deliveries/dead', pressDesk)).status).toBe(403);
    expect(await t.db.selectFrom('inbound_messages').select('id').execute()).toEqual([]);
  });

  it('makes Slack, webhook and feed subscriptions, and manages them, only with subscriptions:write', async () => {
    const uploader = await createApiToken(t.db, 'uploads-only', { scopes: ['sources:write'] });
    const feed = { matter: 'scoped', channel: 'feed' };
    const refused = await call('POST', '/api/subscriptions', uploader, feed);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
    expect(await t.db.selectFrom('subscriptions').select('id').execute()).toEqual([]);
    const desk = await createApiToken(t.db, 'desk', { scopes: ['subscriptions:write'] });
    const made = await call('POST', '/api/subscriptions', desk, feed);
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: number };
    expect((await call('GET', `/api/subscriptions/${id}`, uploader)).status).toBe(403);
    expect((await call('DELETE', `/api/subscriptions/${id}`, uploader)).status).toBe(403);
    expect((await call('GET', `/api/subscriptions/${id}`, desk)).status).toBe(200);
  });

  it('lets a token with the scope through, and admin through everywhere', async () => {
    const uploader = await createApiToken(t.db, 'uploader', { scopes: ['sources:write'] });
    // Past the scope check: an empty upload is the route's own 400.
    expect(await (await call('POST', uploadPath, uploader)).json()).toMatchObject({ code: 'EMPTY_UPLOAD' });
    expect((await call('GET', '/api/admin/inbound', uploader)).status).toBe(403);
    const admin = await createApiToken(t.db, 'ops');
    expect(await (await call('POST', uploadPath, admin)).json()).toMatchObject({ code: 'EMPTY_UPLOAD' });
    expect((await call('GET', '/api/admin/inbound', admin)).status).toBe(200);
  });

  it('answers 401 without a token, with an unknown one, and with an expired one', async () => {
    expect((await call('GET', '/api/admin/inbound', null)).status).toBe(401);
    expect((await call('GET', '/api/admin/inbound', 'dw_unknown')).status).toBe(401);
    const expired = await createApiToken(t.db, 'old', { expiresAt: new Date(Date.now() - 1000) });
    expect((await call('GET', '/api/admin/inbound', expired)).status).toBe(401);
    const res = await call('POST', uploadPath, expired);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    const current = await createApiToken(t.db, 'current', { expiresAt: new Date(Date.now() + 3600_000) });
    expect((await call('GET', '/api/admin/inbound', current)).status).toBe(200);
  });

  it('signs in to the admin pages only with an admin token', async () => {
    const narrow = await createApiToken(t.db, 'narrow', { scopes: ['matters:write'] });
    const signIn = (key: string) =>
      fetch(`${origin}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ key, next: '/outbox' }),
      });
    expect((await signIn(narrow)).status).toBe(401);
    expect((await signIn(await createApiToken(t.db, 'boss'))).status).toBe(303);
  });

  it('keeps every token hashed, with its scopes', async () => {
    const rows = await t.db.selectFrom('api_tokens').select(['name', 'token_hash', 'scopes']).where('name', '=', 'press-desk').execute();
    expect(rows).toEqual([{ name: 'press-desk', token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), scopes: ['subscriptions:write'] }]);
  });
});
