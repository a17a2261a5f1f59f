/**
 * The first end-to-end path: a CM/ECF RSS feed and a Supreme Court docket change; docketwatch
 * notices, stores each new entry once, and every subscriber gets exactly one e-mail (real SMTP
 * server) or Slack message (local stand-in) per new entry, including across a poller killed
 * with SIGKILL in the middle of a poll.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@docketwatch/config';
import { Runtime } from '@docketwatch/cli';
import {
  CliProcess,
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  HttpStandIn,
  readFixture,
  SmtpSink,
  testRedisPrefix,
  TEST_REDIS_URL,
  type TestDatabase,
} from '@docketwatch/test-support';

jest.setTimeout(120_000);

const CA4 = readFixture('pacer/rss_feeds/ca4_1.xml').toString('latin1');
const SCOTUS = JSON.parse(readFixture('scotus/dockets/json/24A1.compare.json').toString('utf8')) as {
  ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[];
};

function ca4Item(docket: string, caption: string, entry: number, docId: string, what: string, time: string): string {
  const link = `https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=${docket}`;
  return `<item>
\t<title>${docket} ${caption}</title>
\t<link>${link}</link>
\t<description>[${what}] (&lt;a href='https://ecf.ca4.uscourts.gov/docs1/${docId}'>${entry}&lt;/a>)</description>
\t<guid isPermaLink="true">${link}&amp;partId=${docId}</guid>
\t<pubDate>Fri, 03 Feb 2023 ${time} EST</pubDate>
</item>
`;
}

/** The real fixture feed with synthetic items added at the top, as a court adds them. */
function ca4With(...items: string[]): string {
  return CA4.replace(/(<lastBuildDate>[^<]*<\/lastBuildDate>\s*)/, `$1${items.join('')}`);
}

function scotusWith(...texts: string[]): string {
  const doc = structuredClone(SCOTUS);
  for (const text of texts) doc.ProceedingsandOrder.push({ Date: 'Aug 20 2024', Text: text, Links: [] });
  return JSON.stringify(doc);
}

