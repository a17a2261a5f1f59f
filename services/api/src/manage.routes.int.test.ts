/**
 * Subscriptions only their owner controls, over real HTTP against real Postgres, with mail through
 * the real EmailSender to a real SMTP server on 127.0.0.1.
 *
 * The attack regressions: an anonymous request naming an active subscriber with other settings
 * changes nothing (and the next order still reaches them); the answer is the same for a new, a
 * pending and an active address; a forged, expired or foreign manage link, a manage-page post
 * without its form token, and an expired or reused confirmation link each change nothing.
 * Then the owner's flows: ask for the link, see every subscription (Slack ones they own included),
 * change filters, pause (no deliveries), resume, delete, leave everything; and the admin API.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { classifyEntry, ITEM_CLASSES, signExpiringToken, signToken, type ParsedEntry } from '@docketwatch/core';
import {
  createApiToken,
  fanOutPendingEvents,
  getSubscription,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Docket,
  type Source,
  type Subscription,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds } from '@docketwatch/notify';
import { createTestDatabase, SmtpSink, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';
import { formToken } from './web/form-token';

const log = createLogger({ name: 'test', level: 'silent' });
const PUBLIC_URL = 'http://dw.example.test';
const LINK_SECRET = 'test-link-secret';
const ANSWER = { status: 'pending', message: 'check your inbox to confirm' };

describe('subscriptions only their owner controls (real Postgres, real HTTP, real SMTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let sink: SmtpSink;
  let email: EmailSender;
  let mdd: Docket;
  let source: Source;
  let matterId: number;
  let adminToken: string;
  let entryNumber = 0;

  const request = (method: string, path: string, init: { body?: string; type?: string; auth?: string } = {}) =>
    fetch(`${origin}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.auth ? { authorization: `Bearer ${init.auth}` } : {}),
      },
      body: init.body,
    });
  const subscribe = (body: Record<string, unknown>) =>
    request('POST', '/api/subscriptions', { body: JSON.stringify(body), type: 'application/json' });
  /** A form post, as a browser sends it. */
  const post = (path: string, fields: [string, string][]) =>
    request('POST', path, { body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' });
  const row = async (id: number) => (await getSubscription(t.db, id))!;
  const pathOf = (link: string) => {
    expect(link.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    return new URL(link).pathname;
  };
  /** An active e-mail subscriber to the matter, as if confirmed long ago. */
  const activeSubscriber = (target: string, settings: Partial<Parameters<typeof upsertSubscription>[1]> = {}) =>
    upsertSubscription(t.db, { matterId, channel: 'email', target, classes: ['order', 'opinion'], mode: 'immediate', ...settings });
  /** A new order in the matter, fanned out: the ids of the subscriptions that got a delivery. */
  const nextOrderReaches = async (): Promise<number[]> => {
    entryNumber += 1;
    const entry: ParsedEntry = {
      entryNumber: String(entryNumber),
      filedAt: '2025-04-10T10:00:00-04:00',
      shortDescription: `ORDER granting motion ${entryNumber}`,
      description: '',
      documentUrl: null,
      pacerDocId: null,
      attachments: [],
    };
    await storeDocketEntries(t.db, { sourceId: source.id, docket: mdd, entries: [entry], baseline: false, classify: classifyEntry });
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    const rows = await t.db
      .selectFrom('deliveries')
      .select('subscription_id')
      .where('id', 'in', deliveryIds.length ? deliveryIds : [-1])
      .execute();
    return rows.map((r) => r.subscription_id);
  };
  const manageLinkFor = (subscriptionId: number, expiresAt = new Date(Date.now() + 3600_000)) =>
    `/manage/${signExpiringToken(LINK_SECRET, 'manage', subscriptionId, expiresAt)}`;
  /** The link in the last mail to `address` that matches `label: <url>`. */
  const linkInMail = async (address: string, nth: number, label: string) => {
    const mail = (await sink.waitForMailTo(address, nth))[nth - 1]!;
    const link = new RegExp(`${label}: (\\S+)`).exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    return { mail, link: link! };
  };
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    t = await createTestDatabase();
    sink = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.example.test>', smtpUrl: await sink.start() });
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' });
    matterId = matter.id;
    mdd = await upsertDocket(t.db, { matterId, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'Abrego Garcia v. Noem' });
    source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Md. RSS',
      address: 'https://ecf.mdd.uscourts.gov/rss',
      court: 'mdd',
      intervalSeconds: 300,
    });
    adminToken = await createApiToken(t.db, 'ops');
    let n = 0;
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'smtp',
      publicUrl: PUBLIC_URL,
      linkSecret: LINK_SECRET,
      sendMail: async (to, mail) => void (await email.send({ ...mail, to, messageId: `<account-${++n}@dw.example.test>` })),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await email?.close();
    await sink?.stop();
    await t?.drop();
  });

  describe('attack regressions', () => {
    it('an anonymous request naming an active subscriber with other settings changes nothing, and their next order alert still goes out', async () => {
      const victim = await activeSubscriber('victim@example.com');
      const before = await row(victim.id);
      const res = await subscribe({
        matter: 'abrego-garcia',
        channel: 'email',
        target: 'Victim@Example.com',
        classes: ['routine'],
        mode: 'digest',
        digestHour: 3,
        sources: 'press',
        timeZone: 'Asia/Tokyo',
      });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual(ANSWER);
      expect(await row(victim.id)).toEqual(before);
      expect(await nextOrderReaches()).toContain(victim.id);

      // The owner hears about it: a manage link, not a confirmation that could change anything.
      const { mail } = await linkInMail('victim@example.com', 1, 'Manage your alerts');
      expect(mail.subject).toBe('You already get docketwatch alerts for Abrego Garcia v. Noem');
      expect(mail.text).not.toContain('/subscriptions/confirm/');
      expect(await t.db.selectFrom('subscriptions').select('id').where('target', '=', 'victim@example.com').execute()).toHaveLength(1);
    });

    it('answers a new, a pending and an active address the same way', async () => {
      await activeSubscriber('active@example.com');
      expect((await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'pending@example.com' })).status).toBe(202);
      const answers = [];
      for (const target of ['new@example.com', 'pending@example.com', 'active@example.com']) {
        const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target });
        answers.push({ status: res.status, type: res.headers.get('content-type'), body: await res.text() });
      }
      expect(answers[0]).toEqual({ status: 202, type: 'application/json; charset=utf-8', body: JSON.stringify(ANSWER) });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });

    it('takes requests racing for one new address calmly: one answer each, one pending row', async () => {
      const answers = await Promise.all(
        Array.from({ length: 3 }, () => subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'racing@example.com' })),
      );
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      const rows = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'racing@example.com').execute();
      expect(rows).toMatchObject([{ status: 'pending' }]);
    });

    it('counts mail to one address however it is written: a fourth request in the hour is refused and sends nothing', async () => {
      for (const target of ['Quota@Example.com', 'quota@example.com', 'QUOTA@example.com'])
        expect((await subscribe({ matter: 'abrego-garcia', channel: 'email', target })).status).toBe(202);
      await sink.waitForMailTo('quota@example.com', 3);
      const refused = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'quota@EXAMPLE.com' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await sink.waitForMailTo('quota@example.com', 4, 500).catch(() => 'no fourth mail')).toBe('no fourth mail');
    });

    it('a pending request gets nothing until its link is confirmed', async () => {
      const res = await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'slow@example.com', classes: ['order'] });
      expect(res.status).toBe(202);
      const pending = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'slow@example.com').executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ status: 'pending', classes: ['order'] });
      expect(await nextOrderReaches()).not.toContain(pending.id);
    });

    it('a forged, expired or foreign manage link shows nothing and changes nothing', async () => {
      const owner = await activeSubscriber('owner@example.com');
      const other = await activeSubscriber('other@example.com');
      const before = [await row(owner.id), await row(other.id)];
      const good = manageLinkFor(owner.id).split('/').pop()!;
      const forged = [
        `${owner.id}.${good.split('.')[1]}.${'A'.repeat(32)}`,
        good.replace(/\.(\d+)\./, (_m, s: string) => `.${Number(s) + 86_400 * 30}.`),
        `${other.id}.${good.split('.').slice(1).join('.')}`,
        manageLinkFor(owner.id, new Date(Date.now() - 1000))
          .split('/')
          .pop()!,
        signToken(LINK_SECRET, 'unsubscribe', owner.id),
        signExpiringToken('another-installation', 'manage', owner.id, new Date(Date.now() + 3600_000)),
      ];
      for (const token of forged) {
        const shown = await request('GET', `/manage/${token}`);
        expect(shown.status).toBe(404);
        expect(await shown.text()).toContain('This link is not valid');
        const fields: [string, string][] = [
          ['csrf', formToken(LINK_SECRET, token)],
          ['action', 'save'],
          ['classes', 'routine'],
          ['sources', 'press'],
        ];
        expect((await post(`/manage/${token}/subscriptions/${owner.id}`, fields)).status).toBe(404);
        expect((await post(`/manage/${token}/subscriptions/${owner.id}`, [...fields.slice(0, 1), ['action', 'delete']])).status).toBe(404);
        expect((await post(`/manage/${token}/leave`, fields.slice(0, 1))).status).toBe(404);
      }
      // A valid link for one address cannot reach another address's subscription.
      const mine = manageLinkFor(owner.id);
      const foreign = await post(`${mine}/subscriptions/${other.id}`, [
        ['csrf', formToken(LINK_SECRET, mine.split('/').pop()!)],
        ['action', 'pause'],
      ]);
      expect(foreign.status).toBe(404);
      expect([await row(owner.id), await row(other.id)]).toEqual(before);
    });

    it('a manage-page post without its form token changes nothing', async () => {
      const sub = await activeSubscriber('csrf@example.com');
      const before = await row(sub.id);
      const link = manageLinkFor(sub.id);
      const otherLinkToken = manageLinkFor(sub.id, new Date(Date.now() + 7200_000))
        .split('/')
        .pop()!;
      for (const csrf of [
        null,
        '',
        'x'.repeat(43),
        formToken(LINK_SECRET, otherLinkToken),
        formToken('another-installation', link.split('/').pop()!),
      ]) {
        const fields: [string, string][] = csrf === null ? [] : [['csrf', csrf]];
        for (const action of ['save', 'pause', 'delete']) {
          const res = await post(`${link}/subscriptions/${sub.id}`, [...fields, ['action', action], ['classes', 'routine']]);
          expect(res.status).toBe(403);
        }
        expect((await post(`${link}/leave`, fields)).status).toBe(403);
      }
      expect(await row(sub.id)).toEqual(before);
    });

    it('an expired confirmation link does nothing, and a used one does nothing again', async () => {
      expect((await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'late@example.com' })).status).toBe(202);
      const { link } = await linkInMail('late@example.com', 1, 'Confirm');
      const token = pathOf(link).split('/').pop()!;
      await t.db
        .updateTable('subscriptions')
        .set({ confirm_expires_at: new Date(Date.now() - 1000) })
        .where('target', '=', 'late@example.com')
        .execute();
      expect((await request('GET', pathOf(link))).status).toBe(404);
      expect((await post(pathOf(link), [['csrf', formToken(LINK_SECRET, token)]])).status).toBe(404);
      const late = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', 'late@example.com').executeTakeFirstOrThrow();
      expect(late.status).toBe('pending');

      // Asking again sends a fresh link; it works once.
      expect((await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'late@example.com' })).status).toBe(202);
      const { link: fresh } = await linkInMail('late@example.com', 2, 'Confirm');
      const freshToken = pathOf(fresh).split('/').pop()!;
      expect((await post(pathOf(fresh), [['csrf', formToken(LINK_SECRET, freshToken)]])).status).toBe(200);
      await t.db.updateTable('subscriptions').set({ status: 'unsubscribed' }).where('id', '=', late.id).execute();
      expect((await post(pathOf(fresh), [['csrf', formToken(LINK_SECRET, freshToken)]])).status).toBe(404);
      expect((await row(late.id)).status).toBe('unsubscribed');
    });
  });

  describe("the owner's manage page", () => {
    let mine: Subscription;
    let slack: Subscription;
    let link: string;

    beforeAll(async () => {
      mine = await activeSubscriber('reader@example.com', { classes: null });
      slack = await upsertSubscription(t.db, {
        matterId,
        channel: 'slack',
        target: 'https://hooks.slack.com/services/T0/B0/secret-part',
        label: 'Newsroom #courts',
        ownerEmail: 'reader@example.com',
      });
    });

    it('mails the link to an address with subscriptions, answering the same for one without, which gets nothing', async () => {
      const known = await post('/manage', [['email', 'Reader@Example.com']]);
      const unknown = await post('/manage', [['email', 'stranger@example.com']]);
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(await known.text()).toEqual(await unknown.text());
      const json = await request('POST', '/manage', { body: JSON.stringify({ email: 'stranger@example.com' }), type: 'application/json' });
      expect(json.status).toBe(202);

      ({ link } = await linkInMail('reader@example.com', 1, 'Manage your alerts'));
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/manage/\\d+\\.\\d+\\.[A-Za-z0-9_-]{32}$`));
      // A week, give or take the test's own time.
      const expires = Number(link.split('.').at(-2)) * 1000;
      expect(Math.abs(expires - (Date.now() + 7 * 24 * 3600_000))).toBeLessThan(60_000);
      expect(sink.messages.filter((m) => JSON.stringify(m.to).includes('stranger@example.com'))).toEqual([]);
      expect((await post('/manage', [['email', 'not an address']])).status).toBe(400);
    });

    it('shows every subscription of the address, its Slack one included, and never the webhook URL', async () => {
      const page = await request('GET', pathOf(link));
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await page.text();
      expect(body).toContain('Alerts for reader@example.com');
      expect(body).toContain(`/manage/${pathOf(link).split('/').pop()}/subscriptions/${mine.id}`);
      expect(body).toContain(`/manage/${pathOf(link).split('/').pop()}/subscriptions/${slack.id}`);
      expect(body).toContain('Newsroom #courts');
      expect(body).not.toContain('hooks.slack.com');
      expect(body).not.toContain('victim@example.com');
    });

    it('changes the filters, and the next order follows them', async () => {
      const page = await (await request('GET', pathOf(link))).text();
      const res = await post(`${pathOf(link)}/subscriptions/${mine.id}`, [
        ['csrf', csrfOf(page)],
        ['action', 'save'],
        ['classes', 'opinion'],
        ['classes', 'judgment'],
        ['sources', 'courts'],
        ['mode', 'immediate'],
        ['timeZone', 'America/Chicago'],
        ['digestHour', '6'],
      ]);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(pathOf(link));
      expect(await row(mine.id)).toMatchObject({
        classes: ['opinion', 'judgment'],
        source_filter: 'courts',
        time_zone: 'America/Chicago',
        digest_hour: 6,
      });
      expect(await nextOrderReaches()).not.toContain(mine.id);

      const bad = await post(`${pathOf(link)}/subscriptions/${mine.id}`, [
        ['csrf', csrfOf(page)],
        ['action', 'save'],
        ['classes', 'order'],
        ['timeZone', 'Mars/Olympus'],
      ]);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('an IANA time zone');
      const slackDigest = await post(`${pathOf(link)}/subscriptions/${slack.id}`, [
        ['csrf', csrfOf(page)],
        ['action', 'save'],
        ['classes', 'order'],
        ['mode', 'digest'],
      ]);
      expect(slackDigest.status).toBe(400);
      expect((await row(mine.id)).classes).toEqual(['opinion', 'judgment']);

      await post(`${pathOf(link)}/subscriptions/${mine.id}`, [
        ['csrf', csrfOf(page)],
        ['action', 'save'],
        ...ITEM_CLASSES.map((c): [string, string] => ['classes', c]),
        ['sources', 'all'],
      ]);
      expect((await row(mine.id)).classes).toBeNull();
    });

    it('pauses (no deliveries) and resumes, the Slack subscription too', async () => {
      const csrf = csrfOf(await (await request('GET', pathOf(link))).text());
      for (const id of [mine.id, slack.id])
        expect(
          (
            await post(`${pathOf(link)}/subscriptions/${id}`, [
              ['csrf', csrf],
              ['action', 'pause'],
            ])
          ).status,
        ).toBe(303);
      expect((await row(mine.id)).status).toBe('paused');
      expect((await row(slack.id)).status).toBe('paused');
      const reached = await nextOrderReaches();
      expect(reached).not.toContain(mine.id);
      expect(reached).not.toContain(slack.id);
      expect(await (await request('GET', pathOf(link))).text()).toContain('value="resume"');

      for (const id of [mine.id, slack.id])
        expect(
          (
            await post(`${pathOf(link)}/subscriptions/${id}`, [
              ['csrf', csrf],
              ['action', 'resume'],
            ])
          ).status,
        ).toBe(303);
      expect(await nextOrderReaches()).toEqual(expect.arrayContaining([mine.id, slack.id]));
    });

    it('deletes one subscription, then leaves everything', async () => {
      const csrf = csrfOf(await (await request('GET', pathOf(link))).text());
      expect(
        (
          await post(`${pathOf(link)}/subscriptions/${slack.id}`, [
            ['csrf', csrf],
            ['action', 'delete'],
          ])
        ).status,
      ).toBe(303);
      expect((await row(slack.id)).status).toBe('unsubscribed');
      const page = await (await request('GET', pathOf(link))).text();
      expect(page).not.toContain('Newsroom #courts');

      const left = await post(`${pathOf(link)}/leave`, [['csrf', csrf]]);
      expect(left.status).toBe(200);
      expect(await left.text()).toContain('You have left docketwatch');
      expect((await row(mine.id)).status).toBe('unsubscribed');
      expect(await nextOrderReaches()).not.toContain(mine.id);
    });
  });

  describe('chat and webhook subscriptions made with a token', () => {
    it("mail their owner a manage link, and the page escapes what the owner's admin wrote", async () => {
      const res = await request('POST', '/api/subscriptions', {
        auth: adminToken,
        type: 'application/json',
        body: JSON.stringify({
          matter: 'abrego-garcia',
          channel: 'webhook',
          target: 'https://hooks.example.test/desk-secret',
          label: 'Desk <img src=x onerror=alert(1)>',
          ownerEmail: 'Ops@Example.com',
        }),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: number };
      const { link } = await linkInMail('ops@example.com', 1, 'Manage your alerts');
      const page = await request('GET', pathOf(link));
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain(`/subscriptions/${id}`);
      expect(body).toContain('Desk &lt;img src=x onerror=alert(1)&gt;');
      expect(body).not.toContain('<img');
      expect(body).not.toContain('desk-secret');

      const csrf = csrfOf(body);
      expect(
        (
          await post(`${pathOf(link)}/subscriptions/${id}`, [
            ['csrf', csrf],
            ['action', 'pause'],
          ])
        ).status,
      ).toBe(303);
      expect((await row(id)).status).toBe('paused');
      expect(await nextOrderReaches()).not.toContain(id);
    });
  });

  describe('the admin API', () => {
    let hook: Subscription;

    beforeAll(async () => {
      hook = await upsertSubscription(t.db, {
        matterId,
        channel: 'webhook',
        target: 'https://hooks.example.test/secret',
        webhookSecrets: ['whsec_x'],
      });
    });

    it('needs a token', async () => {
      for (const method of ['GET', 'PATCH', 'DELETE']) expect((await request(method, `/api/subscriptions/${hook.id}`)).status).toBe(401);
      expect((await row(hook.id)).status).toBe('active');
    });

    it('shows, pauses, refilters and deletes any subscription, never showing a webhook URL or secret', async () => {
      const shown = await request('GET', `/api/subscriptions/${hook.id}`, { auth: adminToken });
      expect(shown.status).toBe(200);
      const text = await shown.text();
      expect(JSON.parse(text)).toMatchObject({ id: hook.id, channel: 'webhook', status: 'active' });
      expect(text).not.toContain('hooks.example.test');
      expect(text).not.toContain('whsec_');

      const patched = await request('PATCH', `/api/subscriptions/${hook.id}`, {
        auth: adminToken,
        type: 'application/json',
        body: JSON.stringify({ status: 'paused', classes: ['order'], sources: 'courts' }),
      });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ status: 'paused', classes: ['order'], sources: 'courts' });

      const invalid = await request('PATCH', `/api/subscriptions/${hook.id}`, {
        auth: adminToken,
        type: 'application/json',
        body: JSON.stringify({ target: 'https://evil.example' }),
      });
      expect(invalid.status).toBe(400);
      expect((await row(hook.id)).target).toBe('https://hooks.example.test/secret');

      expect((await request('DELETE', `/api/subscriptions/${hook.id}`, { auth: adminToken })).status).toBe(204);
      expect(await getSubscription(t.db, hook.id)).toBeUndefined();
      for (const id of [hook.id, 'abc', '99999999999999999999'])
        expect((await request('GET', `/api/subscriptions/${id}`, { auth: adminToken })).status).toBe(404);
    });

    it('cannot make a pending subscription active (only its owner consents)', async () => {
      expect((await subscribe({ matter: 'abrego-garcia', channel: 'email', target: 'consent@example.com' })).status).toBe(202);
      const pending = await t.db
        .selectFrom('subscriptions')
        .selectAll()
        .where('target', '=', 'consent@example.com')
        .executeTakeFirstOrThrow();
      const res = await request('PATCH', `/api/subscriptions/${pending.id}`, {
        auth: adminToken,
        type: 'application/json',
        body: JSON.stringify({ status: 'active' }),
      });
      expect(res.status).toBe(409);
      expect((await row(pending.id)).status).toBe('pending');
    });
  });
});
