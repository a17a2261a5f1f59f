/**
 * CourtListener docket-alert webhooks through the real Fastify app listening on 127.0.0.1, against
 * real Postgres, with the docket-alert event from packages/sources' CourtListener testdata. The
 * receiver only keeps an event and answers; its ingest job is run here by calling what the job
 * calls (ingestReceivedWebhook), so each test says when ingest happens. The job through a real
 * queue and poller is test/e2e/courtlistener-webhook.test.ts.
 *
 * Requests go over a real socket, so they come from 127.0.0.1, which is not one of CourtListener's
 * sender addresses. Only the test that needs a CourtListener address uses app.inject() and its
 * remoteAddress option (see the cookie stand-in below).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '@docketwatch/core';
import { pinCourtListenerDocket, upsertDocket, upsertMatter, upsertSource, type Docket, type Source } from '@docketwatch/db';
import { ingestReceivedWebhook } from '@docketwatch/ingest';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

// app.inject() loads light-my-request, which requires cookie@2: an ESM-only package that Jest 29
// cannot load. light-my-request uses it only for inject's `cookies` option, which no test here sets.
jest.mock('cookie', () => ({
  stringifySetCookie: () => {
    throw new Error('inject cookies are not used in these tests');
  },
}));

const log = createLogger({ name: 'test', level: 'silent' });

const TESTDATA = path.resolve(__dirname, '../../../packages/sources/src/courtlistener/testdata');
/** A Docket Alert event naming two CourtListener dockets: 68571705 (two entries) and 71234567 (one). */
const DOCKET_ALERT = fs.readFileSync(path.join(TESTDATA, 'docket-alert-webhook.json'), 'utf8');
/** A Search Alert event: a webhook CourtListener sends, but not a docket alert. */
const SEARCH_ALERT = fs.readFileSync(path.join(TESTDATA, 'search-alert-webhook.json'), 'utf8');

const FOLLOWED_CL_ID = 68571705;
const UNFOLLOWED_CL_ID = 71234567;

const SECRET = 'whsec-open-0123456789abcdef0123456789abcdef';
const CHECKED_SECRET = 'whsec-checked-0123456789abcdef0123456789ab';
const DEFAULT_SECRET = 'whsec-default-0123456789abcdef0123456789ab';

