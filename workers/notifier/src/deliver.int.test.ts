import type { ParsedEntry } from '@docketwatch/core';
import {
  fanOutPendingEvents,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Docket,
} from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds } from '@docketwatch/notify';
import { createTestDatabase, HttpStandIn, SmtpSink, type TestDatabase } from '@docketwatch/test-support';
import { deliver, type DeliverDeps } from './deliver';

const log = createLogger({ name: 'test', level: 'silent' });

describe('deliver (real Postgres, real SMTP server, Slack stand-in)', () => {
  let t: TestDatabase;
  let smtp: SmtpSink;
  let slack: HttpStandIn;
  let http: HttpClient;
  let deps: DeliverDeps;
  let docket: Docket;
  let matterId: number;
  let sourceId: number;
  let n = 100;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = new SmtpSink({ rejectRecipients: /^bounce@/ });
    slack = new HttpStandIn();
    const [smtpUrl] = await Promise.all([smtp.start(), slack.start()]);
    http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true });
    deps = {
      db: t.db,
      services: { http, mail: new EmailSender({ from: 'docketwatch <alerts@example.test>', smtpUrl }), mailDomain: 'dw.example.test' },
      linkSecret: 'test-link-secret',
      log,
      publicUrl: 'http://dw.example.test',
      leaseSeconds: 60,
      maxAttempts: 3,
    };
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia' });
    matterId = matter.id;
    docket = await upsertDocket(t.db, { matterId, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'Abrego Garcia v. Noem' });
    sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
  });
  afterAll(async () => {
    await (deps.services.mail as EmailSender).close();
    await http.close();
    await Promise.all([smtp.stop(), slack.stop()]);
    await t.drop();
  });

  /** Subscribes one target, stores one new entry, fans out, and returns the delivery id for that target. */
  async function deliveryFor(channel: 'email' | 'slack', target: string, entry: Partial<ParsedEntry> = {}): Promise<number> {
    const sub = await upsertSubscription(t.db, { matterId, channel, target });
    n++;
    await storeDocketEntries(t.db, {
      sourceId,
      docket,
      baseline: false,
      entries: [
        {
          entryNumber: String(n),
          filedAt: '2025-04-07T14:05:00-04:00',
          shortDescription: 'Order',
          description: 'ORDER granting <b>Motion</b> & directing facilitation',
          documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931306${n}`,
          pacerDocId: null,
          attachments: [],
          ...entry,
        },
      ],
    });
    await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    // Other subscribers' deliveries for this event are not this test's business.
    await t.db.updateTable('subscriptions').set({ status: 'disabled' }).where('id', '!=', sub.id).execute();
    const row = await t.db
      .selectFrom('deliveries')
      .select('id')
      .where('subscription_id', '=', sub.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('subscriptions').set({ status: 'active' }).where('status', '=', 'disabled').execute();
    return row.id;
  }

  const status = async (id: number) => t.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends an e-mail once, escaped, with a stable Message-ID; a second run sends nothing', async () => {
    const id = await deliveryFor('email', 'lawyer@example.com');
    expect(await deliver(deps, id)).toBe('sent');
    expect(await deliver(deps, id)).toBe('skipped');
    const mails = await smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe(`<delivery-${id}@dw.example.test>`);
    expect(mails[0]!.html).toContain('ORDER granting &lt;b&gt;Motion&lt;/b&gt; &amp; directing');
    expect(mails[0]!.text).toContain('ORDER granting <b>Motion</b> & directing');
    expect(mails[0]!.subject).toContain('[Abrego Garcia]');
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('gives up at once on a recipient the SMTP server refuses', async () => {
    const id = await deliveryFor('email', 'bounce@example.com');
    expect(await deliver(deps, id)).toBe('dead');
    expect(await status(id)).toMatchObject({ status: 'dead' });
    expect((await status(id)).last_error).toMatch(/550|mailbox/);
  });

  it('posts Block Kit to Slack once', async () => {
    slack.set('/services/T1/B1/ok', { body: 'ok' });
    const id = await deliveryFor('slack', `${slack.url}/services/T1/B1/ok`);
    expect(await deliver(deps, id)).toBe('sent');
    expect(await deliver(deps, id)).toBe('skipped');
    const posts = slack.requestsTo('/services/T1/B1/ok');
    expect(posts).toHaveLength(1);
    const body = JSON.parse(posts[0]!.body) as { text: string; blocks: { block_id?: string; text?: { text: string } }[] };
    expect(body.blocks[0]!.text!.text).toContain('&lt;b&gt;Motion&lt;/b&gt; &amp;');
    // A resend after a crash between Slack's answer and the sent mark would carry the same id.
    expect(body.blocks[0]!.block_id).toBe(`docketwatch-delivery-${id}`);
  });

  it('waits out a Slack 429 for its Retry-After, then sends', async () => {
    slack.set('/services/T1/B1/busy', { status: 429, body: 'rate_limited', headers: { 'retry-after': '120' } });
    const id = await deliveryFor('slack', `${slack.url}/services/T1/B1/busy`);
    expect(await deliver(deps, id)).toBe('retry');
    const row = await status(id);
    expect(row.status).toBe('pending');
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(await deliver(deps, id)).toBe('skipped'); // not due yet
    slack.set('/services/T1/B1/busy', { body: 'ok' });
    await t.db
      .updateTable('deliveries')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await deliver(deps, id)).toBe('sent');
  });

  it('disables a subscription whose Slack webhook is gone (404)', async () => {
    slack.set('/services/T1/B1/gone', { status: 404, body: 'no_service' });
    const target = `${slack.url}/services/T1/B1/gone`;
    const id = await deliveryFor('slack', target);
    expect(await deliver(deps, id)).toBe('dead');
    const sub = await t.db.selectFrom('subscriptions').selectAll().where('target', '=', target).executeTakeFirstOrThrow();
    expect(sub.status).toBe('disabled');
    expect((await status(id)).last_error).not.toContain('/services/');
  });

  it('takes over a delivery whose sender died holding it, once the lease has run out', async () => {
    slack.set('/services/T1/B1/late', { body: 'ok' });
    const id = await deliveryFor('slack', `${slack.url}/services/T1/B1/late`);
    // A sender claimed it and died before sending.
    await t.db.updateTable('deliveries').set({ status: 'sending', claimed_at: new Date(), attempts: 1 }).where('id', '=', id).execute();
    expect(await deliver(deps, id)).toBe('skipped');
    await t.db
      .updateTable('deliveries')
      .set({ claimed_at: new Date(Date.now() - 61_000) })
      .where('id', '=', id)
      .execute();
    expect(await deliver(deps, id)).toBe('sent');
    expect(slack.requestsTo('/services/T1/B1/late')).toHaveLength(1);
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a live sender keeps its claim past the lease while a slow send runs (heartbeat), so no other sender takes it', async () => {
    // The receiver takes 2.5 s to answer; the lease is 1.5 s, renewed every 0.5 s.
    slack.set('/services/T1/B1/slow', { body: 'ok', delayMs: 2500 });
    const id = await deliveryFor('slack', `${slack.url}/services/T1/B1/slow`);
    const shortLease = { ...deps, leaseSeconds: 1.5 };
    const first = deliver(shortLease, id);
    // Another notifier tries while the first is still waiting for the receiver, after its lease would have lapsed.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await deliver(shortLease, id)).toBe('skipped');
    expect(await first).toBe('sent');
    expect(slack.requestsTo('/services/T1/B1/slow')).toHaveLength(1);
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
