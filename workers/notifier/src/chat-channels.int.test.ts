import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import { fanOutPendingEvents, storeDocketEntries, upsertDocket, upsertMatter, upsertSource, upsertSubscription } from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds } from '@docketwatch/notify';
import {
  createTestDatabase,
  deleteRedisPrefix,
  TEST_REDIS_URL,
  testRedisPrefix,
  expectDiscordWebhookBody,
  expectNtfyPublishBody,
  expectSlackWebhookBody,
  expectTeamsWorkflowBody,
  HttpStandIn,
  SmtpSink,
  type RecordedRequest,
  type TestDatabase,
} from '@docketwatch/test-support';
import { createDestinationHold, createRedisConnection } from '@docketwatch/queue';
import { deliver, type DeliverDeps } from './deliver';

const log = createLogger({ name: 'test', level: 'silent' });

/**
 * The chat and push channels end to end: real Postgres, deliver() as the notifier runs it, and a
 * local stand-in per platform that holds every body to that platform's documented format.
 */
describe('chat and push channels through deliver(): Teams, Discord, ntfy and Slack stand-ins', () => {
  let t: TestDatabase;
  let smtp: SmtpSink;
  let stand: HttpStandIn;
  let http: HttpClient;
  let mail: EmailSender;
  let deps: DeliverDeps;
  let sourceId: number;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = new SmtpSink();
    stand = new HttpStandIn();
    const [smtpUrl] = await Promise.all([smtp.start(), stand.start()]);
    http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true });
    mail = new EmailSender({ from: 'docketwatch <alerts@example.test>', smtpUrl });
    deps = {
      db: t.db,
      services: { http, mail, mailDomain: 'dw.example.test' },
      linkSecret: 'test-link-secret',
      log,
      publicUrl: 'http://dw.example.test',
      leaseSeconds: 60,
      maxAttempts: 5,
    };
    sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
    // ntfy publishes to the server root; the topic URLs below live under /ntfy/.
    stand.set('/ntfy/', { body: '{"id":"x1","event":"message"}' });
  });
  afterAll(async () => {
    await mail.close();
    await http.close();
    await Promise.all([smtp.stop(), stand.stop()]);
    await t.drop();
  });

  /** A matter and a subscription of the test's own on `channel`, its destination answered by `answer`. */
  async function follow(name: string, channel: string, path: string, answer: Parameters<HttpStandIn['set']>[1], owner?: string) {
    const matter = await upsertMatter(t.db, { slug: `chat-${name}`, name: `Chat ${name}` });
    const docket = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: `8:25-cv-${String(900 + n++).padStart(5, '0')}`,
    });
    stand.set(path, answer);
    const sub = await upsertSubscription(t.db, { matterId: matter.id, channel, target: `${stand.url}${path}`, ownerEmail: owner ?? null });
    return { docket, sub };
  }

  /** Files `count` entries in the docket and fans them out; returns their titles. */
  async function file(docket: Awaited<ReturnType<typeof follow>>['docket'], count: number, entry: Partial<ParsedEntry> = {}) {
    const entries: ParsedEntry[] = Array.from({ length: count }, () => {
      n++;
      return {
        entryNumber: String(n),
        filedAt: '2025-04-07T14:05:00-04:00',
        shortDescription: `ORDER number ${n} granting motion`,
        description: `ORDER number ${n}: the Government shall file a status report.`,
        documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931306${n}`,
        pacerDocId: null,
        attachments: [],
        ...entry,
      };
    });
    await storeDocketEntries(t.db, { sourceId, docket, baseline: false, classify: classifyEntry, entries });
    await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 1000 });
    return entries.map((e) => e.shortDescription);
  }

  const deliveriesOf = (subscriptionId: number) =>
    t.db.selectFrom('deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute();

  /** Runs every delivery job once, in order, as the sweeper would enqueue them. */
  async function deliverAllWith(with_: DeliverDeps, subscriptionId: number) {
    const outcomes: string[] = [];
    for (const d of await deliveriesOf(subscriptionId)) outcomes.push(await deliver(with_, d.id));
    return outcomes;
  }
  const deliverAll = (subscriptionId: number) => deliverAllWith(deps, subscriptionId);

  const platforms = [
    { channel: 'teams', perMessage: 10, check: expectTeamsWorkflowBody, answer: { status: 202, body: '' } },
    { channel: 'discord', perMessage: 10, check: expectDiscordWebhookBody, answer: { status: 204, body: '' } },
    { channel: 'ntfy', perMessage: 5, check: expectNtfyPublishBody, answer: { body: '{"id":"x1","event":"message"}' } },
    { channel: 'slack', perMessage: 20, check: expectSlackWebhookBody, answer: { body: 'ok' } },
  ] as const;

  /** Every text a message shows, flattened, to find entry titles in whatever structure the platform uses. */
  const textOf = (req: RecordedRequest) => req.body;

  describe.each(platforms)('$channel', ({ channel, perMessage, check, answer }) => {
    it('sends a lone entry as one message in the platform format, and marks it sent', async () => {
      const path = channel === 'ntfy' ? '/ntfy/lone-topic' : `/${channel}/lone`;
      const { docket, sub } = await follow(`${channel}-lone`, channel, path, answer);
      const [title] = await file(docket, 1);
      expect(await deliverAll(sub.id)).toEqual(['sent']);
      const posted = stand.requests.filter((r) => r.path === (channel === 'ntfy' ? '/ntfy/' : path));
      expect(posted).toHaveLength(1);
      check(JSON.parse(posted[0]!.body));
      expect(textOf(posted[0]!)).toContain(title);
      expect((await deliveriesOf(sub.id)).map((d) => d.status)).toEqual(['sent']);
    });

    it(`splits a burst of 25 into messages of at most ${perMessage}, every entry in exactly one of them`, async () => {
      const path = channel === 'ntfy' ? '/ntfy/burst-topic' : `/${channel}/burst`;
      const { docket, sub } = await follow(`${channel}-burst`, channel, path, answer);
      const titles = await file(docket, 25);
      const outcomes = await deliverAll(sub.id);
      const posted = stand.requests.filter((r) =>
        channel === 'ntfy' ? r.path === '/ntfy/' && r.body.includes('burst-topic') : r.path === path,
      );
      expect(posted).toHaveLength(Math.ceil(25 / perMessage));
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(posted.length);
      for (const req of posted) check(JSON.parse(req.body));
      for (const title of titles) expect(posted.filter((req) => textOf(req).includes(`${title}`))).toHaveLength(1);
      expect(new Set((await deliveriesOf(sub.id)).map((d) => d.status))).toEqual(new Set(['sent']));
    });
  });

  it('keeps scraped text inert: no Discord pings or masked links, Teams text never read as Markdown', async () => {
    const hostile = {
      shortDescription: 'ORDER [click here](https://evil.example/x) @everyone <@123>',
      description: '**bold** `code` <!channel>',
    };
    const discord = await follow('hostile-discord', 'discord', '/discord/hostile', { status: 204, body: '' });
    const teams = await follow('hostile-teams', 'teams', '/teams/hostile', { status: 202, body: '' });
    await file(discord.docket, 1, hostile);
    await file(teams.docket, 1, hostile);
    await deliverAll(discord.sub.id);
    await deliverAll(teams.sub.id);
    const discordBody = JSON.parse(stand.requestsTo('/discord/hostile')[0]!.body);
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    expect(discordBody.embeds[0].description).toBe('\\*\\*bold\\*\\* \\`code\\` \\<!channel\\>');
    const teamsBody = JSON.parse(stand.requestsTo('/teams/hostile')[0]!.body);
    const textBlocks = JSON.stringify(teamsBody).match(/"type":"TextBlock"/g) ?? [];
    expect(textBlocks).toHaveLength(0);
    expect(JSON.stringify(teamsBody)).toContain('"type":"TextRun","text":"ORDER [click here](https://evil.example/x) @everyone <@123>"');
    // The card's heading carries the repeat key, so a resend after a crash is recognisably the same message.
    expect(teamsBody.attachments[0].content.body[0].id).toMatch(/^docketwatch-delivery-\d+$/);
  });

  it.each([
    ['teams', 401, 'disabled'],
    ['discord', 404, 'disabled'],
    ['ntfy', 403, 'disabled'],
  ])('%s answering %i: the destination is disabled and its owner told', async (channel, status) => {
    const path = channel === 'ntfy' ? '/ntfy-gone/gone-topic' : `/${channel}/gone`;
    const { docket, sub } = await follow(`${channel}-gone`, channel, path, { status, body: 'gone' }, 'owner@example.test');
    if (channel === 'ntfy') stand.set('/ntfy-gone/', { status, body: '{"code":40301,"error":"forbidden"}' });
    await file(docket, 1);
    expect(await deliverAll(sub.id)).toEqual(['dead']);
    const stored = await t.db.selectFrom('subscriptions').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('disabled');
    expect(smtp.messages.some((m) => String(m.subject).includes('was disabled'))).toBe(true);
  });

  it('keeps Slack text inert: the fallback text is escaped like the blocks, and a | in a URL cannot change its link text', async () => {
    const slack = await follow('hostile-slack', 'slack', '/slack/hostile', { body: 'ok' });
    await file(slack.docket, 1, {
      shortDescription: 'ORDER <!channel> see <http://evil.example|click here>',
      description: 'Granted <!here> & <@U123>',
      documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/1|Official order from the court>',
    });
    await deliverAll(slack.sub.id);
    const body = JSON.parse(stand.requestsTo('/slack/hostile')[0]!.body) as { text: string; blocks: unknown[] };
    for (const shown of [body.text, JSON.stringify(body.blocks)]) {
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<!here>');
      expect(shown).not.toContain('<@U123>');
      expect(shown).not.toContain('<http://evil.example|');
    }
    expect(body.text).toContain('&lt;!channel&gt;');
    const links = [...JSON.stringify(body.blocks).matchAll(/<(https?:[^|>]*)\|([^>]*)>/g)].map((m) => [m[1], m[2]]);
    expect(links).toContainEqual(['https://ecf.mdd.uscourts.gov/doc1/1%7COfficial%20order%20from%20the%20court%3E', 'Document']);
  });

  it.each([
    [403, 'invalid_token'],
    [404, 'channel_not_found'],
    [404, 'no_service'],
    [410, 'channel_is_archived'],
  ])('Slack answering %i %s: the destination is disabled, its owner told, and nothing more is posted', async (status, error) => {
    const path = `/slack/gone-${error}`;
    const { docket, sub } = await follow(`slack-${error}`, 'slack', path, { status, body: error }, `owner-${error}@example.test`);
    await file(docket, 1);
    expect(await deliverAll(sub.id)).toEqual(['dead']);
    const stored = await t.db.selectFrom('subscriptions').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('disabled');
    await smtp.waitForMailTo(`owner-${error}@example.test`);
    await file(docket, 1);
    await deliverAll(sub.id);
    expect(stand.requestsTo(path)).toHaveLength(1);
  });

  it('a 429 with Retry-After puts the burst back for at least that long: a temporary failure, not lost', async () => {
    const { docket, sub } = await follow('discord-429', 'discord', '/discord/limited', {
      status: 429,
      body: '{"message":"You are being rate limited.","retry_after":120.5,"global":false}',
      headers: { 'retry-after': '121' },
    });
    await file(docket, 3);
    const before = Date.now();
    const outcomes = await deliverAll(sub.id);
    expect(outcomes).toEqual(['retry', 'skipped', 'skipped']);
    const rows = await deliveriesOf(sub.id);
    expect(rows.map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
    for (const d of rows) expect(d.next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + 120_000);
  });

  it('holds a destination that answered Retry-After for every subscription and notifier: nothing is sent to it until then', async () => {
    const redis = createRedisConnection(TEST_REDIS_URL);
    const prefix = testRedisPrefix();
    try {
      // Two notifiers sharing Redis, two newsrooms' subscriptions posting to one rate-limited webhook.
      const held = { ...deps, hold: createDestinationHold(redis, prefix) };
      const path = '/discord/shared-limited';
      const a = await follow('held-a', 'discord', path, { status: 429, body: '{"retry_after":90}', headers: { 'retry-after': '90' } });
      const b = await follow('held-b', 'discord', path, { status: 204, body: '' });
      stand.set(path, { status: 429, body: '{"retry_after":90}', headers: { 'retry-after': '90' } });
      await file(a.docket, 1);
      await file(b.docket, 1);
      const before = Date.now();
      // Being asked to wait spends no attempt: the delivery waits for the hold, however long it lasts.
      expect(await deliverAllWith(held, a.sub.id)).toEqual(['paced']);
      const [asked] = await deliveriesOf(a.sub.id);
      expect(asked).toMatchObject({ status: 'pending', attempts: 0 });
      expect(asked!.next_attempt_at.getTime()).toBeGreaterThan(before + 80_000);
      expect(asked!.next_attempt_at.getTime()).toBeLessThan(before + 120_000);
      stand.set(path, { status: 204, body: '' });
      expect(await deliverAllWith(held, b.sub.id)).toEqual(['paced']);
      expect(stand.requestsTo(path)).toHaveLength(1);
      const [waiting] = await deliveriesOf(b.sub.id);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
      expect(waiting!.next_attempt_at.getTime()).toBeGreaterThan(before + 80_000);
    } finally {
      await deleteRedisPrefix(prefix);
      redis.disconnect();
    }
  });
});