interface Answer {
  statusCode: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** One HTTP request to the app on its own connection. */
function send(
  origin: string,
  options: { method: string; url: string; headers?: Record<string, string>; payload?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${options.url}`, { method: options.method, headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ statusCode: res.statusCode ?? 0, body, json: <T>() => JSON.parse(body) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.payload);
  });
}

describe('POST /api/hooks/courtlistener/:secret (real Postgres, real HTTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  /** The ingest jobs the receiver asked for, by kept message id. */
  let queued: number[];
  /** What queueing an ingest job does; a test may make it fail. */
  let queue: (messageId: number) => Promise<void>;
  let docket: Docket;
  let hook: Source;
  let checked: Source;
  let keys = 0;

  const post = (secret: string, payload: string, headers: Record<string, string> = { 'idempotency-key': nextKey() }) =>
    send(origin, {
      method: 'POST',
      url: `/api/hooks/courtlistener/${secret}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });
  const nextKey = () => `3f0c2a9e-0000-4000-8000-${String(++keys).padStart(12, '0')}`;
  const entries = () => t.db.selectFrom('entries').selectAll().orderBy('id').execute();
  const inbound = () => t.db.selectFrom('inbound_messages').selectAll().orderBy('id').execute();
  const count = async (table: 'inbound_messages' | 'entries' | 'sightings' | 'outbox_events' | 'webhook_receipts' | 'dockets') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    inbound: await count('inbound_messages'),
    receipts: await count('webhook_receipts'),
    entries: await count('entries'),
    sightings: await count('sightings'),
    events: await count('outbox_events'),
    dockets: await count('dockets'),
  });
  /** Posts an event, checks it was kept and queued, and runs its ingest job. */
  const deliver = async (payload: string, secret = SECRET) => {
    const res = await post(secret, payload);
    expect(res.statusCode).toBe(202);
    const { message } = res.json<{ message: number }>();
    expect(queued.at(-1)).toBe(message);
    return { message, outcome: await ingestReceivedWebhook(t.db, message) };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'example-corp', name: 'Example Corp. v. Sample Agency' });
    docket = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'dcd',
      docketNumber: '1:24-cv-01234',
      pacerCaseId: '262001',
      caseName: 'Example Corp. v. Sample Agency',
    });
    await pinCourtListenerDocket(t.db, docket.id, FOLLOWED_CL_ID);
    hook = await upsertSource(t.db, {
      kind: 'courtlistener-webhook',
      name: 'CourtListener docket alerts',
      address: `courtlistener-webhook:${sha256(SECRET)}`,
      intervalSeconds: 86400,
      config: { checkSender: false },
    });
    checked = await upsertSource(t.db, {
      kind: 'courtlistener-webhook',
      name: 'CourtListener docket alerts (sender checked)',
      address: `courtlistener-webhook:${sha256(CHECKED_SECRET)}`,
      intervalSeconds: 86400,
      config: { checkSender: true },
    });
    await upsertSource(t.db, {
      kind: 'courtlistener-webhook',
      name: 'CourtListener docket alerts (default config)',
      address: `courtlistener-webhook:${sha256(DEFAULT_SECRET)}`,
      intervalSeconds: 86400,
    });
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://dw.example.test',
      linkSecret: 'test-link-secret',
      ingestWebhook: (messageId) => queue(messageId),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    queued = [];
    queue = async (messageId) => void queued.push(messageId);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('keeps the event and answers 202 before ingesting anything; its job then stores the followed docket’s entries', async () => {
    const key = 'a1b2c3d4-0000-4000-8000-000000000001';
    const before = await snapshot();
    const res = await post(SECRET, DOCKET_ALERT, { 'idempotency-key': key });
    expect(res.statusCode).toBe(202);
    const { message } = res.json<{ status: string; message: number }>();
    expect(res.json()).toEqual({ status: 'received', message });
    expect(queued).toEqual([message]);
    // Answered, and nothing ingested yet: only the event and its receipt are kept.
    expect(await snapshot()).toEqual({ ...before, inbound: before.inbound + 1, receipts: before.receipts + 1 });
    const [kept, ...others] = await inbound();
    expect(others).toEqual([]);
    expect(kept).toMatchObject({
      id: message,
      source_id: hook.id,
      channel: 'webhook',
      sender: '127.0.0.1',
      status: 'received',
      error: null,
    });
    expect(JSON.parse(kept!.raw.toString('utf8'))).toEqual(JSON.parse(DOCKET_ALERT));
    const receipts = await t.db.selectFrom('webhook_receipts').selectAll().execute();
    expect(receipts.map((r) => [r.key, r.source_id])).toEqual([[`courtlistener:${key}`, hook.id]]);

    const outcome = await ingestReceivedWebhook(t.db, message);
    expect(outcome).toMatchObject({ status: 'ingested', report: { created: 2, updated: 0, events: 2, unresolved: 1 } });
    const stored = await entries();
    expect(stored.map((e) => [e.docket_id, e.entry_number, e.filed_at])).toEqual([
      [docket.id, '5', '2024-11-04T01:30:00-05:00'],
      [docket.id, null, '2024-11-04'],
    ]);
    expect(stored[0]).toMatchObject({
      short_description: 'Response',
      pacer_doc_id: '045010000007',
      document_url: 'https://www.courtlistener.com/docket/68571705/5/example-corp-v-sample-agency/',
    });
    const sightings = await t.db.selectFrom('sightings').selectAll().execute();
    expect(sightings.map((s) => s.source_id)).toEqual([hook.id, hook.id]);
    const events = await t.db.selectFrom('outbox_events').selectAll().orderBy('id').execute();
    expect(events.map((e) => [e.kind, e.entry_id, e.docket_id])).toEqual([
      ['entry.created', stored[0]!.id, docket.id],
      ['entry.created', stored[1]!.id, docket.id],
    ]);
    // The unfollowed CourtListener docket (a cand case) is neither stored nor created.
    const dockets = await t.db.selectFrom('dockets').selectAll().execute();
    expect(dockets.map((d) => [d.court, d.docket_number])).toEqual([['dcd', '1:24-cv-01234']]);
    expect(stored.some((e) => e.description.includes('briefing schedule'))).toBe(false);
    expect((await inbound())[0]).toMatchObject({ status: 'ingested', error: null });

    // The job run again (a retry, the sweep) finds the event no longer waiting and does nothing.
    const after = await snapshot();
    expect(await ingestReceivedWebhook(t.db, message)).toBeNull();
    expect(await snapshot()).toEqual(after);
  });

  it('acknowledges a retry with the same Idempotency-Key as a duplicate: nothing kept, nothing queued', async () => {
    const before = await snapshot();
    const res = await post(SECRET, DOCKET_ALERT, { 'idempotency-key': 'a1b2c3d4-0000-4000-8000-000000000001' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'duplicate' });
    expect(await snapshot()).toEqual(before);
    expect(queued).toEqual([]);
  });

  it('takes the same entries under a new key without storing or alerting them twice', async () => {
    const before = await snapshot();
    const { outcome } = await deliver(DOCKET_ALERT);
    expect(outcome).toMatchObject({ status: 'ingested', report: { created: 0, updated: 0, events: 0 } });
    expect(await snapshot()).toEqual({ ...before, inbound: before.inbound + 1, receipts: before.receipts + 1 });
  });

  it('reads an alert sent with another Content-Type, and keeps the bytes as they came', async () => {
    const res = await post(SECRET, DOCKET_ALERT, { 'content-type': 'text/plain', 'idempotency-key': nextKey() });
    expect(res.statusCode).toBe(202);
    expect(await ingestReceivedWebhook(t.db, res.json<{ message: number }>().message)).toMatchObject({ status: 'ingested' });
    const kept = (await inbound()).at(-1)!;
    expect(kept.status).toBe('ingested');
    expect(kept.raw.toString('utf8')).toBe(DOCKET_ALERT);
  });

  it('needs an Idempotency-Key (400), and keeps nothing without one', async () => {
    const before = await snapshot();
    const missing = await post(SECRET, DOCKET_ALERT, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' });
    expect((await post(SECRET, DOCKET_ALERT, { 'idempotency-key': 'k'.repeat(201) })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect(queued).toEqual([]);
  });

  it('answers 404 for a wrong secret, or the hash of the right one, or a disabled source', async () => {
    const before = await snapshot();
    expect((await post('not-the-secret', DOCKET_ALERT)).statusCode).toBe(404);
    expect((await post(sha256(SECRET), DOCKET_ALERT)).json()).toMatchObject({ status: 404, code: 'WEBHOOK_NOT_FOUND' });
    await t.db.updateTable('sources').set({ enabled: false }).where('id', '=', hook.id).execute();
    try {
      expect((await post(SECRET, DOCKET_ALERT)).statusCode).toBe(404);
    } finally {
      await t.db.updateTable('sources').set({ enabled: true }).where('id', '=', hook.id).execute();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a sender that is not CourtListener with 403 when the source checks senders (and by default)', async () => {
    const before = await snapshot();
    const res = await post(CHECKED_SECRET, DOCKET_ALERT);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ status: 403, code: 'SENDER_NOT_ALLOWED', detail: 'sender is not a CourtListener webhook address' });
    // A source configured without checkSender checks too.
    expect((await post(DEFAULT_SECRET, DOCKET_ALERT)).statusCode).toBe(403);
    // Refused before the key is claimed: nothing kept, so CourtListener's own delivery later still counts.
    expect(await snapshot()).toEqual(before);
    expect(checked.config).toEqual({ checkSender: true });
  });

  it('does not take X-Forwarded-For as the sender', async () => {
    const before = await snapshot();
    const res = await post(CHECKED_SECRET, DOCKET_ALERT, { 'idempotency-key': nextKey(), 'x-forwarded-for': '34.210.230.218' });
    expect(res.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('takes a checked source’s alerts from CourtListener’s published sender addresses', async () => {
    const from = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: `/api/hooks/courtlistener/${CHECKED_SECRET}`,
        headers: { 'content-type': 'application/json', 'idempotency-key': nextKey() },
        payload: DOCKET_ALERT,
        remoteAddress,
      });
    const first = await from('34.210.230.218');
    expect(first.statusCode).toBe(202);
    // A dual-stack listener reports IPv4 senders as IPv4-mapped IPv6.
    expect((await from('::ffff:54.189.59.91')).statusCode).toBe(202);
    expect((await from('203.0.113.9')).statusCode).toBe(403);
    const kept = (await inbound()).slice(-2);
    expect(kept.map((m) => [m.source_id, m.sender, m.status])).toEqual([
      [checked.id, '34.210.230.218', 'received'],
      [checked.id, '::ffff:54.189.59.91', 'received'],
    ]);
    for (const m of kept) expect(await ingestReceivedWebhook(t.db, m.id)).toMatchObject({ status: 'ingested' });
    // Entries the open hook stored are now seen by the checked hook too.
    const sightings = await t.db.selectFrom('sightings').select('source_id').where('source_id', '=', checked.id).execute();
    expect(sightings).toHaveLength(2);
  });

  it('answers 202 for a payload that is not a docket alert (so CourtListener stops retrying); its job keeps it as failed', async () => {
    const before = await snapshot();
    const search = await deliver(SEARCH_ALERT);
    expect(search.outcome).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^PARSE_UNRECOGNISED: .*event type 2 \(SEARCH_ALERT\)/),
    });
    const noResults = await deliver(JSON.stringify({ webhook: { event_type: 1, version: 2 }, payload: {} }));
    expect(noResults.outcome).toEqual({ status: 'failed', reason: expect.stringMatching(/^PARSE_MALFORMED: /) });

    const failed = (await inbound()).slice(-2);
    expect(failed.map((m) => [m.source_id, m.channel, m.status])).toEqual([
      [hook.id, 'webhook', 'failed'],
      [hook.id, 'webhook', 'failed'],
    ]);
    expect(failed[0]!.error).toMatch(/^PARSE_UNRECOGNISED: /);
    expect(JSON.parse(failed[0]!.raw.toString('utf8'))).toEqual(JSON.parse(SEARCH_ALERT));
    expect(await snapshot()).toEqual({ ...before, inbound: before.inbound + 2, receipts: before.receipts + 2 });
  });

  it('keeps even a body that is not JSON, byte for byte, instead of refusing it before it is recorded', async () => {
    const garbage = '{"webhook": {"event_type": 1, truncated';
    const { outcome } = await deliver(garbage);
    expect(outcome).toEqual({ status: 'failed', reason: expect.stringMatching(/^PARSE_/) });
    const kept = (await inbound()).at(-1)!;
    expect(kept.status).toBe('failed');
    expect(kept.raw.toString('utf8')).toBe(garbage);
  });

  it('answers 202 and keeps the event even when its job cannot be queued (the sweep ingests it)', async () => {
    queue = async () => {
      throw new Error('Connection is closed.');
    };
    const res = await post(SECRET, DOCKET_ALERT);
    expect(res.statusCode).toBe(202);
    expect((await inbound()).at(-1)).toMatchObject({ id: res.json<{ message: number }>().message, status: 'received' });
  });

  it('stores nothing for an alert that names only dockets nobody follows', async () => {
    const event = JSON.parse(DOCKET_ALERT) as { payload: { results: { docket: number }[] } };
    event.payload.results = event.payload.results.filter((r) => r.docket === UNFOLLOWED_CL_ID);
    expect(event.payload.results).toHaveLength(1);
    const before = await snapshot();
    const { outcome } = await deliver(JSON.stringify(event));
    expect(outcome).toMatchObject({ status: 'ingested', report: { created: 0, unresolved: 1 } });
    expect(await snapshot()).toEqual({ ...before, inbound: before.inbound + 1, receipts: before.receipts + 1 });
  });

  it('lands events for a second CourtListener id pinned to the docket on that same docket', async () => {
    await pinCourtListenerDocket(t.db, docket.id, UNFOLLOWED_CL_ID);
    const event = JSON.parse(DOCKET_ALERT) as { payload: { results: { docket: number }[] } };
    event.payload.results = event.payload.results.filter((r) => r.docket === UNFOLLOWED_CL_ID);
    const { outcome } = await deliver(JSON.stringify(event));
    expect(outcome).toMatchObject({ status: 'ingested', report: { created: 1, unresolved: 0 } });
    const stored = await entries();
    expect(stored.at(-1)!.docket_id).toBe(docket.id);
    expect(new Set(stored.map((e) => e.docket_id))).toEqual(new Set([docket.id]));
    expect(await count('dockets')).toBe(1);
  });
});
