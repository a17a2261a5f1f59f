/**
 * One new entry on a matter followed by 10,000 e-mail subscribers: a real SMTP server receives
 * exactly 10,000 messages, one per address, and every delivery is `sent`. The notifier runs as a
 * child process (its own core), the scheduler and poller in this one. Throughput is measured by
 * `npm run bench`, not asserted here.
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

jest.setTimeout(900_000);

const SUBSCRIBERS = 10_000;
const CA4 = readFixture('pacer/rss_feeds/ca4_1.xml').toString('latin1');
const NEW_ENTRY = `<item>
\t<title>23-6105 Charlie Hardin v. D. Everett</title>
\t<link>https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=23-6105</link>
\t<description>[Opinion filed] (&lt;a href='https://ecf.ca4.uscourts.gov/docs1/00409910001'>42&lt;/a>)</description>
\t<guid isPermaLink="true">https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=23-6105&amp;partId=00409910001</guid>
\t<pubDate>Fri, 03 Feb 2023 17:00:00 EST</pubDate>
</item>
`;

const address = (i: number) => `reader${String(i).padStart(5, '0')}@example.com`;

/**
 * A real SMTP server that keeps only a count per envelope recipient (10,000 parsed messages
 * would cost far more memory than the test is about).
 */
class EnvelopeSink {
  readonly perRecipient = new Map<string, number>();
  messages = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, cb) => {
      stream.resume();
      stream.on('end', () => {
        this.messages++;
        for (const r of session.envelope.rcptTo) this.perRecipient.set(r.address, (this.perRecipient.get(r.address) ?? 0) + 1);
        cb();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('10,000 subscribers on one matter', () => {
  let t: TestDatabase;
  let court: HttpStandIn;
  let smtp: EnvelopeSink;
  let runtime: Runtime;
  let notifier: CliProcess | null = null;
  let dir: string;
  const prefix = testRedisPrefix();

  const feed = (body: string) => court.set('/ca4/rss', { body: Buffer.from(body, 'latin1'), contentType: 'application/rss+xml' });
  const statuses = async () =>
    Object.fromEntries(
      (
        await t.db
          .selectFrom('deliveries')
          .select(['status', (eb) => eb.fn.countAll().as('n')])
          .groupBy('status')
          .execute()
      ).map((r) => [r.status, Number(r.n)]),
    ) as Record<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    smtp = new EnvelopeSink();
    const [courtUrl, smtpUrl] = await Promise.all([court.start(), smtp.start()]);
    feed(CA4);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-many-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: hardin
    name: Hardin appeals
    dockets:
      - { court: ca4, number: 23-6105, caseName: Charlie Hardin v. D. Everett }
feeds:
  - { kind: pacer-rss, court: ca4, url: "${courtUrl}/ca4/rss", every: 1s }
`,
    );
    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      SMTP_RATE_PER_SECOND: '5000',
      DELIVERY_CONCURRENCY: '32',
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      SCHEDULER_TICK_MS: '1000',
      COALESCE_SECONDS: '0',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    };
    runtime = new Runtime(loadConfig(env), ['scheduler', 'poller']);
    await runtime.start();
    notifier = new CliProcess(['start', 'notifier'], { env });
  });

  afterAll(async () => {
    await notifier?.stop();
    await runtime?.stop();
    await Promise.all([court?.stop(), smtp?.stop()]);
    await t?.drop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each of 10,000 subscribers exactly one e-mail for one new entry', async () => {
    await eventually(async () => {
      const sources = await t.db.selectFrom('sources').select('baseline_at').execute();
      return sources.length === 1 && sources[0]!.baseline_at !== null;
    }, 'the feed to set its baseline');

    const matter = await t.db.selectFrom('matters').select('id').where('slug', '=', 'hardin').executeTakeFirstOrThrow();
    const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      matter_id: matter.id,
      channel: 'email' as const,
      target: address(i),
      label: '',
    }));
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 5000)
        await trx
          .insertInto('subscriptions')
          .values(rows.slice(i, i + 5000))
          .execute();
    });

    feed(CA4.replace(/(<lastBuildDate>[^<]*<\/lastBuildDate>\s*)/, `$1${NEW_ENTRY}`));

    await eventually(async () => smtp.messages >= SUBSCRIBERS, `${SUBSCRIBERS} messages`, 840_000);
    await eventually(async () => (await statuses()).sent === SUBSCRIBERS, 'every delivery marked sent', 60_000);

    expect(await statuses()).toEqual({ sent: SUBSCRIBERS });
    expect(smtp.messages).toBe(SUBSCRIBERS);
    expect(smtp.perRecipient.size).toBe(SUBSCRIBERS);
    const notOnce = Array.from({ length: SUBSCRIBERS }, (_, i) => address(i)).filter((a) => smtp.perRecipient.get(a) !== 1);
    expect(notOnce).toEqual([]);
    expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(1);
  });
});
