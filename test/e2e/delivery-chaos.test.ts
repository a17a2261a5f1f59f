/**
 * Delivery under chaos. A matter with 50 e-mail subscribers and 2 Slack webhooks; the notifier
 * runs as a child process, the API, scheduler and poller in this one; the SMTP server is slow to
 * answer each message. Proves, end to end:
 *
 * 1. N new entries become N × 52 deliveries, one per (entry, subscription).
 * 2. A notifier killed with SIGKILL in the middle of sending, then restarted, loses nothing: every
 *    (entry, subscriber) pair arrives; the only repeats are of deliveries that were `sending` at
 *    the kill (accepted by SMTP, not yet marked sent), recognisable by their fixed Message-ID.
 * 3. Redis losing every key of the deployment mid-run (queues, job schedulers, locks), while
 *    deliveries are pending and new entries arrive: the job schedulers come back, and every
 *    delivery arrives exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '@docketwatch/config';
import { Runtime } from '@docketwatch/cli';
import {
  CliProcess,
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  HttpStandIn,
  readFixture,
  testRedisPrefix,
  TEST_REDIS_URL,
  type TestDatabase,
} from '@docketwatch/test-support';

jest.setTimeout(420_000);

const CA4 = readFixture('pacer/rss_feeds/ca4_1.xml').toString('latin1');
const EMAILS = 50;
const SLACK_HOOKS = ['/services/T1/B1/one', '/services/T2/B2/two'];
const SUBSCRIPTIONS = EMAILS + SLACK_HOOKS.length;
/** Short, so the deliveries a killed sender held are sent again within the test. */
const LEASE_SECONDS = 10;

interface NewEntry {
  number: number;
  docId: string;
  what: string;
  time: string;
}

/** Entries 101…112 of docket 23-6105, each with its own document id (found in Slack posts). */
const ENTRIES: NewEntry[] = Array.from({ length: 12 }, (_, i) => ({
  number: 101 + i,
  // Canonical PACER document ids (fourth digit 0), as stored.
  docId: `0040990${String(101 + i).padStart(4, '0')}`,
  what: `Chaos order ${101 + i} filed`,
  time: `16:${String(10 + i).padStart(2, '0')}:00`,
}));

function ca4Item(e: NewEntry): string {
  const link = `https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=23-6105`;
  return `<item>
\t<title>23-6105 Charlie Hardin v. D. Everett</title>
\t<link>${link}</link>
\t<description>[${e.what}] (&lt;a href='https://ecf.ca4.uscourts.gov/docs1/${e.docId}'>${e.number}&lt;/a>)</description>
\t<guid isPermaLink="true">${link}&amp;partId=${e.docId}</guid>
\t<pubDate>Fri, 03 Feb 2023 ${e.time} EST</pubDate>
</item>
`;
}

/** The real fixture feed with synthetic items added at the top, as a court adds them. */
function ca4With(entries: NewEntry[]): string {
  return CA4.replace(/(<lastBuildDate>[^<]*<\/lastBuildDate>\s*)/, `$1${[...entries].reverse().map(ca4Item).join('')}`);
}

interface Received {
  messageId: string;
  to: string[];
  subject: string;
}

/**
 * A real SMTP server that is slow to accept: each message is recorded as soon as its data has
 * arrived, and the 250 reply follows a little later. `holdAfter(n)` stops replying once n
 * messages have arrived, until `release()`: a sender is then certainly mid-send, with messages
 * the server has but the sender has not seen accepted. Outcome, not timing, is what it fixes.
 */
class SlowSmtpSink {
  readonly received: Received[] = [];
  /** Messages recorded whose reply is being held. */
  readonly held = new Set<Received>();
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;
  private holdAt = Infinity;
  private readonly server: SMTPServer;