describe('first end-to-end alert', () => {
  let t: TestDatabase;
  let court: HttpStandIn;
  let slack: HttpStandIn;
  let smtp: SmtpSink;
  let runtime: Runtime;
  let poller: CliProcess | null = null;
  let dir: string;
  const prefix = testRedisPrefix();
  const env: Record<string, string> = {};

  const rss = (body: string) => court.set('/ca4/rss', { body: Buffer.from(body, 'latin1'), contentType: 'application/rss+xml' });
  const scotus = (body: string) => court.set('/scotus/24A1.json', { body, contentType: 'application/json' });
  const slackPosts = () => slack.requests.filter((r) => r.method === 'POST');
  const startPoller = () => new CliProcess(['start', 'poller'], { env });
  const count = async (table: 'entries' | 'outbox_events' | 'deliveries') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Resolves after every source has been polled `n` more times than now. */
  const morePolls = async (n: number) => {
    const before = await t.db.selectFrom('sources').select(['id', 'last_checked_at']).execute();
    const target = new Map(before.map((s) => [s.id, s.last_checked_at?.getTime() ?? 0]));
    for (let i = 0; i < n; i++) {
      await eventually(async () => {
        const now = await t.db.selectFrom('sources').select(['id', 'last_checked_at']).execute();
        return now.every((s) => (s.last_checked_at?.getTime() ?? 0) > target.get(s.id)!);
      }, 'another poll of every source');
      for (const s of await t.db.selectFrom('sources').select(['id', 'last_checked_at']).execute()) {
        target.set(s.id, s.last_checked_at?.getTime() ?? 0);
      }
    }
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    slack = new HttpStandIn();
    smtp = new SmtpSink();
    const [courtUrl, slackUrl, smtpUrl] = await Promise.all([court.start(), slack.start(), smtp.start()]);
    slack.set('/services/T1/B1/secret', { body: 'ok' });
    rss(CA4);
    scotus(JSON.stringify(SCOTUS));

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: hardin
    name: Hardin appeals
    dockets:
      - { court: ca4, number: 23-6105, caseName: Charlie Hardin v. D. Everett }
      - { court: ca4, number: 23-1124 }
      - court: scotus
        number: 24A1
        sources:
          - { kind: scotus-docket, url: "${courtUrl}/scotus/24A1.json", every: 1s }
    subscriptions:
      - { email: lawyer@example.com }
      - { email: clerk@example.com, docket: 24A1 }
      - { slack: "${slackUrl}/services/T1/B1/secret" }
feeds:
  - { kind: pacer-rss, court: ca4, url: "${courtUrl}/ca4/rss", every: 1s }
`,
    );
    Object.assign(env, {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      SCHEDULER_TICK_MS: '250',
      JOB_LOCK_MS: '1500',
      // One message per entry here; bursts becoming one message is tested on its own.
      DELIVERY_BATCH_MAX: '1',
      COALESCE_SECONDS: '0',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    });
    runtime = new Runtime(loadConfig(env), ['api', 'scheduler', 'notifier']);
    await runtime.start();
    poller = startPoller();
  });

  afterAll(async () => {
    await poller?.stop();
    await runtime?.stop();
    await Promise.all([court?.stop(), slack?.stop(), smtp?.stop()]);
    await t?.drop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets a baseline on the first poll and alerts nobody', async () => {
    await eventually(async () => {
      const sources = await t.db.selectFrom('sources').select('baseline_at').execute();
      return sources.length === 2 && sources.every((s) => s.baseline_at !== null);
    }, 'both sources to set their baseline');
    expect(await count('entries')).toBeGreaterThan(0);
    expect(await count('outbox_events')).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect(slackPosts()).toHaveLength(0);
  });

  it('sends one message per new entry per subscriber', async () => {
    rss(
      ca4With(
        ca4Item('23-6105', 'Charlie Hardin v. D. Everett', 7, '00409229001', 'Order filed granting motion to proceed', '15:20:16'),
        ca4Item('23-1124', 'Leonard Harris v. Albert Presto', 9, '00409229002', 'Judgment entered', '15:25:00'),
        ca4Item('23-9999', 'Untracked v. Nobody', 1, '00409229003', 'Docketing notice', '15:26:00'),
      ),
    );
    scotus(scotusWith('Application (24A1) referred to the Court.'));

    await smtp.waitFor(4); // lawyer: 3 entries; clerk: the Supreme Court entry only
    await eventually(async () => slackPosts().length >= 3, 'three Slack posts');
    await eventually(
      async () => (await t.db.selectFrom('deliveries').select('status').where('status', '=', 'sent').execute()).length === 7,
      'all deliveries sent',
    );

    const to = (addr: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(addr));
    expect(to('lawyer@example.com')).toHaveLength(3);
    expect(to('clerk@example.com')).toHaveLength(1);
    expect(to('clerk@example.com')[0]!.subject).toMatch(/referred to the Court/);
    const subjects = to('lawyer@example.com')
      .map((m) => m.subject)
      .sort();
    expect(subjects.join('\n')).toMatch(/Order filed granting motion/);
    expect(subjects.join('\n')).toMatch(/Judgment entered/);
    expect(subjects.join('\n')).not.toMatch(/Docketing notice/);
    const order = to('lawyer@example.com').find((m) => /Order filed/.test(m.subject ?? ''))!;
    expect(order.text).toContain('https://ecf.ca4.uscourts.gov/docs1/00409229001');
    expect(order.html).toContain('4th Cir.');

    expect(slackPosts()).toHaveLength(3);
    const blocks = slackPosts().map((p) => JSON.parse(p.body) as { text: string; blocks: unknown[] });
    expect(blocks.every((b) => Array.isArray(b.blocks) && b.blocks.length > 0)).toBe(true);
    expect(blocks.map((b) => b.text).join('\n')).toMatch(/Judgment entered/);
  });

  it('sends nothing when the feeds are polled again unchanged', async () => {
    await morePolls(2);
    // Give the notifier a full fan-out cycle after those polls.
    await eventually(
      async () => (await t.db.selectFrom('outbox_events').select('id').where('fanned_out_at', 'is', null).execute()).length === 0,
      'fan-out',
    );
    expect(await count('outbox_events')).toBe(3);
    expect(await count('deliveries')).toBe(7);
    expect(smtp.messages).toHaveLength(4);
    expect(slackPosts()).toHaveLength(3);
  });

  it('a poller killed mid-poll and restarted sends nothing twice and loses nothing', async () => {
    // The court stalls: the poller's request hangs, so the poll is mid-job when it is killed.
    let stalled = 0;
    court.set('/ca4/rss', () => {
      stalled++;
      return { body: '', hang: true };
    });
    await eventually(async () => stalled > 0, 'the poller to be mid-poll');
    expect(await poller!.kill9()).toBeNull();

    rss(
      ca4With(
        ca4Item('23-6105', 'Charlie Hardin v. D. Everett', 7, '00409229001', 'Order filed granting motion to proceed', '15:20:16'),
        ca4Item('23-1124', 'Leonard Harris v. Albert Presto', 9, '00409229002', 'Judgment entered', '15:25:00'),
        ca4Item('23-9999', 'Untracked v. Nobody', 1, '00409229003', 'Docketing notice', '15:26:00'),
        ca4Item('23-6105', 'Charlie Hardin v. D. Everett', 8, '00409229004', 'Mandate issued', '16:00:00'),
      ),
    );
    poller = startPoller();

    await smtp.waitFor(5);
    await eventually(async () => slackPosts().length >= 4, 'the fourth Slack post');
    await morePolls(2);
    await eventually(
      async () => (await t.db.selectFrom('deliveries').select('status').where('status', '!=', 'sent').execute()).length === 0,
      'every delivery sent',
    );

    expect(smtp.messages).toHaveLength(5);
    expect(slackPosts()).toHaveLength(4);
    expect(smtp.messages.filter((m) => /Mandate issued/.test(m.subject ?? ''))).toHaveLength(1);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const perEntry = await t.db
      .selectFrom('deliveries')
      .innerJoin('outbox_events', 'outbox_events.id', 'deliveries.event_id')
      .select(['outbox_events.entry_id', 'deliveries.subscription_id'])
      .execute();
    const keys = perEntry.map((d) => `${d.entry_id}/${d.subscription_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('serves /healthz and the matter timeline', async () => {
    const base = runtime.address!;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
    const timeline = (await (await fetch(`${base}/api/matters/hardin/timeline`)).json()) as {
      entries: { shortDescription: string; sightings: unknown[] }[];
    };
    expect(timeline.entries.map((e) => e.shortDescription)).toEqual(expect.arrayContaining(['Mandate issued', 'Judgment entered']));
    expect(timeline.entries.every((e) => e.sightings.length === 1)).toBe(true);
  });
});
