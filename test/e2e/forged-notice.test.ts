/**
 * Attack regression (issue 8): a forged court notice mailed to docketwatch's public mailbox. The
 * whole installation runs (inbound SMTP, notifier, real Postgres and Redis, a real SMTP server for
 * the alerts): forged notices change nothing a subscriber receives, and the court's own notice,
 * arriving after them, is alerted exactly once with the court's link.
 *
 * The court's notice is authenticated the way an operator's MTA hands it on (an allow-listed relay,
 * here this test on 127.0.0.1, with its Authentication-Results header): the real notice's DKIM
 * cannot be checked without DNS. Verifying DKIM itself is covered in
 * services/inbound-mail/src/inbound-mail-attacks.int.test.ts with a key the test serves.
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
  readFixture,
  SmtpSink,
  testRedisPrefix,
  TEST_REDIS_URL,
} from '@docketwatch/test-support';

jest.setTimeout(120_000);

/** A real NEF: D. Del., CBV, Inc. v. ChanBond, LLC, 1:21-cv-01456, entry 136 (a letter). */
const NEF = readFixture('pacer/nef/s3/ded_1.txt').toString('latin1').replace(/\r?\n/g, '\r\n');
const RELAY = 'mx.dw.test';
const COURT_LINK = 'https://ecf.ded.uscourts.gov/doc1/04305714362';

const forgedFromAttacker = NEF.replace(/^From:.*$/m, 'From: attacker@evil.example').replace(
  /https:\/\/ecf\.ded\.uscourts\.gov/g,
  'https://evil.example',
);
/** The court's From, but the relay's verdict is claimed under another server's name. */
const forgedVerdict = `Authentication-Results: mx.google.com; dkim=pass header.d=ded.uscourts.gov\r\n${NEF.replace(
  /https:\/\/ecf\.ded\.uscourts\.gov/g,
  'https://evil.example',
)}`;
const courts = `Authentication-Results: ${RELAY}; dkim=pass header.d=ded.uscourts.gov\r\n${NEF}`;

describe('a forged court notice (whole installation)', () => {
  it("changes nothing a subscriber receives; the court's own notice is alerted once, with the court's link", async () => {
    const t = await createTestDatabase();
    const alerts = new SmtpSink();
    const smtpUrl = await alerts.start();
    const prefix = testRedisPrefix();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-forged-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: cbv-chanbond
    name: CBV v. ChanBond
    dockets:
      - { court: ded, number: "1:21-cv-01456", caseName: "CBV, Inc. v. ChanBond, LLC" }
    subscriptions:
      - { email: lawyer@example.com }
mailboxes:
  - { kind: nef-email, address: nef@dw.test }
`,
    );
    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      INBOUND_SMTP_PORT: '0',
      INBOUND_TRUSTED_RELAYS: '127.0.0.1',
      INBOUND_RELAY_AUTHSERV_ID: RELAY,
      SCHEDULER_TICK_MS: '250',
      COALESCE_SECONDS: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
    };
    const runtime = new Runtime(loadConfig(env), ['scheduler', 'notifier', 'inbound']);
    try {
      await runtime.start();
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: runtime.inboundAddress!.port,
        secure: false,
        ignoreTLS: true,
      });
      const mail = (raw: string, from: string) => transport.sendMail({ envelope: { from, to: ['nef@dw.test'] }, raw });
      await mail(forgedFromAttacker, 'attacker@evil.example');
      await mail(forgedVerdict, 'ded_nefreply@ded.uscourts.gov');
      expect((await t.db.selectFrom('inbound_messages').select('status').orderBy('id').execute()).map((m) => m.status)).toEqual([
        'quarantined',
        'quarantined',
      ]);
      expect(await t.db.selectFrom('outbox_events').select('id').execute()).toEqual([]);

      await mail(courts, 'ded_nefreply@ded.uscourts.gov');
      transport.close();
      const [alert, ...more] = await alerts.waitForMailTo('lawyer@example.com');
      expect(more).toEqual([]);
      expect(alert!.text).toContain(COURT_LINK);
      expect(alert!.text).not.toContain('evil.example');
      // Everything queued has been sent: one event, one delivery, one message; nothing else is due.
      await eventually(
        async () => (await t.db.selectFrom('deliveries').select('status').execute()).every((d) => d.status === 'sent'),
        'the delivery to be sent',
      );
      expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(1);
      expect(await t.db.selectFrom('deliveries').select('id').execute()).toHaveLength(1);
      expect(alerts.messages).toHaveLength(1);
      const entries = await t.db.selectFrom('entries').select(['entry_number', 'document_url']).execute();
      expect(entries).toEqual([{ entry_number: '136', document_url: expect.stringMatching(/^https:\/\/ecf\.ded\.uscourts\.gov\//) }]);
    } finally {
      await runtime.stop();
      await alerts.stop();
      await t.drop();
      await deleteRedisPrefix(prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
