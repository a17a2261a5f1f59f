/**
 * Document uploads into push sources, removing a press item from a matter, and the matter timeline,
 * through the real Fastify app listening on 127.0.0.1 against real Postgres, with real court files.
 *
 * Requests go over a real socket rather than app.inject(): inject loads light-my-request, whose
 * dependency cookie@2 is ESM-only, which Jest 29 cannot require.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  attachItem,
  createApiToken,
  hashToken,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Docket,
  type Matter,
  type Source,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

const log = createLogger({ name: 'test', level: 'silent' });

interface Answer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** One HTTP request to the app on its own connection. */
function send(
  origin: string,
  options: { method: string; url: string; headers?: Record<string, string>; payload?: Buffer | string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${options.url}`, { method: options.method, headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.payload);
  });
}

/** A real NEF from the District of Delaware: CBV, Inc. v. ChanBond, LLC, 1:21-cv-01456, entry 136. */
const NEF = readFixture('pacer/nef/s3/ded_1.txt');
/** A real CM/ECF docket report: Pangemanan v. Tsoukaris, D.N.J. 2:18-cv-01510, entries 1-3. */
const DOCKET_REPORT = readFixture('pacer/dockets/district/njd_365922.html');
/** What PACER serves instead of a docket when a query is incomplete. */
const NOT_A_DOCKET = readFixture('pacer/dockets/not_dockets/dcd_191424.html');
/** Another real NEF: Simon v. City and County of San Francisco, N.D. Cal. 4:22-cv-05541, entry 45. */
const CAND_NEF = readFixture('pacer/nef/s3/cand_1.txt');

/** RFC 9457 problem details, as every error is answered. */
interface ProblemBody {
  status?: number;
  code?: string;
  detail?: string;
  errors?: string[];
  error?: string;
}

interface TimelineBody {
  next?: string | null;
  matter: { slug: string; name: string };
  dockets: { court: string; docketNumber: string }[];
  entries: {
    type: 'entry' | 'item';
    id: number;
    at: string;
    entryNumber?: string | null;
    title?: string;
    sightings: { sourceId: number; sourceName: string }[];
  }[];
}

describe('source uploads, item removal and the timeline (real Postgres, real HTTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let token: string;
  let woken: number[];
  /** What waking the notifier does; a test may make it fail. */
  let wake: (n: number) => Promise<void>;
  let cbv: Matter;
  let ded: Docket;
  let njd: Docket;
  let nefBox: Source;
  let docketReports: Source;
  let rss: Source;
  let press: Source;

  const upload = (sourceId: number | string, body: Buffer | string, contentType: string | null, auth: string | null = `Bearer ${token}`) =>
    send(origin, {
      method: 'POST',
      url: `/api/sources/${sourceId}/documents`,
      headers: { ...(auth ? { authorization: auth } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
      payload: body,
    });
  const inbound = () => t.db.selectFrom('inbound_messages').selectAll().orderBy('id').execute();
  const entriesOf = (docket: Docket) => t.db.selectFrom('entries').selectAll().where('docket_id', '=', docket.id).orderBy('id').execute();
  const count = async (table: 'inbound_messages' | 'entries' | 'outbox_events') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const timeline = async (slug: string, query = '') => {
    const res = await send(origin, { method: 'GET', url: `/api/matters/${slug}/timeline${query}` });
    return { status: res.statusCode, contentType: res.headers['content-type'], body: res.json<TimelineBody & ProblemBody>() };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    cbv = await upsertMatter(t.db, { slug: 'cbv-chanbond', name: 'CBV v. ChanBond', aliases: ['ChanBond'] });
    ded = await upsertDocket(t.db, {
      matterId: cbv.id,
      court: 'ded',
      docketNumber: '1:21-cv-01456',
      caseName: 'CBV, Inc. v. ChanBond, LLC',
    });
    const pangemanan = await upsertMatter(t.db, { slug: 'pangemanan', name: 'Pangemanan v. Tsoukaris' });
    njd = await upsertDocket(t.db, { matterId: pangemanan.id, court: 'njd', docketNumber: '2:18-cv-01510', pacerCaseId: '365922' });
    nefBox = await upsertSource(t.db, { kind: 'nef-email', name: 'CM/ECF notices', address: 'mailto:nef@dw.test', intervalSeconds: 86400 });
    docketReports = await upsertSource(t.db, {
      kind: 'pacer-docket',
      name: 'D.N.J. docket reports',
      address: 'https://ecf.njd.uscourts.gov/cgi-bin/DktRpt.pl?365922',
      docketId: njd.id,
      intervalSeconds: 86400,
    });
    rss = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Del. RSS',
      address: 'https://ecf.ded.uscourts.gov/cgi-bin/rss_outside.pl',
      court: 'ded',
      intervalSeconds: 300,
    });
    press = await upsertSource(t.db, {
      kind: 'feed',
      name: 'Law360 feed',
      address: 'https://press.example/feed.xml',
      intervalSeconds: 3600,
    });
    token = await createApiToken(t.db, 'clerk');
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://dw.example.test',
      linkSecret: 'test-link-secret',
      onEvents: (n) => wake(n),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    woken = [];
    wake = async (n) => void woken.push(n);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('POST /api/sources/:id/documents', () => {
    it('requires a valid API token, and keeps nothing without one', async () => {
      const before = await count('inbound_messages');
      const none = await upload(nefBox.id, NEF, 'message/rfc822', null);
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.json()).toMatchObject({ status: 401, code: 'UNAUTHORIZED', detail: expect.stringMatching(/API token/) });
      expect((await upload(nefBox.id, NEF, 'message/rfc822', 'Bearer dw_not-a-real-token')).statusCode).toBe(401);
      expect((await upload(nefBox.id, NEF, 'message/rfc822', `Basic ${token}`)).statusCode).toBe(401);
      // The hash of a valid token is not a token.
      expect((await upload(nefBox.id, NEF, 'message/rfc822', `Bearer ${hashToken(token)}`)).statusCode).toBe(401);
      expect(await count('inbound_messages')).toBe(before);
      expect(await count('entries')).toBe(0);
    });

    it('stores tokens hashed only', async () => {
      const rows = await t.db.selectFrom('api_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.name).toBe('clerk');
      expect(rows[0]!.token_hash).not.toBe(token);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]!.token_hash).toBe(hashToken(token));
    });

    it('takes a real NEF as message/rfc822 into a nef-email source: 201 with counts, entry stored and alerted', async () => {
      const res = await upload(nefBox.id, NEF, 'message/rfc822');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ dockets: 1, created: 1, updated: 0, events: 1, untracked: 0, baseline: false });

      const entries = await entriesOf(ded);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ entry_number: '136', pacer_doc_id: '04305714362', short_description: 'Letter' });
      const sightings = await t.db.selectFrom('sightings').selectAll().where('entry_id', '=', entries[0]!.id).execute();
      expect(sightings.map((s) => s.source_id)).toEqual([nefBox.id]);
      expect(await t.db.selectFrom('outbox_events').selectAll().where('entry_id', '=', entries[0]!.id).execute()).toHaveLength(1);
      expect(woken).toEqual([1]);

      const [message] = (await inbound()).filter((m) => m.source_id === nefBox.id);
      expect(message).toMatchObject({ channel: 'upload', sender: 'clerk', recipient: null, status: 'ingested', error: null });
      expect(message!.raw.equals(NEF)).toBe(true);
      // The token was used, and says so.
      const row = await t.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
      expect(row.last_used_at).not.toBeNull();
    });

    it('takes the same notice again without storing or alerting anything twice', async () => {
      const res = await upload(nefBox.id, NEF, 'application/octet-stream');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ created: 0, updated: 0, events: 0 });
      expect(await entriesOf(ded)).toHaveLength(1);
      expect(woken).toEqual([]);
    });

    it('backfills a real CM/ECF docket report into a pacer-docket source silently', async () => {
      const eventsBefore = await count('outbox_events');
      const res = await upload(docketReports.id, DOCKET_REPORT, 'text/html');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ dockets: 1, created: 3, updated: 0, events: 0, baseline: true });

      const entries = await entriesOf(njd);
      expect(entries.map((e) => e.entry_number)).toEqual(['1', '2', '3']);
      expect(entries[0]!.description).toMatch(/^PETITION for Writ of Habeas Corpus/);
      expect(entries[0]!.pacer_doc_id).toBe('119012873075');
      // History, not news: no outbox events, and the notifier is not woken.
      expect(await count('outbox_events')).toBe(eventsBefore);
      expect(woken).toEqual([]);
      const sightings = await t.db
        .selectFrom('sightings')
        .select('source_id')
        .where(
          'entry_id',
          'in',
          entries.map((e) => e.id),
        )
        .execute();
      expect(sightings.map((s) => s.source_id)).toEqual([docketReports.id, docketReports.id, docketReports.id]);
      expect((await inbound()).filter((m) => m.source_id === docketReports.id).map((m) => m.status)).toEqual(['ingested']);
    });

    it('refuses a PACER page that is not a docket with 422 and a PARSE_ code, keeping it as failed', async () => {
      const entriesBefore = await count('entries');
      const res = await upload(docketReports.id, NOT_A_DOCKET, 'text/html');
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ status: 422, code: 'PARSE_ERROR_PAGE', detail: expect.stringContaining('Incomplete request') });
      expect(res.json<{ code: string }>().code).toMatch(/^PARSE_/);

      const kept = (await inbound()).at(-1)!;
      expect(kept).toMatchObject({ source_id: docketReports.id, channel: 'upload', status: 'failed' });
      expect(kept.error).toMatch(/^PARSE_ERROR_PAGE: /);
      expect(kept.raw.equals(NOT_A_DOCKET)).toBe(true);
      expect(await count('entries')).toBe(entriesBefore);
    });

    it('answers 201 for a stored upload even when waking the notifier fails (its next tick sends the alerts)', async () => {
      const simon = await upsertMatter(t.db, { slug: 'simon-sf', name: 'Simon v. San Francisco' });
      const cand = await upsertDocket(t.db, { matterId: simon.id, court: 'cand', docketNumber: '4:22-cv-05541' });
      wake = async () => {
        throw new Error('Connection is closed.');
      };
      const res = await upload(nefBox.id, CAND_NEF, 'message/rfc822');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ created: 1, events: 1 });
      expect((await inbound()).at(-1)).toMatchObject({ source_id: nefBox.id, status: 'ingested', error: null });
      expect((await entriesOf(cand)).map((e) => e.entry_number)).toEqual(['45']);
    });

    it('refuses a polled source kind with 409, an unknown source with 404 and an empty body with 400, keeping nothing', async () => {
      const before = await count('inbound_messages');

      const polled = await upload(rss.id, NEF, 'message/rfc822');
      expect(polled.statusCode).toBe(409);
      expect(polled.json()).toMatchObject({ code: 'SOURCE_TAKES_NO_UPLOADS', detail: 'a pacer-rss source does not take uploads' });
      expect((await upload(press.id, NEF, 'message/rfc822')).statusCode).toBe(409);

      expect((await upload(999_999, NEF, 'message/rfc822')).statusCode).toBe(404);
      expect((await upload('abc', NEF, 'message/rfc822')).statusCode).toBe(404);
      expect((await upload(0, NEF, 'message/rfc822')).statusCode).toBe(404);
      expect((await upload(-1, NEF, 'message/rfc822')).json()).toMatchObject({ status: 404, code: 'SOURCE_NOT_FOUND' });
      // An id past Postgres's integer is no source either, not a database error.
      expect((await upload('99999999999999999999', NEF, 'message/rfc822')).json()).toMatchObject({ status: 404, code: 'SOURCE_NOT_FOUND' });

      const empty = await upload(nefBox.id, '', 'message/rfc822');
      expect(empty.statusCode).toBe(400);
      expect(empty.json()).toMatchObject({ status: 400, code: 'EMPTY_UPLOAD' });
      expect((await upload(docketReports.id, '', 'text/html')).statusCode).toBe(400);
      // An empty request with no Content-Type at all is just as empty.
      expect((await upload(nefBox.id, '', null)).statusCode).toBe(400);

      // A disabled source takes no uploads, as it takes no mail.
      await t.db.updateTable('sources').set({ enabled: false }).where('id', '=', nefBox.id).execute();
      const disabled = await upload(nefBox.id, NEF, 'message/rfc822');
      await t.db.updateTable('sources').set({ enabled: true }).where('id', '=', nefBox.id).execute();
      expect(disabled.statusCode).toBe(409);
      expect(disabled.json()).toMatchObject({ status: 409, code: 'SOURCE_DISABLED' });

      expect(await count('inbound_messages')).toBe(before);
    });
  });

  describe('DELETE /api/matters/:slug/items/:itemId', () => {
    let itemId: number;

    beforeAll(async () => {
      const stored = await storeItem(t.db, {
        sourceId: press.id,
        item: {
          url: 'https://press.example/2022/09/chanbond-settles',
          title: 'ChanBond settles with CBV',
          publishedAt: '2022-09-01T10:00:00-04:00',
          summary: 'The parties told Judge Noreika they had settled.',
          text: '',
          publisher: 'Press Example',
          enclosures: [],
        },
      });
      itemId = stored.id;
      await attachItem(t.db, { matterId: cbv.id, itemId, reasons: [{ kind: 'alias', value: 'ChanBond', excerpt: 'ChanBond settles' }] });
    });

    const remove = (slug: string, id: number | string, auth: string | null = `Bearer ${token}`) =>
      send(origin, { method: 'DELETE', url: `/api/matters/${slug}/items/${id}`, headers: auth ? { authorization: auth } : {} });

    it('requires a token', async () => {
      expect((await remove('cbv-chanbond', itemId, null)).statusCode).toBe(401);
      expect((await remove('cbv-chanbond', itemId, 'Bearer wrong')).statusCode).toBe(401);
      const { body } = await timeline('cbv-chanbond');
      expect(body.entries.filter((r) => r.type === 'item').map((r) => r.id)).toEqual([itemId]);
    });

    it('answers 404 for an unknown matter or item', async () => {
      expect((await remove('no-such-matter', itemId)).statusCode).toBe(404);
      expect((await remove('cbv-chanbond', 'abc')).statusCode).toBe(404);
      expect((await remove('cbv-chanbond', 999_999)).statusCode).toBe(404);
      expect((await remove('pangemanan', itemId)).statusCode).toBe(404);
    });

    it('removes a press item from the matter (204), then 404; the timeline no longer shows it', async () => {
      const res = await remove('cbv-chanbond', itemId);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');

      const again = await remove('cbv-chanbond', itemId);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ status: 404, code: 'ITEM_NOT_FOUND', detail: 'that item is not attached to this matter' });

      const row = await t.db.selectFrom('matter_items').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
      expect(row.removed_by).toBe('clerk');
      expect(row.removed_at).not.toBeNull();

      const { body } = await timeline('cbv-chanbond');
      expect(body.entries.map((r) => r.type)).toEqual(['entry']);
      // It stays removed when matching finds it again.
      expect(await attachItem(t.db, { matterId: cbv.id, itemId, reasons: [] })).toBe(false);
      expect((await timeline('cbv-chanbond')).body.entries.map((r) => r.type)).toEqual(['entry']);
    });
  });

  describe('GET /api/matters/:slug/timeline', () => {
    let laterItem: number;

    beforeAll(async () => {
      const stored = await storeItem(t.db, {
        sourceId: press.id,
        item: {
          url: 'https://press.example/2022/08/chanbond-health',
          title: 'ChanBond trial schedule in doubt',
          publishedAt: '2022-08-05',
          summary: '',
          text: '',
          publisher: null,
          enclosures: [],
        },
      });
      laterItem = stored.id;
      await attachItem(t.db, { matterId: cbv.id, itemId: laterItem, reasons: [{ kind: 'alias', value: 'ChanBond', excerpt: 'ChanBond' }] });
      await storeDocketEntries(t.db, {
        sourceId: rss.id,
        docket: ded,
        baseline: false,
        entries: [
          {
            entryNumber: '135',
            filedAt: '2022-07-29T16:10:00-04:00',
            shortDescription: 'Order',
            description: 'ORDER setting status conference.',
            documentUrl: null,
            pacerDocId: null,
            attachments: [],
          },
        ],
      });
    });

    it('refuses a bad slug, limit, before, filter, cursor or an unknown parameter with a 400 problem naming it', async () => {
      for (const slug of ['CBV-Chanbond', 'cbv_chanbond', 'cbv--chanbond', '-cbv']) {
        const res = await timeline(slug);
        expect(res.status).toBe(400);
        expect(res.contentType).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, code: 'INVALID_PATH', errors: [expect.stringMatching(/^slug: lower-case words/)] });
      }
      const invalid: [string, RegExp][] = [
        ...['0', '1001', '-5', 'abc', '1.5', ''].map((limit): [string, RegExp] => [`limit=${limit}`, /^limit: /]),
        ...['yesterday', '2022-13-45', 'abc'].map((before): [string, RegExp] => [`before=${before}`, /^before: /]),
        ['class=orders', /^class: /],
        ['court=D.+Md.', /^court: /],
        ['since=soon', /^since: /],
        ['sort=oldest', /sort/],
      ];
      for (const [query, named] of invalid) {
        const res = await timeline('cbv-chanbond', `?${query}`);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'INVALID_QUERY']);
        expect(res.body.errors!.some((e) => named.test(e))).toBe(true);
      }
      for (const cursor of ['nope', Buffer.from('[1,2,3]').toString('base64url')]) {
        expect((await timeline('cbv-chanbond', `?cursor=${cursor}`)).body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
      }
    });

    it('answers 404 for an unknown matter', async () => {
      const res = await timeline('no-such-matter');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'MATTER_NOT_FOUND', detail: expect.stringContaining('no-such-matter') });
    });

    it('pages with the cursor it gives, and filters by class and court', async () => {
      const first = await timeline('cbv-chanbond', '?limit=2');
      expect(first.body.entries).toHaveLength(2);
      expect(first.body.next).toEqual(expect.any(String));
      const second = await timeline('cbv-chanbond', `?limit=2&cursor=${first.body.next}`);
      expect(second.body.next).toBeNull();
      const all = await timeline('cbv-chanbond');
      expect([...first.body.entries, ...second.body.entries].map((r) => `${r.type}${r.id}`)).toEqual(
        all.body.entries.map((r) => `${r.type}${r.id}`),
      );
      const press = await timeline('cbv-chanbond', '?court=press');
      expect(press.body.entries.map((r) => r.type)).toEqual(['item']);
      const orders = await timeline('cbv-chanbond', '?class=order,opinion&court=ded');
      expect(orders.body.entries.every((r) => r.type === 'entry')).toBe(true);
    });

    it('merges the matter’s entries and items newest first, each with its sightings', async () => {
      const { status, body } = await timeline('cbv-chanbond');
      expect(status).toBe(200);
      expect(body.matter).toMatchObject({ slug: 'cbv-chanbond', name: 'CBV v. ChanBond' });
      expect(body.dockets).toEqual([expect.objectContaining({ court: 'ded', docketNumber: '1:21-cv-01456' })]);
      // The removed item stays out; the other matter's docket report entries never come in.
      expect(body.entries.map((r) => [r.type, r.type === 'entry' ? r.entryNumber : r.title])).toEqual([
        ['item', 'ChanBond trial schedule in doubt'],
        ['entry', '136'],
        ['entry', '135'],
      ]);
      expect(body.entries[0]!.sightings.map((s) => s.sourceId)).toEqual([press.id]);
      expect(body.entries[1]!.sightings).toEqual([expect.objectContaining({ sourceId: nefBox.id, sourceName: 'CM/ECF notices' })]);
      expect(body.entries[2]!.sightings.map((s) => s.sourceId)).toEqual([rss.id]);
    });

    it('honours limit and before', async () => {
      const limited = await timeline('cbv-chanbond', '?limit=1');
      expect(limited.body.entries.map((r) => r.id)).toEqual([laterItem]);
      const older = await timeline('cbv-chanbond', `?before=${encodeURIComponent('2022-08-03T00:00:00Z')}`);
      expect(older.status).toBe(200);
      expect(older.body.entries.map((r) => r.entryNumber)).toEqual(['135']);
    });

    it('answers 200 with an empty timeline for a matter with nothing yet', async () => {
      await upsertMatter(t.db, { slug: 'quiet-matter', name: 'Quiet' });
      const { status, body } = await timeline('quiet-matter');
      expect(status).toBe(200);
      expect(body).toMatchObject({ dockets: [], entries: [] });
    });
  });
});
