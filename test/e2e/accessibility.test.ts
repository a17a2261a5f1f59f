/// <reference lib="dom" />
/**
 * Every page of the web app, in Chromium at a phone's width (390 px) and a desktop's (1280 px):
 * axe-core finds no serious or critical violation, nothing scrolls sideways at either width, and each
 * page has its landmarks (header, nav, main), a skip link to main, a caption on every table and a
 * scope on every column header.
 *
 * The data is realistic and unkind: a matter over three courts with a press item, docket text of
 * several thousand characters, unbroken URLs and tokens hundreds of characters long, markup in
 * scraped text, a failing source with a long error, and a mail in the outbox. The subscription
 * pages are reached as a reader reaches them: the matter page's form, the confirmation mail caught
 * by a real SMTP server, its link, then the manage and unsubscribe links.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer, type ApiDeps } from '@docketwatch/api';
import { classifyEntry, signToken, type ParsedEntry } from '@docketwatch/core';
import {
  attachItem,
  createApiToken,
  getSource,
  insertLocalMail,
  recordPollFailure,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Source,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { EmailSender, manageLinkUrl, renderEntryEmail, withUnsubscribe } from '@docketwatch/notify';
import { createTestDatabase, launchChromium, localOnlyContext, SmtpSink, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(240_000);

const WIDTHS = [390, 1280] as const;
const READER = 'reader@example.com';
const LINK_SECRET = 'a11y-link-secret';
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
const LONG_URL = `https://ecf.mdd.uscourts.gov/doc1/095112270431?caseid=578815&de_seq_num=${'9'.repeat(180)}&magic_num=MAGIC`;
const LONG_TOKEN = 'ExhibitA-'.repeat(40);
/** A real order's length and shape: one paragraph after another, with a setting in the middle. */
const LONG_ORDER = Array.from(
  { length: 14 },
  (_, i) =>
    `${i + 1}. Defendants shall file a declaration from an individual with personal knowledge addressing the current ` +
    'physical location and custodial status of Abrego Garcia, what steps, if any, Defendants have taken to facilitate ' +
    'his immediate return to the United States, and what additional steps Defendants will take, and when.',
).join(' ');

/** A date this many days from now, as a court writes it (4/22/2026). */
function courtDate(daysFromNow: number): string {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

function entry(e: Partial<ParsedEntry> & Pick<ParsedEntry, 'filedAt' | 'description'>): ParsedEntry {
  return { entryNumber: null, shortDescription: '', documentUrl: null, pacerDocId: null, attachments: [], ...e };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** What the page's structure lacks: landmarks, skip link, table captions, header scopes. */
async function structureProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (!document.documentElement.lang) problems.push('no lang');
    for (const selector of ['body > header', 'header nav', 'main#main']) {
      if (!document.querySelector(selector)) problems.push(`no ${selector}`);
    }
    const skip = document.querySelector('body > a:first-child');
    if (skip?.getAttribute('href') !== '#main') problems.push('no skip link to main first in the page');
    document.querySelectorAll('table').forEach((table, i) => {
      if (!table.querySelector(':scope > caption')?.textContent?.trim()) problems.push(`table ${i} has no caption`);
      table.querySelectorAll('th:not([scope])').forEach((th) => problems.push(`th "${th.textContent?.trim()}" has no scope`));
    });
    return problems;
  });
}