  constructor(private readonly replyDelayMs: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
          const mail: Received = {
            messageId: /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '',
          };
          this.received.push(mail);
          if (this.received.length >= this.holdAt && !this.gate) {
            this.gate = new Promise((resolve) => (this.open = resolve));
          }
          void this.reply(mail).then(() => cb());
        });
      },
    });
  }

  private async reply(mail: Received): Promise<void> {
    await new Promise((r) => setTimeout(r, this.replyDelayMs));
    if (this.gate !== null) {
      this.held.add(mail);
      while (this.gate !== null) await this.gate;
      this.held.delete(mail);
    }
  }

  holdAfter(count: number): void {
    this.holdAt = count;
  }

  release(): void {
    this.holdAt = Infinity;
    this.gate = null;
    this.open();
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The delivery a message belongs to, from its Message-ID `<delivery-ID@host>`. */
function deliveryIdOf(messageId: string): number {
  const m = /^<delivery-(\d+)@[^>]+>$/.exec(messageId);
  if (!m) throw new Error(`not a delivery Message-ID: ${messageId}`);
  return Number(m[1]);
}

function countBy<T>(items: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return counts;
}

describe('delivery under chaos', () => {
  let t: TestDatabase;
  let court: HttpStandIn;
  let slack: HttpStandIn;
  let smtp: SlowSmtpSink;
  let runtime: Runtime;
  let notifier: CliProcess | null = null;
  let dir: string;
  const prefix = testRedisPrefix();
  const env: Record<string, string> = {};

  const rss = (entries: NewEntry[]) =>
    court.set('/ca4/rss', { body: Buffer.from(ca4With(entries), 'latin1'), contentType: 'application/rss+xml' });
  const startNotifier = () => new CliProcess(['start', 'notifier'], { env });
  const slackPosts = (hook: string) => slack.requests.filter((r) => r.method === 'POST' && r.path === hook);
  const docIdsIn = (body: string) => ENTRIES.filter((e) => body.includes(`docs1/${e.docId}`)).map((e) => e.docId);

  /** Every delivery with what it is for: the entry's document id and the subscription's target. */
  const deliveries = () =>
    t.db
      .selectFrom('deliveries')
      .innerJoin('outbox_events', 'outbox_events.id', 'deliveries.event_id')
      .innerJoin('entries', 'entries.id', 'outbox_events.entry_id')
      .innerJoin('subscriptions', 'subscriptions.id', 'deliveries.subscription_id')
      .select([
        'deliveries.id',
        'deliveries.status',
        'deliveries.channel',
        'deliveries.subscription_id',
        'entries.pacer_doc_id as docId',
        'subscriptions.target',
      ])
      .execute();

  const allSent = (expected: number) =>
    eventually(
      async () => {
        const rows = await deliveries();
        return rows.length === expected && rows.every((d) => d.status === 'sent');
      },
      `all ${expected} deliveries sent`,
      240_000,
    );

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    slack = new HttpStandIn();
    smtp = new SlowSmtpSink(25);
    const [courtUrl, slackUrl, smtpUrl] = await Promise.all([court.start(), slack.start(), smtp.start()]);
    for (const hook of SLACK_HOOKS) slack.set(hook, { body: 'ok' });
    court.set('/ca4/rss', { body: Buffer.from(CA4, 'latin1'), contentType: 'application/rss+xml' });

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-chaos-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    const subscriptions = [
      ...Array.from({ length: EMAILS }, (_, i) => `      - { email: subscriber${String(i).padStart(2, '0')}@example.com }`),
      ...SLACK_HOOKS.map((hook) => `      - { slack: "${slackUrl}${hook}" }`),
    ];
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: hardin
    name: Hardin appeals
    dockets:
      - { court: ca4, number: 23-6105, caseName: Charlie Hardin v. D. Everett }
    subscriptions:
${subscriptions.join('\n')}
feeds:
  - { kind: pacer-rss, court: ca4, url: "${courtUrl}/ca4/rss", every: 1s }
`,
    );
    Object.assign(env, {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      SMTP_RATE_PER_SECOND: '1000',
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      SCHEDULER_TICK_MS: '250',
      JOB_LOCK_MS: '1500',
      LEASE_SECONDS: String(LEASE_SECONDS),
      // A poll job lost in the flush is claimed again after this, not after the default two minutes.
      CLAIM_LEASE_SECONDS: '5',
      // One message per delivery, so each Message-ID names exactly one delivery.
      DELIVERY_BATCH_MAX: '1',
      COALESCE_SECONDS: '0',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    });
    runtime = new Runtime(loadConfig(env), ['api', 'scheduler', 'poller']);
    await runtime.start();
    notifier = startNotifier();
  });

  afterAll(async () => {
    await notifier?.stop();
    await runtime?.stop();
    await Promise.all([court?.stop(), slack?.stop(), smtp?.stop()]);
    await t?.drop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets a baseline on the first poll and alerts nobody', async () => {
    await eventually(async () => {
      const sources = await t.db.selectFrom('sources').select('baseline_at').execute();
      return sources.length === 1 && sources[0]!.baseline_at !== null;
    }, 'the feed to set its baseline');
    expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('a notifier killed mid-send and restarted delivers every pair, repeating only what was in flight', async () => {
    const batch = ENTRIES.slice(0, 6);
    smtp.holdAfter(60);
    rss(batch);

    // The 60th message arrived and its reply is held: the notifier is mid-fan-out, mid-send.
    await eventually(async () => smtp.held.size > 0, 'the notifier to be mid-send', 120_000);
    expect(await notifier!.kill9()).toBeNull();

    const atKill = await deliveries();
    const sendingAtKill = new Set(atKill.filter((d) => d.status === 'sending').map((d) => d.id));
    const heldAtKill = [...smtp.held].map((m) => deliveryIdOf(m.messageId));
    // The server has these messages and the sender never heard so: they are exactly the window.
    expect(heldAtKill.length).toBeGreaterThan(0);
    for (const id of heldAtKill) expect(sendingAtKill.has(id)).toBe(true);
    expect(atKill.filter((d) => d.channel === 'email' && d.status === 'sent').length).toBeLessThan(batch.length * EMAILS);

    smtp.release();
    notifier = startNotifier();
    await allSent(batch.length * SUBSCRIPTIONS);

    const rows = await deliveries();
    expect(rows).toHaveLength(batch.length * SUBSCRIPTIONS);
    const pairs = rows.map((d) => `${d.docId}/${d.subscription_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(rows.map((d) => d.docId))).toEqual(new Set(batch.map((e) => e.docId)));

    // E-mail: every delivery arrived, to its subscriber; repeats only of what was in flight.
    const emails = rows.filter((d) => d.channel === 'email');
    expect(emails).toHaveLength(batch.length * EMAILS);
    const byId = new Map(emails.map((d) => [d.id, d]));
    const arrivals = countBy(smtp.received.map((m) => deliveryIdOf(m.messageId)));
    for (const m of smtp.received) {
      const d = byId.get(deliveryIdOf(m.messageId));
      expect(d).toBeDefined();
      expect(m.to).toEqual([d!.target]);
    }
    for (const d of emails) expect(arrivals.get(d.id) ?? 0).toBeGreaterThanOrEqual(1);
    const duplicates = [...arrivals].filter(([, n]) => n > 1);
    for (const [id, n] of duplicates) {
      expect(sendingAtKill.has(id)).toBe(true);
      expect(n).toBe(2);
    }
    // Each held message was accepted but never marked: it is sent again after the lease.
    for (const id of heldAtKill) expect(arrivals.get(id)).toBe(2);
    expect(smtp.received.length).toBe(emails.length + duplicates.length);

    // Slack: every entry on every webhook; a repeat only for a post in flight at the kill.
    for (const hook of SLACK_HOOKS) {
      const posts = slackPosts(hook).map((p) => docIdsIn(p.body));
      expect(posts.every((ids) => ids.length === 1)).toBe(true);
      expect(new Set(posts.flat())).toEqual(new Set(batch.map((e) => e.docId)));
      const inFlight = atKill.filter((d) => d.channel === 'slack' && d.target.endsWith(hook) && sendingAtKill.has(d.id)).length;
      expect(posts.length).toBeLessThanOrEqual(batch.length + inFlight);
    }
  });

  it('Redis losing every key mid-run: the job schedulers come back and every delivery arrives exactly once', async () => {
    const before = batchOf(0, 6);
    const pending = batchOf(6, 9);
    const later = batchOf(9, 12);
    const base = smtp.received.length;
    const slackBase = new Map(SLACK_HOOKS.map((hook) => [hook, slackPosts(hook).length]));

    smtp.holdAfter(base + 20);
    rss([...before, ...pending]);
    await eventually(async () => smtp.held.size > 0, 'deliveries of the new entries to be mid-send', 120_000);
    const midRun = await deliveries();
    expect(midRun.filter((d) => d.status === 'sent').length).toBeLessThan(9 * SUBSCRIPTIONS);

    // What FLUSHALL does to this deployment: every key under its REDIS_PREFIX is gone (queues, job
    // schedulers, locks, Slack pacing). A real FLUSHALL would also wipe the other test files
    // running against the same Redis, each under its own prefix.
    expect(await deleteRedisPrefix(prefix)).toBeGreaterThan(0);
    smtp.release();
    rss([...before, ...pending, ...later]);

    await allSent(12 * SUBSCRIPTIONS);

    // E-mail: exactly one message per delivery of these six entries, none of the first six again.
    const rows = (await deliveries()).filter((d) => [...pending, ...later].some((e) => e.docId === d.docId));
    expect(rows).toHaveLength(6 * SUBSCRIPTIONS);
    const emails = rows.filter((d) => d.channel === 'email');
    const ids = smtp.received.slice(base).map((m) => deliveryIdOf(m.messageId));
    expect(ids).toHaveLength(emails.length);
    expect(new Set(ids)).toEqual(new Set(emails.map((d) => d.id)));

    // Slack: each entry exactly once on each webhook.
    for (const hook of SLACK_HOOKS) {
      const posts = slackPosts(hook)
        .slice(slackBase.get(hook))
        .flatMap((p) => docIdsIn(p.body));
      expect(posts.sort()).toEqual([...pending, ...later].map((e) => e.docId).sort());
    }

    // The schedulers really are back: the feed is still polled and fan-out still runs.
    const polled = (await t.db.selectFrom('sources').select('last_checked_at').executeTakeFirstOrThrow()).last_checked_at!;
    await eventually(
      async () => (await t.db.selectFrom('sources').select('last_checked_at').executeTakeFirstOrThrow()).last_checked_at! > polled,
      'another poll after the flush',
    );
  });
});

function batchOf(from: number, to: number): NewEntry[] {
  return ENTRIES.slice(from, to);
}
