/**
 * Issue 9: the Supreme Court's newer notices say only "A new docket entry has been added for …".
 * Such a mail is a ping: docketwatch reads the docket's own page at once instead of at its next
 * scheduled check (six hours away here), and the new entry found there is alerted exactly once.
 * The whole installation runs in this process (scheduler, poller, notifier, inbound SMTP) against
 * real Postgres and Redis, a court stand-in serving the docket JSON and a real SMTP server.
 *
 * The notice arrives the way an operator's MTA hands it on: from an allow-listed relay (this test,
 * on 127.0.0.1) with its Authentication-Results header, as in forged-notice.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '@docketwatch/config';
import { Runtime } from '@docketwatch/cli';
import {
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  HttpStandIn,
  readFixture,
  SmtpSink,
  testRedisPrefix,
  TEST_REDIS_URL,
} from '@docketwatch/test-support';

// Generous: two shared cores, and the installation is started and stopped within the test.
jest.setTimeout(180_000);
const WAIT_MS = 60_000;

const RELAY = 'mx.dw.test';
const MAILBOX = 'scotus@dw.test';
const SUBSCRIBER = 'lawyer@example.com';
const DOCKET_PATH = '/scotus/24A1.json';
/** A real docket: Taylor v. United States, 24A1. */
const DOCKET = JSON.parse(readFixture('scotus/dockets/json/24A1.compare.json').toString('utf8')) as {
  ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[];
};
const NEW_ENTRY = 'Response to application (24A1) requested by Justice Alito, due by 4 p.m. (EDT) on August 27, 2024.';

/** `text` with `from` replaced by `to`; throws when `from` is missing, so a changed fixture fails loudly. */
function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the fixture no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/**
 * The court's "new docket entry" notice for 24A1 that names no entry, made from a real notice (25-261,
 * the court's own headers and wording) the way the court words the newer ones (see
 * packages/sources/src/scotus-email/read-scotus-mail.ts): no fixture of that form exists yet.
 */
function pingFor24A1(): string {
  let mail = readFixture('scotus/email/25-261.eml').toString('latin1');
  mail = replaced(mail, 'A new docket entry, "Petition DENIED." has been added for', 'A new docket entry has been added for');
  mail = replaced(
    mail,
    "/Public/25-261.html'>Christine Asing, Petitioner v. Hawaii Government Employees Association - AFSCME Local 152, AFL-CIO</a>",
    "/Public/24a1.html'>Jake Delahney Taylor, Applicant v. United States</a>",
  );
  mail = replaced(mail, 'notifications for No. 25-261.', 'notifications for No. 24A1.');
  return `Authentication-Results: ${RELAY}; dkim=pass header.d=sc-us.gov\r\n${mail}`;
}

function docketWith(...texts: string[]): string {
  const docket = structuredClone(DOCKET);
  for (const text of texts) docket.ProceedingsandOrder.push({ Date: 'Aug 20 2024', Text: text, Links: [] });
  return JSON.stringify(docket);
}

