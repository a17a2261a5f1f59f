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

/**
 * One installation of the test's own: a court stand-in serving the feed and the docket, Slack and
 * SMTP stand-ins, the api, scheduler and notifier in this process, and a poller as a separate
 * `docketwatch start poller` process (so it can be killed with SIGKILL).
 */
async function startSystem() {
  const t = await createTestDatabase();
  const court = new HttpStandIn();
  const slack = new HttpStandIn();
  const smtp = new SmtpSink();
  const [courtUrl, slackUrl, smtpUrl] = await Promise.all([court.start(), slack.start(), smtp.start()]);
  const prefix = testRedisPrefix();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-'));
  const rss = (body: string) => court.set('/ca4/rss', { body: Buffer.from(body, 'latin1'), contentType: 'application/rss+xml' });
  const scotus = (body: string) => court.set('/scotus/24A1.json', { body, contentType: 'application/json' });
  slack.set('/services/T1/B1/secret', { body: 'ok' });
  rss(CA4);
  scotus(JSON.stringify(SCOTUS));
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
  const env: Record<string, string> = {
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
  };
  const runtime = new Runtime(loadConfig(env), ['api', 'scheduler', 'notifier']);
  await runtime.start();
  const startPoller = () => new CliProcess(['start', 'poller'], { env });
  const system = {
    t,
    court,
    smtp,
    runtime,
    poller: startPoller(),
    rss,
    scotus,
    slackPosts: () => slack.requests.filter((r) => r.method === 'POST'),
    restartPoller: () => {
      system.poller = startPoller();
    },
    count: async (table: 'entries' | 'outbox_events' | 'deliveries') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    /** Resolves after every source has been polled `n` more times than now. */
    morePolls: async (n: number) => {
      const polledAt = async () =>
        new Map(
          (await t.db.selectFrom('sources').select(['id', 'last_checked_at']).execute()).map((s) => [
            s.id,
            s.last_checked_at?.getTime() ?? 0,
          ]),
        );
      let target = await polledAt();
      for (let i = 0; i < n; i++) {
        await eventually(async () => [...(await polledAt())].every(([id, at]) => at > target.get(id)!), 'another poll of every source');
        target = await polledAt();
      }
    },
    baseline: () =>
      eventually(async () => {
        const sources = await t.db.selectFrom('sources').select('baseline_at').execute();
        return sources.length === 2 && sources.every((s) => s.baseline_at !== null);
      }, 'both sources to set their baseline'),
    sent: (n: number) =>
      eventually(
        async () => (await t.db.selectFrom('deliveries').select('status').where('status', '=', 'sent').execute()).length === n,
        `${n} deliveries sent`,
      ),
    mailTo: (addr: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(addr)),
    stop: async () => {
      await system.poller.stop();
      await runtime.stop();
      await Promise.all([court.stop(), slack.stop(), smtp.stop()]);
      await t.drop();
      await deleteRedisPrefix(prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return system;
}

type System = Awaited<ReturnType<typeof startSystem>>;

/** Runs `test` against a fresh installation and always takes it down. */
async function withSystem(test: (system: System) => Promise<void>): Promise<void> {
  const system = await startSystem();
  try {
    await test(system);
  } finally {
    await system.stop();
  }
}

const ORDER = ca4Item('23-6105', 'Charlie Hardin v. D. Everett', 7, '00409229001', 'Order filed granting motion to proceed', '15:20:16');
const JUDGMENT = ca4Item('23-1124', 'Leonard Harris v. Albert Presto', 9, '00409229002', 'Judgment entered', '15:25:00');
const UNTRACKED = ca4Item('23-9999', 'Untracked v. Nobody', 1, '00409229003', 'Docketing notice', '15:26:00');
const MANDATE = ca4Item('23-6105', 'Charlie Hardin v. D. Everett', 8, '00409229004', 'Mandate issued', '16:00:00');

/** After the baseline, the court adds two tracked entries and one untracked; the Supreme Court one. */
async function fileFirstEntries(system: System): Promise<void> {
  await system.baseline();
  system.rss(ca4With(ORDER, JUDGMENT, UNTRACKED));
  system.scotus(scotusWith('Application (24A1) referred to the Court.'));
  // lawyer: 3 entries; clerk: the Supreme Court entry only; Slack: 3.
  await system.sent(7);
}

describe('first end-to-end alert', () => {
  it('sets a baseline on the first poll and alerts nobody', () =>
    withSystem(async (system) => {
      await system.baseline();
      expect(await system.count('entries')).toBeGreaterThan(0);
      expect(await system.count('outbox_events')).toBe(0);
      expect(system.smtp.messages).toHaveLength(0);
      expect(system.slackPosts()).toHaveLength(0);
    }));

  it('sends one message per new entry per subscriber', () =>
    withSystem(async (system) => {
      await fileFirstEntries(system);
      await system.smtp.waitFor(4);
      await eventually(async () => system.slackPosts().length >= 3, 'three Slack posts');

      expect(system.mailTo('lawyer@example.com')).toHaveLength(3);
      expect(system.mailTo('clerk@example.com')).toHaveLength(1);
      expect(system.mailTo('clerk@example.com')[0]!.subject).toMatch(/referred to the Court/);
      const subjects = system
        .mailTo('lawyer@example.com')
        .map((m) => m.subject)
        .sort();
      expect(subjects.join('\n')).toMatch(/Order filed granting motion/);
      expect(subjects.join('\n')).toMatch(/Judgment entered/);
      expect(subjects.join('\n')).not.toMatch(/Docketing notice/);
      const order = system.mailTo('lawyer@example.com').find((m) => /Order filed/.test(m.subject ?? ''))!;
      expect(order.text).toContain('https://ecf.ca4.uscourts.gov/docs1/00409229001');
      expect(order.html).toContain('4th Cir.');

      expect(system.slackPosts()).toHaveLength(3);
      const blocks = system.slackPosts().map((p) => JSON.parse(p.body) as { text: string; blocks: unknown[] });
      expect(blocks.every((b) => Array.isArray(b.blocks) && b.blocks.length > 0)).toBe(true);
      expect(blocks.map((b) => b.text).join('\n')).toMatch(/Judgment entered/);
    }));

  it('sends nothing when the feeds are polled again unchanged', () =>
    withSystem(async (system) => {
      await fileFirstEntries(system);
      await system.smtp.waitFor(4);
      await system.morePolls(2);
      // Give the notifier a full fan-out cycle after those polls.
      await eventually(
        async () => (await system.t.db.selectFrom('outbox_events').select('id').where('fanned_out_at', 'is', null).execute()).length === 0,
        'fan-out',
      );
      expect(await system.count('outbox_events')).toBe(3);
      expect(await system.count('deliveries')).toBe(7);
      expect(system.smtp.messages).toHaveLength(4);
      expect(system.slackPosts()).toHaveLength(3);
    }));

  it('a poller killed mid-poll and restarted sends nothing twice and loses nothing', () =>
    withSystem(async (system) => {
      await fileFirstEntries(system);
      await system.smtp.waitFor(4);
      // The court stalls: the poller's request hangs, so the poll is mid-job when it is killed.
      let stalled = 0;
      system.court.set('/ca4/rss', () => {
        stalled++;
        return { body: '', hang: true };
      });
      await eventually(async () => stalled > 0, 'the poller to be mid-poll');
      expect(await system.poller.kill9()).toBeNull();

      system.rss(ca4With(ORDER, JUDGMENT, UNTRACKED, MANDATE));
      system.restartPoller();

      await system.smtp.waitFor(5);
      await eventually(async () => system.slackPosts().length >= 4, 'the fourth Slack post');
      await system.morePolls(2);
      await eventually(
        async () => (await system.t.db.selectFrom('deliveries').select('status').where('status', '!=', 'sent').execute()).length === 0,
        'every delivery sent',
      );

      expect(system.smtp.messages).toHaveLength(5);
      expect(system.slackPosts()).toHaveLength(4);
      expect(system.smtp.messages.filter((m) => /Mandate issued/.test(m.subject ?? ''))).toHaveLength(1);
      const ids = system.smtp.messages.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      const perEntry = await system.t.db
        .selectFrom('deliveries')
        .innerJoin('outbox_events', 'outbox_events.id', 'deliveries.event_id')
        .select(['outbox_events.entry_id', 'deliveries.subscription_id'])
        .execute();
      const keys = perEntry.map((d) => `${d.entry_id}/${d.subscription_id}`);
      expect(new Set(keys).size).toBe(keys.length);
    }));

  it('serves /healthz and the matter timeline', () =>
    withSystem(async (system) => {
      await fileFirstEntries(system);
      const base = system.runtime.address!;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
      const timeline = (await (await fetch(`${base}/api/matters/hardin/timeline`)).json()) as {
        entries: { shortDescription: string; sightings: unknown[] }[];
      };
      expect(timeline.entries.map((e) => e.shortDescription)).toEqual(
        expect.arrayContaining(['Order filed granting motion to proceed', 'Judgment entered']),
      );
      expect(timeline.entries.every((e) => e.sightings.length === 1)).toBe(true);
    }));
});
