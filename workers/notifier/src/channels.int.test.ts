import type { ParsedMail } from 'mailparser';
import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import {
  fanOutPendingEvents,
  getSubscription,
  listDeadDeliveries,
  replayDelivery,
  storeDocketEntries,
  unsubscribe,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Docket,
  type SubscriptionInput,
} from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import {
  EmailSender,
  generateWebhookSecret,
  verifyWebhook,
  WEBHOOK_RETRY_DELAYS_MS,
  WEBHOOK_RETRY_JITTER,
  type DocketEntryWebhookPayload,
  pushChannelIds,
} from '@docketwatch/notify';
import { createSendSpacer, createRedisConnection, type RedisConnection } from '@docketwatch/queue';
import {
  createTestDatabase,
  deleteRedisPrefix,
  HttpStandIn,
  SmtpSink,
  TEST_REDIS_URL,
  testRedisPrefix,
  type RecordedRequest,
  type TestDatabase,
} from '@docketwatch/test-support';
import { deliver, type DeliverDeps } from './deliver';

const log = createLogger({ name: 'test', level: 'silent' });

describe('deliver() over real channels: SMTP server, Slack and webhook stand-ins, Redis send spacing', () => {
  let t: TestDatabase;
  let smtp: SmtpSink;
  let stand: HttpStandIn;
  let http: HttpClient;
  let deps: DeliverDeps;
  let sourceId: number;
  let seen = 0;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = new SmtpSink();
    stand = new HttpStandIn();
    const [smtpUrl] = await Promise.all([smtp.start(), stand.start()]);
    http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true });
    deps = {
      db: t.db,
      services: { http, mail: new EmailSender({ from: 'docketwatch <alerts@example.test>', smtpUrl }), mailDomain: 'dw.example.test' },
      linkSecret: 'test-link-secret',
      log,
      publicUrl: 'http://dw.example.test',
      leaseSeconds: 60,
      maxAttempts: 5,
    };
    sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
  });
  afterAll(async () => {
    await (deps.services.mail as EmailSender).close();
    await http.close();
    await Promise.all([smtp.stop(), stand.stop()]);
    await t.drop();
  });

  /** A matter of the test's own, so no other test's subscribers hear its entries. */
  async function matter(slug: string): Promise<{ matterId: number; docket: Docket }> {
    const m = await upsertMatter(t.db, { slug, name: `Matter ${slug}` });
    const docket = await upsertDocket(t.db, { matterId: m.id, court: 'mdd', docketNumber: `8:25-cv-${String(m.id).padStart(5, '0')}` });
    return { matterId: m.id, docket };
  }

  async function file(docket: Docket, count: number, entry: Partial<ParsedEntry> = {}): Promise<string[]> {
    const titles: string[] = [];
    const entries: ParsedEntry[] = [];
    for (let i = 0; i < count; i++) {
      n++;
      const title = `ORDER number ${n} granting motion`;
      titles.push(title);
      entries.push({
        entryNumber: String(n),
        filedAt: '2025-04-07T14:05:00-04:00',
        shortDescription: title,
        description: '',
        documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931306${n}`,
        pacerDocId: null,
        attachments: [],
        ...entry,
      });
    }
    await storeDocketEntries(t.db, { sourceId, docket, baseline: false, classify: classifyEntry, entries });
    await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 1000 });
    return titles;
  }

  const subscribe = (input: Partial<SubscriptionInput> & { matterId: number; target: string }) =>
    upsertSubscription(t.db, { channel: 'email', ...input });
  const deliveriesOf = async (subscriptionId: number) =>
    t.db.selectFrom('deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute();
  const row = (id: number) => t.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Makes a delivery due now, as if its retry time had come. */
  const timePasses = (id: number) =>
    t.db
      .updateTable('deliveries')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
  /** Mail that arrived since the last call (SmtpSink keeps a message before it answers DATA). */
  function newMail(): ParsedMail[] {
    const fresh = smtp.messages.slice(seen);
    seen = smtp.messages.length;
    return fresh;
  }
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

  describe('a burst in one matter', () => {
    it('goes out as ONE e-mail and ONE Slack message listing every entry; the other deliveries find nothing to do', async () => {
      const { matterId, docket } = await matter('burst');
      stand.set('/services/T1/B1/burst', { body: 'ok' });
      const mailSub = await subscribe({ matterId, target: 'burst@example.com' });
      const slackSub = await subscribe({ matterId, channel: 'slack', target: `${stand.url}/services/T1/B1/burst` });
      const titles = await file(docket, 5);
      const mailIds = (await deliveriesOf(mailSub.id)).map((d) => d.id);
      const slackIds = (await deliveriesOf(slackSub.id)).map((d) => d.id);
      expect(mailIds).toHaveLength(5);
      expect(slackIds).toHaveLength(5);
      newMail();

      expect(await deliver(deps, mailIds[0]!)).toBe('sent');
      expect(await deliver(deps, slackIds[0]!)).toBe('sent');
      for (const id of [...mailIds.slice(1), ...slackIds.slice(1)]) expect(await deliver(deps, id)).toBe('skipped');

      const mail = newMail();
      expect(mail).toHaveLength(1);
      expect(to(mail[0]!)).toBe('burst@example.com');
      expect(mail[0]!.subject).toContain('5 new entries');
      expect(mail[0]!.messageId).toBe(`<delivery-${mailIds[0]}@dw.example.test>`);
      const text = mail[0]!.text ?? '';
      const html = mail[0]!.html as string;
      for (const title of titles) {
        expect(text).toContain(title);
        expect(html).toContain(title);
      }
      // Listed in the order they were filed.
      const positions = titles.map((title) => text.indexOf(title));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);

      const posts = stand.requestsTo('/services/T1/B1/burst');
      expect(posts).toHaveLength(1);
      const body = JSON.parse(posts[0]!.body) as { text: string; blocks: { type: string; text?: { text: string } }[] };
      expect(body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Matter burst: 5 new entries' } });
      const sections = body.blocks.filter((b) => b.type === 'section');
      expect(sections).toHaveLength(5);
      titles.forEach((title, i) => expect(sections[i]!.text!.text).toContain(title));

      for (const d of [...(await deliveriesOf(mailSub.id)), ...(await deliveriesOf(slackSub.id))]) {
        expect(d).toMatchObject({ status: 'sent', attempts: 1 });
      }
      expect(new Set((await deliveriesOf(mailSub.id)).map((d) => d.provider_message_id)).size).toBe(1);
    });

    it('with batchLimit 2, five entries go out as three messages (2 + 2 + 1), each entry once', async () => {
      const { matterId, docket } = await matter('batch-limit');
      const sub = await subscribe({ matterId, target: 'limited@example.com' });
      const titles = await file(docket, 5);
      const ids = (await deliveriesOf(sub.id)).map((d) => d.id);
      newMail();

      const limited = { ...deps, batchLimit: 2 };
      const outcomes = [];
      for (const id of ids) outcomes.push(await deliver(limited, id));
      expect(outcomes).toEqual(['sent', 'skipped', 'sent', 'skipped', 'sent']);

      const mail = newMail();
      expect(mail).toHaveLength(3);
      const listed = mail.map((m) => titles.filter((title) => (m.text ?? '').includes(title)));
      expect(listed).toEqual([titles.slice(0, 2), titles.slice(2, 4), titles.slice(4)]);
      expect((await deliveriesOf(sub.id)).every((d) => d.status === 'sent')).toBe(true);
    });
  });

  describe('Slack pacing through Redis', () => {
    let redis: RedisConnection;
    let prefix: string;

    beforeAll(() => {
      redis = createRedisConnection(TEST_REDIS_URL);
      prefix = testRedisPrefix();
    });
    afterAll(async () => {
      await deleteRedisPrefix(prefix);
      await redis.quit();
    });

    it('hands back a second post to the same webhook while it is spaced: paced, not an attempt, due when the spacing ends', async () => {
      // Slack asks for a second between posts; the test holds the slot for a minute so no slow
      // machine can let it lapse between the two sends.
      const spacer = createSendSpacer(redis, prefix);
      const asked: number[] = [];
      const paced = {
        ...deps,
        space: (key: string, intervalMs: number) => {
          asked.push(intervalMs);
          return spacer(key, 60_000);
        },
      };
      const target = `${stand.url}/services/T1/B1/paced`;
      stand.set('/services/T1/B1/paced', { body: 'ok' });
      // Two subscriptions (two matters) posting to one Slack webhook.
      const a = await matter('paced-a');
      const b = await matter('paced-b');
      const subA = await subscribe({ matterId: a.matterId, channel: 'slack', target });
      const subB = await subscribe({ matterId: b.matterId, channel: 'slack', target });
      await file(a.docket, 1);
      await file(b.docket, 1);
      const [first] = await deliveriesOf(subA.id);
      const [second] = await deliveriesOf(subB.id);

      expect(await deliver(paced, first!.id)).toBe('sent');
      const before = Date.now();
      expect(await deliver(paced, second!.id)).toBe('paced');
      const after = Date.now();

      const held = await row(second!.id);
      expect(held).toMatchObject({ status: 'pending', attempts: 0, claimed_at: null, last_error: null });
      expect(held.next_attempt_at.getTime()).toBeGreaterThan(before + 50_000);
      expect(held.next_attempt_at.getTime()).toBeLessThanOrEqual(after + 60_000);
      expect(stand.requestsTo('/services/T1/B1/paced')).toHaveLength(1);
      expect(asked).toEqual([1000, 1000]);

      // The second passes: the pace key expires and the delivery comes due.
      await deleteRedisPrefix(prefix);
      await timePasses(second!.id);
      expect(await deliver(paced, second!.id)).toBe('sent');
      expect(await row(second!.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(stand.requestsTo('/services/T1/B1/paced')).toHaveLength(2);
    });
  });

  describe('Standard Webhooks', () => {
    /** A receiver that checks every signature with verifyWebhook and answers `status`. */
    function receiver(path: string, secret: string) {
      const state = { status: 500, verified: [] as boolean[] };
      stand.set(path, (req: RecordedRequest) => {
        try {
          verifyWebhook(req.headers, req.body, secret);
          state.verified.push(true);
        } catch {
          state.verified.push(false);
          return { status: 401, body: 'bad signature' };
        }
        return {
          status: state.status,
          body: state.status === 200 ? 'ok' : state.status === 410 ? 'endpoint removed' : 'upstream exploded',
        };
      });
      return state;
    }

    it('signs each attempt, keeps webhook-id across retries, follows the retry schedule to dead, then replays from the dead letters', async () => {
      const { matterId, docket } = await matter('webhook-retry');
      const secret = generateWebhookSecret();
      const hook = receiver('/hooks/retry', secret);
      const sub = await subscribe({ matterId, channel: 'webhook', target: `${stand.url}/hooks/retry`, webhookSecrets: [secret] });
      const [title] = await file(docket, 1);
      const [delivery] = await deliveriesOf(sub.id);
      const id = delivery!.id;

      const attempts = WEBHOOK_RETRY_DELAYS_MS.length; // ten attempts in all
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const before = Date.now();
        const outcome = await deliver(deps, id);
        const after = Date.now();
        const r = await row(id);
        expect(r.attempts).toBe(attempt);
        expect(r.last_error).toContain('500');
        if (attempt < attempts) {
          expect({ attempt, outcome, status: r.status }).toEqual({ attempt, outcome: 'retry', status: 'pending' });
          // The specification's delay before the next attempt, ±10 %, in whole seconds.
          const delay = WEBHOOK_RETRY_DELAYS_MS[attempt]!;
          expect(r.next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + delay * (1 - WEBHOOK_RETRY_JITTER) - 5);
          expect(r.next_attempt_at.getTime()).toBeLessThanOrEqual(after + delay * (1 + WEBHOOK_RETRY_JITTER) + 1000);
          // Not due yet: a duplicate job sends nothing.
          expect(await deliver(deps, id)).toBe('skipped');
          await timePasses(id);
        } else {
          expect({ attempt, outcome, status: r.status }).toEqual({ attempt, outcome: 'dead', status: 'dead' });
        }
      }

      const requests = stand.requestsTo('/hooks/retry');
      expect(requests).toHaveLength(attempts);
      expect(hook.verified).toEqual(Array(attempts).fill(true));
      for (const req of requests) {
        expect(req.method).toBe('POST');
        expect(req.headers['webhook-id']).toBe(`msg_${id}`);
        expect(req.headers['webhook-timestamp']).toMatch(/^\d+$/);
        expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
        expect(req.headers['content-type']).toBe('application/json');
        // The same bytes every time: a receiver can deduplicate on webhook-id and compare payloads.
        expect(req.body).toBe(requests[0]!.body);
      }
      const payload = JSON.parse(requests[0]!.body) as DocketEntryWebhookPayload;
      expect(payload).toMatchObject({
        type: 'docket.entry.created',
        timestamp: delivery!.created_at.toISOString(),
        data: {
          source: 'court',
          entryClass: 'order',
          matterName: 'Matter webhook-retry',
          matterUrl: 'http://dw.example.test/matters/webhook-retry',
          court: 'mdd',
          docketNumber: docket.docket_number,
          title,
          documentUrl: expect.stringMatching(/^https:\/\/ecf\.mdd\.uscourts\.gov\/doc1\//),
        },
      });

      // The dead-letter list shows it; a replay makes it pending again, and the recovered receiver gets it.
      const dead = await listDeadDeliveries(t.db);
      expect(dead.map((d) => d.id)).toContain(id);
      expect(await replayDelivery(t.db, id)).toBe(true);
      expect(await replayDelivery(t.db, id)).toBe(false); // only a dead delivery is replayed
      expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
      hook.status = 200;
      expect(await deliver(deps, id)).toBe('sent');
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, provider_message_id: `msg_${id}` });
      const last = stand.requestsTo('/hooks/retry').at(-1)!;
      expect(last.headers['webhook-id']).toBe(`msg_${id}`);
      expect(last.body).toBe(requests[0]!.body);
      expect(hook.verified.at(-1)).toBe(true);
      expect((await listDeadDeliveries(t.db)).map((d) => d.id)).not.toContain(id);
      expect(await deliver(deps, id)).toBe('skipped');
    });

    it('410 Gone disables the subscription and tells its owner by e-mail; nothing more is fanned out to it', async () => {
      const { matterId, docket } = await matter('webhook-gone');
      const secret = generateWebhookSecret();
      const hook = receiver('/hooks/gone-token-123', secret);
      hook.status = 410;
      const sub = await subscribe({
        matterId,
        channel: 'webhook',
        target: `${stand.url}/hooks/gone-token-123`,
        label: 'Case tracker',
        ownerEmail: 'owner@example.com',
        webhookSecrets: [secret],
      });
      await file(docket, 1);
      const [delivery] = await deliveriesOf(sub.id);
      newMail();

      expect(await deliver(deps, delivery!.id)).toBe('dead');
      expect(hook.verified).toEqual([true]);
      expect((await getSubscription(t.db, sub.id))?.status).toBe('disabled');
      const r = await row(delivery!.id);
      expect(r).toMatchObject({ status: 'dead', attempts: 1 });
      expect(r.last_error).toContain('410');
      expect(r.last_error).not.toContain('gone-token-123');
      expect((await listDeadDeliveries(t.db)).map((d) => d.id)).toContain(delivery!.id);

      const notice = newMail();
      expect(notice.map(to)).toEqual(['owner@example.com']);
      expect(notice[0]!.subject).toBe('docketwatch: your Webhook destination "Case tracker" was disabled');
      expect(notice[0]!.text).toContain('410');
      expect(`${notice[0]!.text}${notice[0]!.html}`).not.toContain('gone-token-123');

      await file(docket, 1);
      expect(await deliveriesOf(sub.id)).toHaveLength(1);
      // A replay of a delivery to a disabled destination goes straight back to the dead letters, unsent.
      expect(await replayDelivery(t.db, delivery!.id)).toBe(true);
      expect(await deliver(deps, delivery!.id)).toBe('dead');
      expect(stand.requestsTo('/hooks/gone-token-123')).toHaveLength(1);
    });
  });

  it('an unsubscribed subscription’s pending deliveries send nothing: dead, permanently', async () => {
    const { matterId, docket } = await matter('unsubscribed');
    const sub = await subscribe({ matterId, target: 'leaver@example.com' });
    await file(docket, 2);
    const ids = (await deliveriesOf(sub.id)).map((d) => d.id);
    expect(ids).toHaveLength(2);
    expect(await unsubscribe(t.db, sub.id)).toBe(true);
    newMail();

    expect(await deliver(deps, ids[0]!)).toBe('dead');
    expect(await deliver(deps, ids[1]!)).toBe('skipped');
    for (const d of await deliveriesOf(sub.id)) {
      expect(d).toMatchObject({ status: 'dead', sent_at: null, last_error: 'subscription inactive or entry gone' });
    }
    expect(newMail()).toHaveLength(0);
    // Dead is final: the sweep never finds them due again.
    await timePasses(ids[0]!);
    expect(await deliver(deps, ids[0]!)).toBe('skipped');
  });
});
