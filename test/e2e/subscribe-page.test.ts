/**
 * A reader in a real browser: subscribes from a matter's page with the form (only orders), gets
 * the confirmation from a real SMTP server, confirms, receives an order and not an opinion, then
 * leaves with the one-click unsubscribe a mail client sends. And the matter page itself: pages of
 * the timeline that neither skip nor repeat, its filters, and times in the zone the reader picks.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer, type ApiDeps } from '@docketwatch/api';
import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
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
import { deliver } from '@docketwatch/notifier';
import { createTestDatabase, launchChromium, localOnlyContext, SmtpSink, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

describe('subscribing from a matter page, in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let email: EmailSender;
  let http: HttpClient;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  let source: Source;
  let origin: string;
  let n = 0;
  const log = createLogger({ name: 'test', level: 'silent' });

  const entry = (shortDescription: string, filedAt = '2025-04-10T10:00:00-04:00'): ParsedEntry => {
    n += 1;
    return { entryNumber: String(n), filedAt, shortDescription, description: '', documentUrl: null, pacerDocId: null, attachments: [] };
  };

  /** New entries through fan-out and the notifier's deliver step, as the running notifier would. */
  async function fileAndDeliver(docket: Docket, entries: ParsedEntry[]): Promise<void> {
    await storeDocketEntries(t.db, { sourceId: source.id, docket, entries, baseline: false, classify: classifyEntry });
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 1000 });
    const deps = {
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

  const alertsTo = (address: string): ParsedMail[] =>
    sink.messages.filter((m) => JSON.stringify(m.to).includes(address) && m.messageId?.startsWith('<delivery-'));

  async function matterWithDocket(slug: string): Promise<Docket> {
    const matter = await upsertMatter(t.db, { slug, name: `Matter ${slug}` });
    return upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: `8:25-cv-${String(100 + n).padStart(5, '0')}` });
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    sink = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.example.test>', smtpUrl: await sink.start() });
    http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)' });
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
      sendMail: async (to, mail) =>
        void (await email.send({ ...mail, to, messageId: `<account-${Date.now()}-${Math.random()}@dw.example.test>` })),
    };
    app = buildServer(deps);
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
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

  let page: Page;
  beforeEach(async () => {
    page = await context.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  it('subscribes with the form, confirms, gets only what it asked for, and leaves in one click', async () => {
    const docket = await matterWithDocket('form-reader');
    const reader = 'form.reader@example.com';
    await page.goto(`${origin}/matters/form-reader`);
    const form = page.locator('form.subscribe');
    await form.getByLabel('E-mail address').fill(reader);
    await form.getByRole('checkbox', { name: 'order', exact: true }).check();
    await form.getByRole('button', { name: 'Ask for alerts' }).click();
    await page.waitForURL(`${origin}/subscribe`);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');

    const confirmation = (await sink.waitForMailTo(reader))[0]!;
    const confirmUrl = /Confirm: (\S+)/.exec(confirmation.text ?? '')![1]!;
    await page.goto(confirmUrl);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(confirmUrl);
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');

    await fileAndDeliver(docket, [entry('ORDER granting motion to expedite'), entry('MEMORANDUM OPINION on the motion')]);
    expect(alertsTo(reader).map((m) => m.subject)).toEqual([expect.stringContaining('ORDER granting motion to expedite')]);

    // What a mail client does with List-Unsubscribe-Post: POST the link, no cookies, no token.
    const header = alertsTo(reader)[0]!.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const link = /<([^>]+)>/.exec(header)![1]!;
    const left = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(left.status).toBe(200);
    await fileAndDeliver(docket, [entry('ORDER setting a hearing')]);
    expect(alertsTo(reader)).toHaveLength(1);
    expect(blocked).toEqual([]);
  });

  it('defaults its zone pickers to the browser’s own zone, and keeps a zone the reader chose', async () => {
    await matterWithDocket('zones');
    const { context: chicago } = await localOnlyContext(browser, { timezoneId: 'America/Chicago' });
    try {
      const there = await chicago.newPage();
      await there.goto(`${origin}/matters/zones`);
      expect(await there.locator('form.subscribe select[name="timeZone"]').inputValue()).toBe('America/Chicago');
      expect(await there.locator('form.filters select[name="tz"]').inputValue()).toBe('America/Chicago');
      await there.goto(`${origin}/matters/zones?tz=Asia%2FTokyo`);
      expect(await there.locator('form.filters select[name="tz"]').inputValue()).toBe('Asia/Tokyo');
      expect(await there.locator('main table caption').textContent()).toContain('Asia/Tokyo');
    } finally {
      await chicago.close();
    }
  });

  it('pages through a long timeline without skipping or repeating, filters it, and shows the chosen zone', async () => {
    const docket = await matterWithDocket('long-timeline');
    // 130 entries on five days: many share a date, the case keyset paging must get right.
    const days = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14'];
    await storeDocketEntries(t.db, {
      sourceId: source.id,
      docket,
      baseline: true,
      classify: classifyEntry,
      entries: Array.from({ length: 130 }, (_, i) => entry(i % 10 === 0 ? `ORDER ${i}` : `NOTICE ${i}`, days[i % 5])),
    });
    const seen: string[] = [];
    await page.goto(`${origin}/matters/long-timeline`);
    for (;;) {
      seen.push(...(await page.locator('main table tr td:nth-child(3)').allTextContents()));
      const older = page.getByRole('link', { name: 'Older entries' });
      if ((await older.count()) === 0) break;
      await older.click();
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);

    await page.goto(`${origin}/matters/long-timeline`);
    await page.locator('form.filters').getByRole('checkbox', { name: 'order', exact: true }).check();
    await page.locator('form.filters select[name="tz"]').selectOption('Europe/Berlin');
    await page.locator('form.filters').getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/class=order/);
    expect(await page.locator('main table caption').textContent()).toContain('Europe/Berlin');
    const classes = await page.locator('main table tr td:nth-child(4) .badge').allTextContents();
    expect(classes).toHaveLength(13);
    expect(new Set(classes)).toEqual(new Set(['order']));

    await page.goto(`${origin}/matters/long-timeline`);
    await page.locator('form.filters input[name="from"]').fill('2025-03-11');
    await page.locator('form.filters input[name="to"]').fill('2025-03-12');
    await page.locator('form.filters').getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2025-03-11/);
    // 26 entries a day, two days: every one of them, and nothing from another day.
    expect(await page.locator('main table tbody tr').count()).toBe(52);
  });
});
