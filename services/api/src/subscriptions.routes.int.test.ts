/**
 * Subscribing over HTTP: double opt-in for e-mail, token-gated Slack/webhook/feed subscriptions,
 * one-click unsubscribe (RFC 8058), the pages those links open, and the dead-letter admin routes.
 * The real Fastify app listens on 127.0.0.1 against real Postgres; confirmation mail goes through
 * the real EmailSender (nodemailer) to a real SMTP server on 127.0.0.1.
 *
 * Requests go over a real socket rather than app.inject(): inject loads light-my-request, whose
 * dependency cookie@2 is ESM-only, which Jest 29 cannot require.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { signToken, type ParsedEntry } from '@docketwatch/core';
import {
  claimDelivery,
  createApiToken,
  fanOutPendingEvents,
  getSubscription,
  hashToken,
  markDeliveriesFailed,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Docket,
  type Matter,
  type Source,
  type Subscription,
} from '@docketwatch/db';
import { applyCatalogue, parseCatalogue } from '@docketwatch/catalogue';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds, type RenderedEmail } from '@docketwatch/notify';
import { createTestDatabase, SmtpSink, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';
import { formToken } from './web/form-token';

const log = createLogger({ name: 'test', level: 'silent' });
const PUBLIC_URL = 'http://dw.example.test';
const LINK_SECRET = 'test-link-secret';
/** The one answer to every anonymous e-mail request. */
const ANSWER = { status: 'pending', message: 'check your inbox to confirm' };

interface Answer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
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
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.payload);
  });
}

