/**
 * The admin pages over real HTTP against real Postgres: an admin signs in with a key and adds,
 * edits and archives a matter, adds and removes dockets, adds sources through the catalogue's own
 * validation, polls one now, reads its health, replays dead deliveries and reviews quarantined mail.
 * Every post needs the session and the session's CSRF token; without either nothing changes.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { normaliseDocketNumber, type ParsedEntry } from '@docketwatch/core';
import {
  createApiToken,
  fanOutPendingEvents,
  findMatterBySlug,
  getDocket,
  listDocketsOfMatter,
  listSources,
  recordInboundMessage,
  recordPollFailure,
  storeDocketEntries,
  upsertSubscription,
  type Matter,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createRedisConnection, QueueSet, type RedisConnection } from '@docketwatch/queue';
import { createTestDatabase, deleteRedisPrefix, TEST_REDIS_URL, testRedisPrefix, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from '../server';

jest.setTimeout(60_000);

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

const entry = (n: string): ParsedEntry => ({
  entryNumber: n,
  filedAt: '2025-05-01T10:00:00-04:00',
  shortDescription: 'Order',
  description: `ORDER number ${n} granting the motion.`,
  documentUrl: null,
  pacerDocId: null,
  attachments: [],
});

describe('admin pages', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let cookie: string;
  const polled: number[] = [];
  let redis: RedisConnection;
  let queues: QueueSet;
  const prefix = testRedisPrefix();

  async function call(path: string, options: { form?: Record<string, string>; cookie?: string | null } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    const sendCookie = options.cookie === undefined ? cookie : options.cookie;
    if (sendCookie) headers.cookie = sendCookie;
    if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${origin}${path}`, {
      method: options.form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }

  /** The CSRF token the admin pages give this session. */
  async function csrf(): Promise<string> {
    const page = await call('/admin/matters');
    return /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  }

  const post = async (path: string, form: Record<string, string>) => call(path, { form: { csrf: await csrf(), ...form } });

  async function matter(slug: string): Promise<Matter> {
    return (await findMatterBySlug(t.db, slug))!;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    redis = createRedisConnection(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queues = new QueueSet({ connection: redis, prefix });
    app = buildServer({
      queues,
      db: t.db,
      log: createLogger({ name: 'admin-test', level: 'silent' }),
      pingRedis: async () => undefined,
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'admin-test-link-secret',
      rateLimits: { requestsPerMinute: 100_000, mailsPerAddressPerHour: 10, mailsPerClientPerHour: 10 },
      pollNow: async (sourceId) => void polled.push(sourceId),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
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
    await app?.close();
    await queues?.close();
    await deleteRedisPrefix(prefix);
    redis?.disconnect();
    await t?.drop();
  });

  it('refuses strangers and posts without the session’s CSRF token, changing nothing', async () => {
    const stranger = await call('/admin/matters', { cookie: null });
    expect(stranger.status).toBe(303);
    expect(stranger.location).toMatch(/^\/admin\/login\?next=/);
    const token = await csrf();
    const anonymous = await call('/admin/matters', { cookie: null, form: { csrf: token, slug: 'sneaky', name: 'Sneaky' } });
    expect(anonymous.status).toBe(303);
    const noToken = await call('/admin/matters', { form: { slug: 'sneaky', name: 'Sneaky' } });
    expect(noToken.status).toBe(403);
    expect(noToken.body).toContain('CSRF_TOKEN_INVALID');
    const otherSession = await call('/admin/matters', { form: { csrf: 'x'.repeat(43), slug: 'sneaky', name: 'Sneaky' } });
    expect(otherSession.status).toBe(403);
    expect(await findMatterBySlug(t.db, 'sneaky')).toBeUndefined();
  });

  it('adds a matter, shows the catalogue’s message for a bad address, and edits it', async () => {
    const bad = await post('/admin/matters', { slug: 'Bad Slug', name: 'Bad' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('lower-case words joined by hyphens');
    const added = await post('/admin/matters', { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump', aliases: 'JGG\nAlien Enemies Act' });
    expect(added.status).toBe(303);
    const created = await matter('jgg-v-trump');
    expect(created.aliases).toEqual(['JGG', 'Alien Enemies Act']);
    const again = await post('/admin/matters', { slug: 'jgg-v-trump', name: 'Other' });
    expect(again.status).toBe(409);
    expect((await matter('jgg-v-trump')).name).toBe('J.G.G. v. Trump');

    const edited = await post(`/admin/matters/${created.id}`, {
      name: 'J.G.G. v. Trump (D.D.C.)',
      keywords: 'Boasberg',
      description: 'AEA removals',
    });
    expect(edited.status).toBe(303);
    const now = await matter('jgg-v-trump');
    expect(now).toMatchObject({ name: 'J.G.G. v. Trump (D.D.C.)', description: 'AEA removals', keywords: ['Boasberg'], aliases: [] });
  });

  it('adds a docket with its number normalised, refuses a bad court, and removes it', async () => {
    const m = await matter('jgg-v-trump');
    const bad = await post(`/admin/matters/${m.id}/dockets`, { court: 'D.D.C.', number: '1:25-cv-766' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('a court id such as mdd, ca4 or scotus');
    const added = await post(`/admin/matters/${m.id}/dockets`, { court: 'dcd', number: ' 1:25-CV-00766 ', pacerCaseId: '278436' });
    expect(added.status).toBe(303);
    const [docket] = await listDocketsOfMatter(t.db, m.id);
    expect(docket).toMatchObject({ court: 'dcd', docket_number: normaliseDocketNumber('1:25-CV-00766'), pacer_case_id: '278436' });
    await post(`/admin/matters/${m.id}/dockets`, { court: 'scotus', number: '24A931' });
    expect(await listDocketsOfMatter(t.db, m.id)).toHaveLength(2);
    const [orphan] = await t.db
      .insertInto('sources')
      .values({
        kind: 'pacer-rss',
        name: 'D.D.C. 766',
        address: 'https://ecf.dcd.uscourts.gov/766',
        court: 'dcd',
        docket_id: docket!.id,
        interval_seconds: 900,
        next_check_at: new Date(),
      })
      .returning('id')
      .execute();
    const removed = await post(`/admin/matters/${m.id}/dockets/${docket!.id}/remove`, {});
    expect(removed.status).toBe(303);
    expect((await listDocketsOfMatter(t.db, m.id)).map((d) => d.court)).toEqual(['scotus']);
    const kept = await t.db.selectFrom('sources').selectAll().where('id', '=', orphan!.id).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ docket_id: null, enabled: false });
    await t.db.deleteFrom('sources').where('id', '=', orphan!.id).execute();
  });

  it('adds sources of any kind through the catalogue’s entry schemas, with their messages', async () => {
    const m = await matter('jgg-v-trump');
    const [scotus] = await listDocketsOfMatter(t.db, m.id);
    const badUrl = await post('/admin/sources', {
      form: 'docketSources:scotus-docket',
      docket: String(scotus!.id),
      url: 'ftp://x.example/',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toContain('must be an http(s) URL');
    const docketSource = await post('/admin/sources', {
      form: 'docketSources:scotus-docket',
      docket: String(scotus!.id),
      url: 'https://www.supremecourt.gov/search.aspx?filename=/docket/docketfiles/html/public/24a931.html',
      every: '15m',
    });
    expect(docketSource.status).toBe(303);
    const feed = await post('/admin/sources', {
      form: 'feeds:pacer-rss',
      court: 'dcd',
      url: 'https://ecf.dcd.uscourts.gov/cgi-bin/rss_outside.pl',
    });
    expect(feed.status).toBe(303);
    const pageWatch = await post('/admin/sources', {
      form: 'pages:page-watch',
      name: 'DOJ statement',
      url: 'https://www.justice.gov/aea',
      selector: 'main',
    });
    expect(pageWatch.status).toBe(303);
    const badEvery = await post('/admin/sources', { form: 'feeds:feed', name: 'Blog', url: 'https://blog.example/feed', every: 'often' });
    expect(badEvery.status).toBe(400);
    expect(badEvery.body).toContain('not a duration');
    const duplicate = await post('/admin/sources', { form: 'feeds:feed', name: 'Again', url: 'https://www.justice.gov/aea' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toContain('a source already reads this address');

    const sources = await listSources(t.db);
    expect(sources.map((s) => [s.kind, s.court, s.docket_id, s.interval_seconds])).toEqual([
      ['scotus-docket', 'scotus', scotus!.id, 900],
      ['pacer-rss', 'dcd', null, expect.any(Number)],
      ['page-watch', null, null, expect.any(Number)],
    ]);
    expect(sources[2]!.config).toEqual({ selector: 'main' });
  });

  it('polls a source now, disables and enables it, and shows its health and sightings', async () => {
    const [source] = await listSources(t.db);
    const poll = await post(`/admin/sources/${source!.id}/poll`, {});
    expect(poll.status).toBe(202);
    expect(polled).toEqual([source!.id]);
    expect(poll.body).toContain(`href="/admin/sources#source-${source!.id}"`);

    await recordPollFailure(t.db, source!, { code: 'HTTP_STATUS', message: 'HTTP 503 from www.supremecourt.gov' });
    const docket = (await getDocket(t.db, source!.docket_id!))!;
    await storeDocketEntries(t.db, { sourceId: source!.id, docket, entries: [entry('1'), entry('2')], baseline: false });
    const health = await call('/admin/sources');
    expect(health.body).toContain('HTTP 503 from www.supremecourt.gov');
    expect(health.body).toContain('2 sightings');

    expect((await post(`/admin/sources/${source!.id}/enabled`, { enabled: 'false' })).status).toBe(303);
    expect((await listSources(t.db))[0]!.enabled).toBe(false);
    const disabled = await post(`/admin/sources/${source!.id}/poll`, {});
    expect(disabled.status).toBe(409);
    expect(disabled.body).toContain('is disabled: enable it to poll it');
    expect(polled).toEqual([source!.id]);
    expect((await post(`/admin/sources/${source!.id}/enabled`, { enabled: 'true' })).status).toBe(303);
    expect((await listSources(t.db))[0]!.enabled).toBe(true);
  });

  it('replays dead deliveries one at a time or all at once', async () => {
    const m = await matter('jgg-v-trump');
    const sub = await upsertSubscription(t.db, {
      matterId: m.id,
      channel: 'email',
      target: 'clerk@firm.example',
      mode: 'immediate',
      status: 'active',
    });
    await fanOutPendingEvents(t.db, { limit: 100, channels: ['email'] });
    await t.db
      .updateTable('deliveries')
      .set({ status: 'dead', last_error: '550 mailbox unavailable' })
      .where('subscription_id', '=', sub.id)
      .execute();
    const dead = await t.db.selectFrom('deliveries').select('id').where('status', '=', 'dead').orderBy('id').execute();
    expect(dead.length).toBeGreaterThanOrEqual(2);
    const page = await call('/admin/deliveries');
    expect(page.body).toContain('550 mailbox unavailable');
    const one = await post(`/admin/deliveries/${dead[0]!.id}/replay`, {});
    expect(one.status).toBe(200);
    expect(one.body).toContain(`Delivery #${dead[0]!.id} will be sent again.`);
    const all = await post('/admin/deliveries/replay-dead', {});
    expect(all.body).toContain(`${dead.length - 1} deliver`);
    const left = await t.db.selectFrom('deliveries').select('id').where('status', '=', 'dead').execute();
    expect(left).toEqual([]);
    expect((await post('/admin/deliveries/999999/replay', {})).status).toBe(404);
  });

  it('lists quarantined notices with the reason and a download of the raw message, and no way to trust one', async () => {
    const id = await recordInboundMessage(t.db, {
      sourceId: null,
      channel: 'smtp',
      sender: 'attacker@evil.example',
      recipient: 'nef@dw.test',
      raw: Buffer.from('From: attacker@evil.example\r\n\r\nforged'),
      status: 'quarantined',
      error: 'not authenticated as a court: no aligned DKIM signature',
    });
    const page = await call('/admin/inbound');
    expect(page.body).toContain('attacker@evil.example');
    expect(page.body).toContain('no aligned DKIM signature');
    expect(page.body).toContain(`href="/api/admin/inbound/${id}/raw"`);
    expect(page.body).not.toMatch(/trust<\/button>/i);
    const raw = await call(`/api/admin/inbound/${id}/raw`);
    expect(raw.body).toContain('forged');
  });

  it('archives a matter: it leaves the home page and its new entries alert no one', async () => {
    const m = await matter('jgg-v-trump');
    const archived = await post(`/admin/matters/${m.id}/archive`, { archived: 'true' });
    expect(archived.status).toBe(303);
    expect((await call('/', { cookie: null })).body).not.toContain('J.G.G. v. Trump');
    expect((await call('/admin/matters')).body).toContain('archived');

    const before = await t.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const [source] = await listSources(t.db);
    const [docket] = await listDocketsOfMatter(t.db, m.id);
    const stored = await storeDocketEntries(t.db, { sourceId: source!.id, docket: docket!, entries: [entry('3')], baseline: false });
    expect(stored.events).toBe(1);
    const fanned = await fanOutPendingEvents(t.db, { limit: 100, channels: ['email'] });
    expect(fanned).toEqual({ events: 1, deliveryIds: [] });
    const after = await t.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    await post(`/admin/matters/${m.id}/archive`, { archived: 'false' });
    expect((await call('/', { cookie: null })).body).toContain('J.G.G. v. Trump');
  });

  it('serves the queue dashboard to admins only', async () => {
    const stranger = await call('/admin/queues', { cookie: null });
    expect(stranger.status).toBe(303);
    expect((await call('/admin/queues/api/queues', { cookie: null })).status).toBe(303);
    const board = await call('/admin/queues');
    expect(board.status).toBe(200);
    expect(board.body).toContain('<div id="root">');
    const policy = (await fetch(`${origin}/admin/queues`, { headers: { cookie } })).headers.get('content-security-policy');
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toContain("script-src 'self'");
    const api = JSON.parse((await call('/admin/queues/api/queues')).body) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual(['deliver', 'digest', 'ingest', 'notices', 'notify', 'poll']);
  });
});
