/**
 * The production topology as separate processes, started with the commands the manifests run:
 * `docketwatch migrate` once on an empty database, then `start api`, `start scheduler`, two
 * `start poller`, two `start notifier` and `start inbound`, each with MIGRATE_ON_START=false and a
 * HEALTH_PORT. Every process is ready, and each new filing reaches each subscriber exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'node:net';
import { Client } from 'pg';
import {
  CliProcess,
  deleteRedisPrefix,
  dropDatabase,
  eventually,
  HttpStandIn,
  readFixture,
  SmtpSink,
  TEST_DB_PREFIX,
  TEST_REDIS_URL,
  testRedisPrefix,
} from '@docketwatch/test-support';

jest.setTimeout(180_000);

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SCOTUS = JSON.parse(readFixture('scotus/dockets/json/24A1.compare.json').toString('utf8')) as {
  ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[];
};
const FILINGS = ['Topology filing one lodged.', 'Topology filing two lodged.', 'Topology filing three lodged.'];
const SUBSCRIBERS = ['lawyer@example.com', 'clerk@example.com'];
const WORKERS = ['scheduler', 'poller', 'poller', 'notifier', 'notifier', 'inbound'] as const;

function scotusWith(texts: string[]): string {
  const doc = structuredClone(SCOTUS);
  for (const text of texts) doc.ProceedingsandOrder.push({ Date: 'Aug 20 2024', Text: text, Links: [] });
  return JSON.stringify(doc);
}

/** The address a process logged for one of its listeners (`"health":{"host":…,"port":…}`). */
async function listener(process: CliProcess, key: 'health' | 'inboundSmtp'): Promise<string> {
  const [, host, port] = await process.waitForOutput(new RegExp(`"${key}":\\{"host":"([^"]+)","port":(\\d+)\\}`), 60_000);
  return `${host}:${port}`;
}

async function smtpGreeting(address: string): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => undefined);
    socket.once('data', (data) => {
      socket.end('QUIT\r\n');
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

describe('the production topology as separate processes', () => {
  const name = `${TEST_DB_PREFIX}topology_${process.pid}`;
  const prefix = testRedisPrefix();
  const court = new HttpStandIn();
  const smtp = new SmtpSink();
  const processes: CliProcess[] = [];
  let dir: string;

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await court.stop();
    await smtp.stop();
    await dropDatabase(name);
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates once, starts every role ready, and delivers each filing once to each subscriber', async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const databaseUrl = new URL(ADMIN_URL);
    databaseUrl.pathname = `/${name}`;

    const [courtUrl, smtpUrl] = await Promise.all([court.start(), smtp.start()]);
    court.set('/scotus/24A1.json', { body: JSON.stringify(SCOTUS), contentType: 'application/json' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-topology-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: topology
    name: Topology matter
    dockets:
      - court: scotus
        number: 24A1
        sources: [{ kind: scotus-docket, url: "${courtUrl}/scotus/24A1.json", every: 1s }]
    subscriptions:
${SUBSCRIBERS.map((s) => `      - { email: ${s} }`).join('\n')}
`,
    );
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      SCHEDULER_TICK_MS: '250',
      DELIVERY_BATCH_MAX: '1',
      COALESCE_SECONDS: '0',
      MIGRATE_ON_START: 'false',
      HEALTH_PORT: '0',
      PORT: '0',
      INBOUND_SMTP_PORT: '0',
      LOG_LEVEL: 'info',
    };

    const migrate = new CliProcess(['migrate'], { env, cwd: dir });
    processes.push(migrate);
    expect(await migrate.exited).toBe(0);
    expect(migrate.stdout).toContain('database schema is up to date');

    const api = new CliProcess(['start', 'api'], { env, cwd: dir });
    const workers = WORKERS.map((role) => new CliProcess(['start', role], { env, cwd: dir }));
    processes.push(api, ...workers);
    const [, base] = await api.waitForOutput(/docketwatch is running: (http:\/\/\S+)/, 60_000);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    for (const worker of workers) {
      const health = await listener(worker, 'health');
      expect((await fetch(`http://${health}/readyz`)).status).toBe(200);
    }
    expect(await smtpGreeting(await listener(workers[WORKERS.indexOf('inbound')]!, 'inboundSmtp'))).toMatch(/^220 /);

    // The first poll is the source's baseline and alerts no one; then the court files three entries.
    await eventually(async () => court.requestsTo('/scotus/24A1.json').length >= 2, 'the baseline poll', 60_000);
    court.set('/scotus/24A1.json', { body: scotusWith(FILINGS), contentType: 'application/json' });
    await smtp.waitFor(FILINGS.length * SUBSCRIBERS.length, 60_000);
    // More polls by both pollers and sweeps by both notifiers: nothing arrives twice.
    const polled = court.requestsTo('/scotus/24A1.json').length;
    await eventually(async () => court.requestsTo('/scotus/24A1.json').length >= polled + 4, 'four more polls', 60_000);

    const received = smtp.messages.flatMap((mail) =>
      FILINGS.filter((filing) => (mail.text ?? '').includes(filing)).map((filing) => `${JSON.stringify(mail.to)} ${filing}`),
    );
    expect(smtp.messages).toHaveLength(FILINGS.length * SUBSCRIBERS.length);
    expect(new Set(received).size).toBe(FILINGS.length * SUBSCRIBERS.length);
    for (const subscriber of SUBSCRIBERS)
      for (const filing of FILINGS) expect(received.filter((r) => r.includes(subscriber) && r.endsWith(filing))).toHaveLength(1);

    for (const p of [api, ...workers]) expect(await p.stop()).toBe(0);
  });
});