/** The path of a link the app made (links point at PUBLIC_URL; requests go to the test's origin). */
function pathOf(link: string): string {
  expect(link.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

function entry(n: number, text: string): ParsedEntry {
  return {
    entryNumber: String(n),
    filedAt: `2025-04-${String(n % 28 || 1).padStart(2, '0')}T10:00:00-04:00`,
    shortDescription: text,
    description: '',
    documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0${n}`,
    pacerDocId: null,
    attachments: [],
  };
}

/** The HTML pages these routes send must never let scraped or user-given text run. */
function expectSafePage(res: Answer, status: number): void {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/script-src/);
  expect(res.body).not.toMatch(/<script/i);
}

describe('subscriptions, confirmation and unsubscribe links (real Postgres, real HTTP, real SMTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let token: string;
  let sink: SmtpSink;
  let email: EmailSender;
  let matter: Matter;
  let mdd: Docket;
  let source: Source;
  /** A subscription that is active from the start: proves fan-out ran and made deliveries. */
  let control: Subscription;
  let woken: number[];
  /** Every account mail the API sent (confirmations, "already subscribed", manage links). */
  const mails: { to: string; mail: RenderedEmail }[] = [];
  let entryNumber = 0;

  const subscribe = (body: unknown, auth: string | null = null) =>
    send(origin, {
      method: 'POST',
      url: '/api/subscriptions',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      payload: JSON.stringify(body),
    });
  const get = (url: string) => send(origin, { method: 'GET', url });
  /** What a browser sends when the page's button is pressed. */
  const press = (url: string, payload = '') =>
    send(origin, { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  const row = async (id: number) => (await getSubscription(t.db, id))!;
  /** The address's subscription to the whole matter (the anonymous answer carries no id). */
  const rowOf = async (address: string) =>
    t.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('target', '=', address)
      .where('matter_id', '=', matter.id)
      .where('docket_id', 'is', null)
      .executeTakeFirstOrThrow();
  /** What a browser does with a confirmation link: open the page, press its button (which carries the form token). */
  const confirmVia = async (link: string) => {
    const shown = await get(pathOf(link));
    const csrf = /name="csrf" value="([^"]+)"/.exec(shown.body)?.[1] ?? '';
    return press(pathOf(link), `csrf=${encodeURIComponent(csrf)}`);
  };
  const subscriptionCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('subscriptions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Waits for the `nth` confirmation mail to `address` and returns it with the link it carries. */
  const mailTo = async (address: string, nth = 1): Promise<{ mail: ParsedMail; link: string }> => {
    const mail = (await sink.waitForMailTo(address, nth))[nth - 1]!;
    const link = /Confirm: (\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    return { mail, link: link! };
  };
  /** A new docket entry in the matter, alerted (not a baseline), then fanned out. */
  const newEntryFannedOut = async () => {
    entryNumber += 1;
    const stored = await storeDocketEntries(t.db, {
      sourceId: source.id,
      docket: mdd,
      entries: [entry(entryNumber, `ORDER number ${entryNumber}`)],
      baseline: false,
    });
    expect(stored.events).toBe(1);
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    return t.db
      .selectFrom('deliveries')
      .selectAll()
      .where('id', 'in', deliveryIds.length ? deliveryIds : [-1])
      .execute();
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    sink = new SmtpSink();
    const smtpUrl = await sink.start();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.example.test>', smtpUrl });
    matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem', aliases: ['Abrego Garcia'] });
    mdd = await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'Abrego Garcia v. Noem' });
    await upsertDocket(t.db, { matterId: matter.id, court: 'scotus', docketNumber: '24A949', caseName: 'Noem v. Abrego Garcia' });
    const other = await upsertMatter(t.db, { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump' });
    await upsertDocket(t.db, { matterId: other.id, court: 'dcd', docketNumber: '1:25-cv-00766' });
    source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Md. RSS',
      address: 'https://ecf.mdd.uscourts.gov/cgi-bin/rss_outside.pl',
      court: 'mdd',
      intervalSeconds: 300,
    });
    control = await upsertSubscription(t.db, { matterId: matter.id, channel: 'email', target: 'desk@newsroom.example' });
    token = await createApiToken(t.db, 'ops');
    let n = 0;
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'smtp',
      publicUrl: PUBLIC_URL,
      linkSecret: LINK_SECRET,
      onEvents: async (count) => void woken.push(count),
      sendMail: async (to, mail) => {
        mails.push({ to, mail });
        await email.send({ ...mail, to, messageId: `<account-${++n}@dw.example.test>` });
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    woken = [];
  });
  afterAll(async () => {
    await app?.close();
    await email?.close();
    await sink?.stop();
    await t?.drop();
  });

  describe('double opt-in for e-mail', () => {
    /** Asks for alerts to `address` and returns the subscription id and the link mailed to it. */
    async function ask(address: string, nth = 1): Promise<{ id: number; link: string; mail: ParsedMail }> {
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: address });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ANSWER);
      const { mail, link } = await mailTo(address.toLowerCase(), nth);
      return { id: (await rowOf(address.toLowerCase())).id, link, mail };
    }
    /** A subscriber who asked and confirmed. */
    async function confirmed(address: string): Promise<number> {
      const { id, link } = await ask(address);
      expectSafePage(await confirmVia(link), 200);
      return id;
    }

    it('answers 202 pending without a token and mails a confirmation link', async () => {
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'Reader@Example.com' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'pending', message: 'check your inbox to confirm' });

      const { mail, link } = await mailTo('reader@example.com');
      expect(mail.to).toMatchObject({ value: [{ address: 'reader@example.com' }] });
      expect(mail.subject).toBe('Confirm your docketwatch alerts for Abrego Garcia v. Noem');
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/subscriptions/confirm/[A-Za-z0-9_-]{32}$`));
      expect(mail.html).toContain(`href="${link}"`);
      expect(mails.filter((m) => m.to === 'reader@example.com')).toHaveLength(1);

      expect(await rowOf('reader@example.com')).toMatchObject({
        matter_id: matter.id,
        docket_id: null,
        channel: 'email',
        target: 'reader@example.com',
        status: 'pending',
        confirmed_at: null,
      });
    });

    it('stores only the hash of the confirmation token', async () => {
      const { id, link } = await ask('hash@example.com');
      const secret = link.split('/').pop()!;
      const stored = await row(id);
      expect(stored.confirm_token_hash).toBe(hashToken(secret));
      expect(stored.confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(secret);
    });

    it('sends a pending subscription nothing: fan-out makes no delivery for it', async () => {
      const { id } = await ask('pending@example.com');
      const deliveries = (await newEntryFannedOut()).map((d) => d.subscription_id);
      expect(deliveries).toContain(control.id);
      expect(deliveries).not.toContain(id);
      expect(await t.db.selectFrom('deliveries').selectAll().where('subscription_id', '=', id).execute()).toEqual([]);
    });

    it('shows a page with a POST form on GET, and stays pending (mail scanners follow links)', async () => {
      const { id, link } = await ask('scanned@example.com');
      for (let i = 0; i < 2; i++) {
        const res = await get(pathOf(link));
        expectSafePage(res, 200);
        expect(res.body).toContain('Confirm your subscription');
        expect(res.body).toMatch(
          /<form method="post">\s*<input type="hidden" name="csrf" value="[A-Za-z0-9_-]{43}" \/><button type="submit">\s*Confirm\s*<\/button>\s*<\/form>/,
        );
        expect(res.body).toContain('scanned@example.com');
        // The page names what is being confirmed.
        expect(res.body).toContain('Alerts about <strong>Abrego Garcia v. Noem</strong>');
      }
      expect((await row(id)).status).toBe('pending');
    });

    it('issues a fresh link for a repeated request while pending, and the old link stops working', async () => {
      const { id, link: firstLink } = await ask('again@example.com');
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'AGAIN@example.com' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ANSWER);

      const { link: secondLink } = await mailTo('again@example.com', 2);
      expect(secondLink).not.toBe(firstLink);
      expect((await row(id)).confirm_token_hash).toBe(hashToken(secondLink.split('/').pop()!));

      const old = await get(pathOf(firstLink));
      expectSafePage(old, 404);
      expect(old.body).toContain('This confirmation link is no longer valid');
      expectSafePage(await press(pathOf(firstLink), `csrf=${formToken(LINK_SECRET, firstLink.split('/').pop()!)}`), 404);
      expect((await row(id)).status).toBe('pending');
      expectSafePage(await get(pathOf(secondLink)), 200);
    });

    it('activates on POST of the link, and the link then no longer works', async () => {
      const { id, link } = await ask('activate@example.com');
      const res = await confirmVia(link);
      expectSafePage(res, 200);
      expect(res.body).toContain('You are subscribed');
      expect(res.body).toContain('Alerts about <strong>Abrego Garcia v. Noem</strong>');
      expect(await row(id)).toMatchObject({ status: 'active', confirm_token_hash: null, confirmed_at: expect.any(Date) });

      const again = await get(pathOf(link));
      expectSafePage(again, 404);
      // Used once: pressing the button again (with the form token the page carried) does nothing.
      expectSafePage(await press(pathOf(link), `csrf=${formToken(LINK_SECRET, link.split('/').pop()!)}`), 404);
      expect((await row(id)).status).toBe('active');
    });

    it('delivers to the subscription once it is active', async () => {
      const id = await confirmed('delivered@example.com');
      const deliveries = (await newEntryFannedOut()).map((d) => d.subscription_id);
      expect(deliveries).toEqual(expect.arrayContaining([control.id, id]));
    });

    it('answers a repeated request once active as it answers any, and mails the owner a manage link, not a confirmation', async () => {
      const id = await confirmed('settled@example.com');
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'settled@example.com' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ANSWER);
      const mail = (await sink.waitForMailTo('settled@example.com', 2))[1]!;
      expect(mail.subject).toBe('You already get docketwatch alerts for Abrego Garcia v. Noem');
      expect(mail.text).not.toContain('/subscriptions/confirm/');
      expect(mail.text).toMatch(new RegExp(`Manage your alerts: ${PUBLIC_URL}/manage/${id}\\.\\d+\\.[A-Za-z0-9_-]{32}`));
      expect((await row(id)).status).toBe('active');
    });

    it('subscribes to one docket of the matter, however its number is written', async () => {
      const res = await subscribe({
        matter: 'abrego-garcia',
        docket: 'mdd 8:25-CV-00951-PX',
        channel: 'email',
        target: 'clerk@example.com',
      });
      expect(res.statusCode).toBe(202);
      const sub = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'clerk@example.com').executeTakeFirstOrThrow();
      expect(sub).toMatchObject({ matter_id: matter.id, docket_id: mdd.id, status: 'pending' });
      await mailTo('clerk@example.com');
    });

    it('answers 404 for a made-up confirmation token', async () => {
      const made = 'not-a-token-at-all-0123456789abcdef';
      expectSafePage(await get(`/subscriptions/confirm/${made}`), 404);
      expectSafePage(await press(`/subscriptions/confirm/${made}`), 403);
      expectSafePage(await press(`/subscriptions/confirm/${made}`, `csrf=${formToken(LINK_SECRET, made)}`), 404);
    });
  });

  describe('validation', () => {
    const invalid = async (body: unknown, auth: string | null = null) => {
      const res = await subscribe(body, auth);
      expect(res.statusCode).toBe(400);
      const answer = res.json<{ code: string; errors: string[] }>();
      expect(answer.code).toBe('INVALID_SUBSCRIPTION');
      return answer.errors;
    };

    it('answers 400 with the issues, and stores nothing', async () => {
      const before = await subscriptionCount();
      expect(await invalid({ channel: 'email', target: 'a@example.com' })).toEqual([
        '(body): give a matter, a saved search (query), or both',
      ]);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'email', target: 'not-an-address' })).toEqual(['target: an e-mail address']);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'email' })).toEqual(['target: an e-mail address']);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'email', target: 'a@example.com', timeZone: 'Mars/Olympus_Mons' })).toEqual([
        'timeZone: an IANA time zone such as America/New_York',
      ]);
      expect(
        await invalid(
          { matter: 'abrego-garcia', channel: 'slack', target: 'https://hooks.slack.com/services/T0/B0/X', mode: 'digest' },
          `Bearer ${token}`,
        ),
      ).toEqual(['mode: digests go by e-mail']);
      expect(await invalid({ query: 'asylum', docket: 'mdd 8:25-cv-951', channel: 'email', target: 'a@example.com' })).toEqual([
        'docket: a docket belongs to a matter: give the matter too',
      ]);
      const unknown = await invalid({ matter: 'abrego-garcia', channel: 'email', target: 'a@example.com', status: 'active' });
      expect(unknown).toHaveLength(1);
      expect(unknown[0]).toMatch(/status/);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'slack', target: 'javascript:alert(1)' }, `Bearer ${token}`)).toEqual([
        'target: a Slack incoming-webhook URL: an https:// URL',
      ]);
      // The URL is the credential: it never travels in clear to anything but a loopback stand-in.
      expect(
        await invalid({ matter: 'abrego-garcia', channel: 'teams', target: 'http://prod.example/workflow' }, `Bearer ${token}`),
      ).toEqual(['target: a Teams Workflows webhook URL: an https:// URL']);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'fax', target: '555-0100' }, `Bearer ${token}`)).toHaveLength(1);
      expect(await invalid({ matter: 'Abrego Garcia', channel: 'email', target: 'a@example.com' })).toHaveLength(1);
      expect(await invalid({ matter: 'abrego-garcia', channel: 'sms', target: '+15555550100' })).toHaveLength(1);
      expect(await invalid([])).toHaveLength(1);
      expect(await subscriptionCount()).toBe(before);
      expect(mails.map((m) => m.to)).not.toContain('a@example.com');
    });

    it('answers 404 for an unknown matter, or a docket that is not in the matter', async () => {
      const before = await subscriptionCount();
      const noMatter = await subscribe({ matter: 'no-such-matter', channel: 'email', target: 'a@example.com' });
      expect(noMatter.statusCode).toBe(404);
      expect(noMatter.json()).toMatchObject({ status: 404, code: 'MATTER_NOT_FOUND', detail: 'no matter "no-such-matter"' });
      const noDocket = await subscribe({ matter: 'abrego-garcia', docket: 'mdd 8:25-cv-00999', channel: 'email', target: 'a@example.com' });
      expect(noDocket.statusCode).toBe(404);
      expect(noDocket.json()).toMatchObject({
        status: 404,
        code: 'DOCKET_NOT_FOUND',
        detail: 'no docket "mdd 8:25-cv-00999" in abrego-garcia',
      });
      // A docket that exists, but in another matter.
      expect(
        (await subscribe({ matter: 'abrego-garcia', docket: 'dcd 1:25-cv-766', channel: 'email', target: 'a@example.com' })).statusCode,
      ).toBe(404);
      expect(await subscriptionCount()).toBe(before);
    });
  });

  describe('Slack, webhook and feed subscriptions need an API token', () => {
    it('answers 401 without a valid token, and stores nothing', async () => {
      const before = await subscriptionCount();
      for (const body of [
        { matter: 'abrego-garcia', channel: 'slack', target: 'https://hooks.slack.com/services/T0/B0/XXXX' },
        { matter: 'abrego-garcia', channel: 'webhook', target: 'https://hooks.example.test/docketwatch' },
        { matter: 'abrego-garcia', channel: 'feed' },
      ]) {
        const none = await subscribe(body);
        expect(none.statusCode).toBe(401);
        expect(none.headers['www-authenticate']).toBe('Bearer');
        expect((await subscribe(body, 'Bearer dw_not-a-real-token')).statusCode).toBe(401);
        expect((await subscribe(body, `Bearer ${hashToken(token)}`)).statusCode).toBe(401);
      }
      expect(await subscriptionCount()).toBe(before);
    });

    it('makes an active Slack subscription with a token (201)', async () => {
      const res = await subscribe(
        { matter: 'abrego-garcia', channel: 'slack', target: 'https://hooks.slack.com/services/T0/B0/XXXX', classes: ['order', 'opinion'] },
        `Bearer ${token}`,
      );
      expect(res.statusCode).toBe(201);
      const body = res.json<{ id: number }>();
      expect(body).toEqual({ id: expect.any(Number), status: 'active' });
      expect(await row(body.id)).toMatchObject({
        channel: 'slack',
        target: 'https://hooks.slack.com/services/T0/B0/XXXX',
        status: 'active',
        classes: ['order', 'opinion'],
        confirm_token_hash: null,
      });
    });

    it.each([
      ['teams', 'https://prod-12.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cret'],
      ['discord', 'https://discord.com/api/webhooks/123/s3cret'],
      ['ntfy', 'https://ntfy.sh/court-alerts-s3cret'],
    ])('makes an active %s subscription with a token (201), and none without one', async (channel, target) => {
      const request = { matter: 'abrego-garcia', channel, target, classes: ['order'] };
      expect((await subscribe(request)).statusCode).toBe(401);
      const res = await subscribe(request, `Bearer ${token}`);
      expect(res.statusCode).toBe(201);
      const body = res.json<{ id: number }>();
      expect(body).toEqual({ id: expect.any(Number), status: 'active' });
      expect(await row(body.id)).toMatchObject({ channel, target, status: 'active', classes: ['order'], webhook_secrets: [] });
    });

    it('returns a webhook subscription’s whsec_ signing secret in the answer, and keeps it for signing', async () => {
      const res = await subscribe(
        { matter: 'abrego-garcia', channel: 'webhook', target: 'https://hooks.example.test/docketwatch' },
        `Bearer ${token}`,
      );
      expect(res.statusCode).toBe(201);
      const body = res.json<{ id: number; status: string; webhookSecret: string }>();
      expect(body).toEqual({
        id: expect.any(Number),
        status: 'active',
        webhookSecret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      const stored = await row(body.id);
      expect(stored.webhook_secrets).toEqual([body.webhookSecret]);
      expect(stored.status).toBe('active');
    });

    it('does not rotate a webhook’s secret behind its receiver’s back when the request is repeated', async () => {
      const request = { matter: 'abrego-garcia', channel: 'webhook', target: 'https://hooks.example.test/repeat' };
      const first = await subscribe(request, `Bearer ${token}`);
      const { id, webhookSecret } = first.json<{ id: number; webhookSecret: string }>();
      const again = await subscribe({ ...request, label: 'renamed' }, `Bearer ${token}`);
      expect(again.statusCode).toBe(201);
      expect(again.json<{ id: number; webhookSecret?: string }>()).toEqual({ id, status: 'active' });
      const stored = await row(id);
      expect(stored.webhook_secrets).toEqual([webhookSecret]);
      expect(stored.label).toBe('renamed');
    });

    describe('feeds', () => {
      let feedUrl: string;
      let feedId: number;

      it('returns a signed feed URL that serves Atom', async () => {
        const res = await subscribe({ matter: 'abrego-garcia', channel: 'feed', label: 'Desk feed' }, `Bearer ${token}`);
        expect(res.statusCode).toBe(201);
        const body = res.json<{ id: number; status: string; feedUrl: string }>();
        feedId = body.id;
        feedUrl = body.feedUrl;
        expect(body.status).toBe('active');
        expect(feedUrl).toBe(`${PUBLIC_URL}/feeds/subscriptions/${signToken(LINK_SECRET, 'feed', feedId)}.atom`);
        expect((await row(feedId)).target).toMatch(/^feed:[0-9a-f]{16}$/);

        const feed = await get(pathOf(feedUrl));
        expect(feed.statusCode).toBe(200);
        expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
        expect(feed.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
        expect(feed.body).toContain('<title type="text">Desk feed · docketwatch</title>');
        // The entries stored above, newest first.
        expect(feed.body).toContain(`<title type="text">ORDER number ${entryNumber}</title>`);
      });

      it('answers 404 for a tampered token or a token made for another purpose', async () => {
        const good = signToken(LINK_SECRET, 'feed', feedId);
        const flipped = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
        for (const bad of [
          flipped,
          `${feedId + 1}${good.slice(String(feedId).length)}`,
          signToken(LINK_SECRET, 'unsubscribe', feedId),
          signToken('another-installation', 'feed', feedId),
          String(feedId),
        ]) {
          const res = await get(`/feeds/subscriptions/${bad}.atom`);
          expect(res.statusCode).toBe(404);
          expect(res.json()).toMatchObject({ code: 'FEED_NOT_FOUND', status: 404, detail: 'no such feed' });
        }
      });
    });
  });

  describe('one-click unsubscribe (RFC 8058)', () => {
    let sub: Subscription;
    let link: string;
    const CATALOGUE = `
matters:
  - slug: abrego-garcia
    name: Abrego Garcia v. Noem
    dockets:
      - court: mdd
        number: 8:25-cv-00951
    subscriptions:
      - email: Listed@Example.com
`;

    beforeAll(async () => {
      await applyCatalogue(t.db, parseCatalogue(CATALOGUE));
      sub = (await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'listed@example.com').executeTakeFirstOrThrow())!;
      expect(sub.status).toBe('active');
      link = `/u/${signToken(LINK_SECRET, 'unsubscribe', sub.id)}`;
    });

    it('shows a page with the one-click form on GET, and does not unsubscribe', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await get(link);
        expectSafePage(res, 200);
        expect(res.body).toContain('Unsubscribe listed@example.com?');
        expect(res.body).toContain('alerts about <strong>Abrego Garcia v. Noem</strong>');
        expect(res.body).toMatch(
          /<form method="post">\s*<input type="hidden" name="List-Unsubscribe" value="One-Click" \/><button type="submit">Unsubscribe<\/button>\s*<\/form>/,
        );
      }
      expect(await row(sub.id)).toMatchObject({ status: 'active', unsubscribed_at: null });
    });

    it('answers 404 for a forged token, one for another subscription, or one made for another purpose, changing nothing', async () => {
      const good = signToken(LINK_SECRET, 'unsubscribe', sub.id);
      for (const bad of [
        `${sub.id}.${'A'.repeat(32)}`,
        `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`,
        `${control.id}${good.slice(String(sub.id).length)}`,
        signToken(LINK_SECRET, 'feed', sub.id),
        signToken('another-installation', 'unsubscribe', sub.id),
        signToken(LINK_SECRET, 'unsubscribe', 999_999),
        String(sub.id),
      ]) {
        const shown = await get(`/u/${bad}`);
        expectSafePage(shown, 404);
        expect(shown.body).toContain('This unsubscribe link is not valid');
        expectSafePage(await press(`/u/${bad}`, 'List-Unsubscribe=One-Click'), 404);
      }
      expect((await row(sub.id)).status).toBe('active');
      expect((await row(control.id)).status).toBe('active');
    });

    it('unsubscribes at once on POST List-Unsubscribe=One-Click', async () => {
      const res = await press(link, 'List-Unsubscribe=One-Click');
      expectSafePage(res, 200);
      expect(res.body).toContain('You are unsubscribed');
      const after = await row(sub.id);
      expect(after).toMatchObject({ status: 'unsubscribed', unsubscribed_at: expect.any(Date) });

      // An unsubscribed address gets no more deliveries.
      const deliveries = await newEntryFannedOut();
      expect(deliveries.map((d) => d.subscription_id)).not.toContain(sub.id);
      expect(deliveries.map((d) => d.subscription_id)).toContain(control.id);
    });

    it('takes a repeated POST calmly, and GET then says so', async () => {
      const before = await row(sub.id);
      const again = await press(link, 'List-Unsubscribe=One-Click');
      expectSafePage(again, 200);
      const after = await row(sub.id);
      expect(after.status).toBe('unsubscribed');
      expect(after.unsubscribed_at).toEqual(before.unsubscribed_at);
      const shown = await get(link);
      expectSafePage(shown, 200);
      expect(shown.body).toContain('You are already unsubscribed');
    });

    it('takes the one-click POST as multipart/form-data, the encoding RFC 8058 says mail receivers SHOULD use', async () => {
      const other = await upsertSubscription(t.db, { matterId: matter.id, channel: 'email', target: 'gmail-user@example.com' });
      const boundary = '----docketwatch-test-boundary';
      const res = await send(origin, {
        method: 'POST',
        url: `/u/${signToken(LINK_SECRET, 'unsubscribe', other.id)}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      });
      expectSafePage(res, 200);
      expect((await row(other.id)).status).toBe('unsubscribed');
    });

    it('keeps the unsubscribe when the catalogue that lists the address is loaded again', async () => {
      const report = await applyCatalogue(t.db, parseCatalogue(CATALOGUE));
      expect(report.subscriptions).toBe(1);
      const rows = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'listed@example.com').execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: sub.id, status: 'unsubscribed' });
    });

    it('lets someone who unsubscribed subscribe again, through a fresh double opt-in', async () => {
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'listed@example.com' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual(ANSWER);
      // Asking is not consenting: still no alerts until the link is confirmed.
      expect((await row(sub.id)).status).toBe('pending');
      expect((await newEntryFannedOut()).map((d) => d.subscription_id)).not.toContain(sub.id);
      const { link: confirm } = await mailTo('listed@example.com');
      expectSafePage(await confirmVia(confirm), 200);
      expect((await row(sub.id)).status).toBe('active');
    });
  });

  describe('pages are safe', () => {
    const HOSTILE = `"><script>alert(document.cookie)</script><img src=x onerror=alert(1)>'@evil.example`;
    const ESCAPED = '&quot;&gt;&lt;script&gt;alert(document.cookie)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;@evil.example';

    it('escapes the target on the confirmation pages', async () => {
      const secret = 'hostile-confirm-token-0123456789abcdef';
      await upsertSubscription(t.db, {
        matterId: matter.id,
        channel: 'email',
        target: HOSTILE,
        status: 'pending',
        confirmTokenHash: hashToken(secret),
        confirmExpiresAt: new Date(Date.now() + 3600_000),
      });
      const shown = await get(`/subscriptions/confirm/${secret}`);
      expectSafePage(shown, 200);
      expect(shown.body).toContain(`will go to ${ESCAPED}.`);
      expect(shown.body).not.toContain('<img');
      const done = await press(`/subscriptions/confirm/${secret}`, `csrf=${formToken(LINK_SECRET, secret)}`);
      expectSafePage(done, 200);
      expect(done.body).toContain(`will go to ${ESCAPED}.`);
      expect(done.body).not.toContain('<img');
    });

    it('never shows a webhook URL (a secret) on the unsubscribe page, and escapes its label', async () => {
      // A URL has no spaces, but may carry quotes and angle brackets.
      const target = `https://hooks.example.test/x?"><script>alert(1)</script><svg/onload=alert(2)>'`;
      const label = `Desk <svg/onload=alert(3)> "hooks"`;
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'webhook', target, label }, `Bearer ${token}`);
      expect(res.statusCode).toBe(201);
      const shown = await get(`/u/${signToken(LINK_SECRET, 'unsubscribe', res.json<{ id: number }>().id)}`);
      expectSafePage(shown, 200);
      expect(shown.body).toContain('Unsubscribe Desk &lt;svg/onload=alert(3)&gt; &quot;hooks&quot;?');
      expect(shown.body).not.toContain('hooks.example.test');
      expect(shown.body).not.toContain('<svg');
    });
  });

  describe('dead-letter admin', () => {
    let dead: number;
    let pending: number;

    beforeAll(async () => {
      const deliveries = await newEntryFannedOut();
      const mine = deliveries.find((d) => d.subscription_id === control.id)!;
      expect(await claimDelivery(t.db, mine.id, 60)).toBeDefined();
      expect(
        await markDeliveriesFailed(t.db, [mine.id], {
          message: '550 mailbox unavailable',
          permanent: true,
          retryInSeconds: 0,
          maxAttempts: 5,
        }),
      ).toBe('dead');
      dead = mine.id;
      pending = deliveries.find((d) => d.id !== dead)!.id;
    });

    it('needs a token to list or replay', async () => {
      expect((await get('/api/admin/deliveries/dead')).statusCode).toBe(401);
      const replay = await send(origin, { method: 'POST', url: `/api/admin/deliveries/${dead}/replay` });
      expect(replay.statusCode).toBe(401);
      expect(replay.headers['www-authenticate']).toBe('Bearer');
      expect(
        (await send(origin, { method: 'POST', url: `/api/admin/deliveries/${dead}/replay`, headers: { authorization: 'Bearer nope' } }))
          .statusCode,
      ).toBe(401);
      expect((await t.db.selectFrom('deliveries').select('status').where('id', '=', dead).executeTakeFirstOrThrow()).status).toBe('dead');
      expect(woken).toEqual([]);
    });

    it('lists dead deliveries only', async () => {
      const res = await send(origin, { method: 'GET', url: '/api/admin/deliveries/dead', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      const { deliveries } = res.json<{ deliveries: { id: number; status: string; last_error: string; subscription_id: number }[] }>();
      expect(deliveries).toEqual([
        expect.objectContaining({ id: dead, status: 'dead', last_error: '550 mailbox unavailable', subscription_id: control.id }),
      ]);
    });

    it('replays a dead delivery as pending and wakes the notifier; anything else is 404', async () => {
      const replay = (id: number | string) =>
        send(origin, { method: 'POST', url: `/api/admin/deliveries/${id}/replay`, headers: { authorization: `Bearer ${token}` } });
      const res = await replay(dead);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ id: dead, status: 'pending' });
      expect(await t.db.selectFrom('deliveries').selectAll().where('id', '=', dead).executeTakeFirstOrThrow()).toMatchObject({
        status: 'pending',
        attempts: 0,
        last_error: null,
      });
      expect(woken).toEqual([1]);

      for (const id of [dead, pending, 999_999, 'abc', '1.5']) {
        const miss = await replay(id);
        expect(miss.statusCode).toBe(404);
        expect(miss.json()).toMatchObject({ status: 404, code: 'DELIVERY_NOT_FOUND' });
      }
      expect((await t.db.selectFrom('deliveries').select('status').where('id', '=', pending).executeTakeFirstOrThrow()).status).toBe(
        'pending',
      );
      expect(woken).toEqual([1]);
      const list = await send(origin, { method: 'GET', url: '/api/admin/deliveries/dead', headers: { authorization: `Bearer ${token}` } });
      expect(list.json()).toEqual({ deliveries: [] });
    });
  });
});