describe('a Supreme Court "new docket entry" notice (whole installation)', () => {
  it('brings the docket’s poll forward, and the new entry it finds is alerted once, however often the ping comes', async () => {
    const t = await createTestDatabase();
    const court = new HttpStandIn();
    const alerts = new SmtpSink();
    const [courtUrl, smtpUrl] = await Promise.all([court.start(), alerts.start()]);
    const serve = (body: string) => court.set(DOCKET_PATH, { body, contentType: 'application/json' });
    serve(docketWith());
    const prefix = testRedisPrefix();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-scotus-ping-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    // Six hours between checks: within this test only a ping can cause the poll after the baseline.
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: taylor
    name: Taylor v. United States
    dockets:
      - court: scotus
        number: 24A1
        sources:
          - { kind: scotus-docket, url: "${courtUrl}${DOCKET_PATH}", every: 6h }
    subscriptions:
      - { email: ${SUBSCRIBER} }
mailboxes:
  - { kind: scotus-email, address: ${MAILBOX} }
`,
    );
    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      INBOUND_SMTP_PORT: '0',
      INBOUND_TRUSTED_RELAYS: '127.0.0.1',
      INBOUND_RELAY_AUTHSERV_ID: RELAY,
      COALESCE_SECONDS: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
    };
    const runtime = new Runtime(loadConfig(env), ['scheduler', 'poller', 'notifier', 'inbound']);
    const docketSource = () =>
      t.db
        .selectFrom('sources')
        .select(['baseline_at', 'last_checked_at', 'next_check_at'])
        .where('kind', '=', 'scotus-docket')
        .executeTakeFirstOrThrow();
    const docketRequests = () => court.requestsTo(DOCKET_PATH).length;
    /** Resolves once a poll has been recorded after `since`, and all it queued has been sent. */
    const polledAndSettled = async (since: Date) => {
      await eventually(
        async () => ((await docketSource()).last_checked_at?.getTime() ?? 0) > since.getTime(),
        'the poll to be recorded',
        WAIT_MS,
      );
      await eventually(
        async () => (await t.db.selectFrom('outbox_events').select('id').where('fanned_out_at', 'is', null).execute()).length === 0,
        'fan-out of what the poll queued',
        WAIT_MS,
      );
      await eventually(
        async () => (await t.db.selectFrom('deliveries').select('status').where('status', '!=', 'sent').execute()).length === 0,
        'every delivery sent',
        WAIT_MS,
      );
    };
    try {
      await runtime.start();
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: runtime.inboundAddress!.port,
        secure: false,
        ignoreTLS: true,
      });
      const ping = () => transport.sendMail({ envelope: { from: 'no-reply@sc-us.gov', to: [MAILBOX] }, raw: pingFor24A1() });

      // The first poll sets the baseline and alerts no one; the next check is six hours away.
      const baseline = await eventually(
        async () => {
          const source = await docketSource();
          return source.baseline_at !== null && source.last_checked_at !== null ? source : null;
        },
        'the baseline poll',
        WAIT_MS,
      );
      expect(baseline.next_check_at.getTime()).toBeGreaterThan(Date.now() + 5 * 3600_000);
      expect(docketRequests()).toBe(1);

      // The court files an entry; nothing docketwatch does on its own would read it for six hours.
      serve(docketWith(NEW_ENTRY));
      expect((await docketSource()).last_checked_at).toEqual(baseline.last_checked_at);
      expect(alerts.messages).toEqual([]);

      const firstPingAt = new Date();
      await ping();
      await eventually(async () => docketRequests() >= 2, 'the docket to be read after the ping', WAIT_MS);
      const [alert] = await alerts.waitForMailTo(SUBSCRIBER, 1, WAIT_MS);
      expect(alert!.subject).toContain('Response to application (24A1) requested');
      await polledAndSettled(firstPingAt);
      expect(alerts.messages).toHaveLength(1);

      // The same ping again: the docket is read again, finds nothing new, and no one is alerted twice.
      const secondPingAt = new Date();
      const requestsBefore = docketRequests();
      await ping();
      await eventually(async () => docketRequests() > requestsBefore, 'the docket to be read after the second ping', WAIT_MS);
      await polledAndSettled(secondPingAt);
      transport.close();

      expect(alerts.messages).toHaveLength(1);
      expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(1);
      expect(await t.db.selectFrom('deliveries').select('id').execute()).toHaveLength(1);
      expect((await t.db.selectFrom('inbound_messages').select('status').orderBy('id').execute()).map((m) => m.status)).toEqual([
        'ingested',
        'ingested',
      ]);
      const entries = await t.db.selectFrom('entries').select('description').execute();
      expect(entries.filter((e) => e.description === NEW_ENTRY)).toHaveLength(1);
    } finally {
      await runtime.stop();
      await Promise.all([court.stop(), alerts.stop()]);
      await t.drop();
      await deleteRedisPrefix(prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