/** axe-core's serious and critical findings on the page as it is now (the outbox's sandboxed message frame excluded: it runs no scripts). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], iframes: false });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('every page on a phone and with assistive technology', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let email: EmailSender;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  let mailId: number;
  let adminKey: string;
  let matterId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    const matter = await upsertMatter(db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      description: `Wrongful removal to El Salvador. ${HOSTILE}`,
      aliases: ['Abrego Garcia'],
    });
    matterId = matter.id;
    await upsertMatter(db, { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump', description: 'Removals under the Alien Enemies Act.' });
    await upsertMatter(db, { slug: `long-${'x'.repeat(60)}`, name: `In re ${LONG_TOKEN}`, description: LONG_URL });
    const mdd = await upsertDocket(db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      caseName: 'Abrego Garcia v. Noem',
    });
    const ca4 = await upsertDocket(db, { matterId: matter.id, court: 'ca4', docketNumber: '25-1345', caseName: 'Abrego Garcia v. Noem' });
    const mddRss = await upsertSource(db, {
      kind: 'pacer-rss',
      name: 'D. Md. CM/ECF RSS',
      address: 'http://127.0.0.1:9/mdd/rss',
      court: 'mdd',
      intervalSeconds: 300,
    });
    const press = await upsertSource(db, {
      kind: 'press-listing',
      name: 'DOJ OPA',
      address: 'http://127.0.0.1:9/opa',
      intervalSeconds: 900,
    });
    await storeDocketEntries(db, {
      sourceId: mddRss.id,
      docket: mdd,
      baseline: true,
      classify: classifyEntry,
      entries: [
        entry({ entryNumber: '1', filedAt: '2025-03-24T14:57:00-04:00', shortDescription: 'Complaint', description: 'COMPLAINT.' }),
        entry({
          entryNumber: '51',
          filedAt: '2025-04-10T18:12:00-04:00',
          shortDescription: `MEMORANDUM OPINION AND ORDER ${HOSTILE}`,
          description: `${LONG_ORDER} See ${LONG_URL} and ${LONG_TOKEN}.`,
          documentUrl: LONG_URL,
        }),
        entry({
          entryNumber: '60',
          filedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          shortDescription: 'Notice of Hearing',
          description: `NOTICE of Hearing: Motion Hearing set for ${courtDate(21)} 10:00 AM in Courtroom 3A before Judge Paula Xinis.`,
        }),
      ],
    });
    await storeDocketEntries(db, {
      sourceId: mddRss.id,
      docket: ca4,
      baseline: true,
      classify: classifyEntry,
      entries: [entry({ entryNumber: '8', filedAt: '2025-04-07T20:31:00-04:00', description: 'Order filed denying stay' })],
    });
    const item = await storeItem(db, {
      sourceId: press.id,
      item: {
        url: LONG_URL,
        title: `Statement on the Supreme Court Order ${HOSTILE}`,
        publishedAt: '2025-04-11',
        summary: `The Attorney General responds. ${LONG_TOKEN}`,
        text: '',
        publisher: 'U.S. Department of Justice',
        enclosures: [],
      },
    });
    await attachItem(db, { matterId: matter.id, itemId: item.id, reasons: [] });
    for (let i = 0; i < 3; i++) {
      const current = (await getSource(db, mddRss.id)) as Source;
      await recordPollFailure(db, current, { code: 'FETCH_HTTP_STATUS', message: `HTTP 503 from ${LONG_URL} ${HOSTILE}` });
    }
    const alert = withUnsubscribe(
      renderEntryEmail({
        kind: 'new',
        source: 'court',
        entryClass: 'order',
        matterName: 'Abrego Garcia v. Noem',
        matterUrl: 'http://127.0.0.1/matters/abrego-garcia',
        court: 'mdd',
        courtName: 'D. Md.',
        docketNumber: '8:25-cv-00951',
        caseName: 'Abrego Garcia v. Noem',
        entryNumber: '51',
        filedAt: '2025-04-10T18:12:00-04:00',
        shortDescription: 'MEMORANDUM OPINION AND ORDER',
        description: LONG_ORDER,
        documentUrl: LONG_URL,
      }),
      'http://127.0.0.1/u/x',
    );
    mailId = await insertLocalMail(db, {
      to: `${LONG_TOKEN}@example.com`,
      subject: alert.subject,
      text: alert.text,
      html: alert.html,
      headers: {},
    });
    adminKey = await createApiToken(db, 'a11y-admin');

    sink = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.example.test>', smtpUrl: await sink.start() });
    const deps: ApiDeps = {
      db,
      log: createLogger({ name: 'a11y', level: 'silent' }),
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: LINK_SECRET,
      rateLimits: { requestsPerMinute: 10_000, mailsPerAddressPerHour: 100, mailsPerClientPerHour: 100 },
      sendMail: async (to, mail) => void (await email.send({ ...mail, to, messageId: `<a11y-${Date.now()}@dw.example.test>` })),
    };
    app = buildServer(deps);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    deps.publicUrl = base;
    browser = await launchChromium();
    // The pages forbid scripts (CSP); axe is a tool the test brings, not part of the page.
    ({ context, blocked } = await localOnlyContext(browser, { bypassCSP: true }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await email?.close();
    await sink?.stop();
    await t?.drop();
  });

  const problems: Record<string, string[]> = {};

  /** Checks the page as it is now at every width, recording what is wrong under its name. */
  async function check(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const found = [...(await structureProblems(page)), ...(await seriousViolations(page))];
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) found.push(`scrolls sideways: ${scrollWidth}px wide`);
      if (found.length > 0) problems[`${name} at ${width}px`] = found;
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }

  async function open(page: Page, path: string, status = 200): Promise<void> {
    const response = await page.goto(`${base}${path}`);
    expect(`${path} ${response?.status()}`).toBe(`${path} ${status}`);
  }

  it('finds no serious or critical violation and no sideways scroll on any page', async () => {
    const page = await context.newPage();
    await open(page, '/');
    await check(page, 'home');
    await open(page, '/matters/abrego-garcia');
    await check(page, 'matter');
    await open(page, '/matters/abrego-garcia?class=order&court=mdd&tz=Europe/Berlin');
    await check(page, 'matter, filtered');
    await open(page, '/search?q=declaration');
    await check(page, 'search results');
    await open(page, '/search');
    await check(page, 'search form');
    await open(page, '/no-such-page', 404);
    await check(page, 'not found');
    await open(page, '/matters/no-such-matter', 404);
    await check(page, 'no such matter');

    // Subscribing as a reader does: the matter page's form, the answer, the mailed link, confirmed.
    await open(page, '/matters/abrego-garcia');
    await page.getByLabel('E-mail address').fill(READER);
    await page.getByRole('button', { name: 'Ask for alerts' }).click();
    await page.waitForURL(`${base}/subscribe`);
    await check(page, 'subscribe answer');
    const confirmation = (await sink.waitForMailTo(READER))[0]!;
    const confirmUrl = /Confirm: (\S+)/.exec(confirmation.text ?? '')![1]!;
    await page.goto(confirmUrl);
    await check(page, 'confirm');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(confirmUrl);
    await check(page, 'confirmed');
    const subscriptionId = await subscriptionOf(READER);
    await page.goto(manageLinkUrl(base, LINK_SECRET, subscriptionId));
    await check(page, 'manage');
    await open(page, '/manage');
    await check(page, 'manage link request');
    await open(page, `/u/${signToken(LINK_SECRET, 'unsubscribe', subscriptionId)}`);
    await check(page, 'unsubscribe');

    await open(page, '/admin/login');
    await check(page, 'sign-in');
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/outbox`);
    await check(page, 'outbox');
    await open(page, `/outbox/${mailId}`);
    await check(page, 'outbox message');
    await open(page, '/sources');
    await check(page, 'sources');
    for (const path of ['/admin/matters', `/admin/matters/${matterId}`, '/admin/sources', '/admin/inbound', '/admin/deliveries']) {
      await open(page, path);
      await check(page, path);
    }
    await page.close();

    expect(problems).toEqual({});
    expect(blocked).toEqual([]);
  });

  /** The reader's subscription, as the confirmation made it (tests may read tables directly). */
  async function subscriptionOf(address: string): Promise<number> {
    const row = await t.db.selectFrom('subscriptions').select('id').where('target', '=', address).executeTakeFirstOrThrow();
    return row.id;
  }

  it('reaches the skip link with the first Tab, and it moves focus to the content', async () => {
    const page = await context.newPage();
    await open(page, '/matters/abrego-garcia');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('shows each matter on the home page with its latest activity, counts and next hearing', async () => {
    const page = await context.newPage();
    await open(page, '/');
    const row = page.locator('main tbody tr').filter({ hasText: 'Abrego Garcia v. Noem' });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells[1]).toContain('Notice of Hearing');
    expect(cells[1]).toContain('#60');
    expect(cells.slice(2, 4)).toEqual(['4', '1']);
    expect(cells[4]).toMatch(/^Motion Hearing, \w{3}, \w{3} \d{1,2}, \d{4}, 10:00 AM E[DS]T \(D\. Md\. 8:25-cv-00951\)$/);
    const quiet = (await page.locator('main tbody tr').filter({ hasText: 'J.G.G. v. Trump' }).locator('td').allTextContents()).map((c) =>
      c.replace(/\s+/g, ' ').trim(),
    );
    expect(quiet.slice(1)).toEqual(['Nothing yet', '0', '0', 'None scheduled']);
    await page.close();
  });
});
