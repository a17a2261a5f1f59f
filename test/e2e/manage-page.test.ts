/**
 * The manage page in a real browser: a reader asks for alerts, confirms in Chromium, gets an order
 * alert by mail (real SMTP server), opens the manage link that alert carries, turns orders off, and
 * the next alerts follow: an opinion arrives, an order does not.
 *
 * The API listens on 127.0.0.1 over a fresh database; alerts go through the notifier's own fan-out
 * and deliver steps and the real EmailSender to an SmtpSink; Chromium is Debian's (test/support/browser.ts).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildServer, type ApiDeps } from '@docketwatch/api';
import { classifyEntry } from '@docketwatch/core';
import {
  fanOutPendingEvents,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Docket,
  type Source,
} from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds } from '@docketwatch/notify';
import { deliver, type DeliverDeps } from '@docketwatch/notifier';
import { createTestDatabase, launchChromium, localOnlyContext, SmtpSink, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

const READER = 'reader@example.com';

describe('the manage page in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let email: EmailSender;
  let http: HttpClient;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  let docket: Docket;
  let source: Source;
  let origin: string;
  let entryNumber = 0;
  const log = createLogger({ name: 'test', level: 'silent' });

  /** A new docket entry, through fan-out and the notifier's deliver step, as the running notifier would. */
  async function fileAndDeliver(text: string): Promise<void> {
    entryNumber += 1;
    await storeDocketEntries(t.db, {
      sourceId: source.id,
      docket,
      entries: [
        {
          entryNumber: String(entryNumber),
          filedAt: '2025-04-10T10:00:00-04:00',
          shortDescription: text,
          description: '',
          documentUrl: null,
          pacerDocId: null,
          attachments: [],
        },
      ],
      baseline: false,
      classify: classifyEntry,
    });
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    const deps: DeliverDeps = {
      db: t.db,
      services: { http, mail: email, mailDomain: 'dw.example.test' },
      log,
      publicUrl: origin,
      linkSecret: 'e2e-link-secret',
      leaseSeconds: 60,
      maxAttempts: 3,
    };
    for (const id of deliveryIds) await deliver(deps, id);
  }

  /** Alerts (Message-ID per delivery), not the account mail (confirmation, manage link). */
  const alertsTo = (address: string): ParsedMail[] =>
    sink.messages.filter((m) => JSON.stringify(m.to).includes(address) && m.messageId?.startsWith('<delivery-'));

  beforeAll(async () => {
    t = await createTestDatabase();
    sink = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.example.test>', smtpUrl: await sink.start() });
    http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)' });
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' });
    docket = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      caseName: 'Abrego Garcia v. Noem',
    });
    source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Md. RSS',
      address: 'http://127.0.0.1:9/rss',
      court: 'mdd',
      intervalSeconds: 300,
    });
    const deps: ApiDeps = {
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'smtp',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'e2e-link-secret',
      sendMail: async (to, mail) => void (await email.send({ ...mail, to, messageId: `<account-${Date.now()}@dw.example.test>` })),
    };
    app = buildServer(deps);
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Links in mail point at the address the reader's browser uses (routes read it per request).
    deps.publicUrl = origin;
    browser = await launchChromium();
    ({ context, blocked } = await localOnlyContext(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await email?.close();
    await http?.close();
    await sink?.stop();
    await t?.drop();
  });

  it('confirms, opens the manage link from an alert, turns orders off, and later alerts follow', async () => {
    const asked = await fetch(`${origin}/api/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ matter: 'abrego-garcia', channel: 'email', target: READER }),
    });
    expect(asked.status).toBe(202);

    const page = await context.newPage();
    const confirmation = (await sink.waitForMailTo(READER))[0]!;
    const confirmUrl = /Confirm: (\S+)/.exec(confirmation.text ?? '')![1]!;
    await page.goto(confirmUrl);
    expect(await page.locator('main').textContent()).toContain('Alerts about Abrego Garcia v. Noem');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(confirmUrl);
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');

    await fileAndDeliver('ORDER granting motion to expedite');
    const [firstAlert] = alertsTo(READER);
    expect(firstAlert?.subject).toContain('ORDER granting motion to expedite');
    // The one-click unsubscribe stays beside the manage link.
    expect(firstAlert!.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const manageUrl = /Manage your alerts: (\S+)/.exec(firstAlert!.text ?? '')?.[1];
    expect(manageUrl).toMatch(new RegExp(`^${origin}/manage/`));
    expect(firstAlert!.html).toContain(`href="${manageUrl}"`);

    await page.goto(manageUrl!);
    expect(await page.locator('h1').textContent()).toBe(`Alerts for ${READER}`);
    expect(await page.locator('main h2').textContent()).toBe('Abrego Garcia v. Noem');
    const orders = page.getByRole('checkbox', { name: 'order', exact: true });
    expect(await orders.isChecked()).toBe(true);
    await orders.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(manageUrl!);
    expect(await page.getByRole('checkbox', { name: 'order', exact: true }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'opinion', exact: true }).isChecked()).toBe(true);

    await fileAndDeliver('ORDER setting a status conference');
    await fileAndDeliver('MEMORANDUM OPINION on the motion for a preliminary injunction');
    const later = alertsTo(READER).slice(1);
    expect(later.map((m) => m.subject)).toEqual([expect.stringContaining('MEMORANDUM OPINION')]);
    expect(blocked).toEqual([]);
  });
});
