/**
 * The web UI in a real browser: the API listens on 127.0.0.1 over a seeded database and a headless
 * Chromium (the system one, see test/support/browser.ts) reads the pages as a user would.
 *
 * What it proves: the matters page lists and links the matters; a matter's timeline merges the
 * entries of three courts and a press item newest first, with class badges; scraped text that is
 * markup (an <img onerror>, a <script>, a javascript: URL) is shown as text, runs nothing and links
 * nowhere, without the page's CSP having anything to block; the outbox shows a local mail whose HTML
 * body is rendered in a sandboxed frame where scripts do not run; /sources shows health badges; and
 * no page asks for anything beyond 127.0.0.1.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer, type ApiDeps } from '@docketwatch/api';
import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import {
  attachItem,
  createApiToken,
  getSource,
  insertLocalMail,
  recordPollFailure,
  recordPollSuccess,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Source,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { renderEntryEmail, withUnsubscribe } from '@docketwatch/notify';
import { createTestDatabase, launchChromium, localOnlyContext, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';
const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_URL = 'javascript:window.__pwned=1';
const TRO_URL = 'https://ecf.mdd.uscourts.gov/doc1/095112270431';

/** Records CSP violations in every page, so a test can show that nothing needed blocking. */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

function entry(e: Partial<ParsedEntry> & Pick<ParsedEntry, 'filedAt' | 'description'>): ParsedEntry {
  return { entryNumber: null, shortDescription: '', documentUrl: null, pacerDocId: null, attachments: [], ...e };
}

/** One timeline row as the reader sees it: date, where, entry number, class badge, text. */
interface Row {
  date: string;
  where: string;
  number: string;
  badge: string;
  what: string;
}

async function timelineRows(page: Page): Promise<Row[]> {
  const rows = page.locator('main table tr').filter({ has: page.locator('td') });
  const out: Row[] = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator('td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    out.push({
      date: cells[0] ?? '',
      where: cells[1] ?? '',
      number: cells[2] ?? '',
      badge: (await row.locator('td .badge').first().textContent()) ?? '',
      what: cells[3] ?? '',
    });
  }
  return out;
}

describe('the web UI in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  let mailId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;

    const matter = await upsertMatter(db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      description: 'Wrongful removal to El Salvador.',
      aliases: ['Abrego Garcia'],
    });
    await upsertMatter(db, { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump', description: 'Removals under the Alien Enemies Act.' });
    const mdd = await upsertDocket(db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      pacerCaseId: '578815',
      caseName: 'Abrego Garcia v. Noem',
    });
    const ca4 = await upsertDocket(db, {
      matterId: matter.id,
      court: 'ca4',
      docketNumber: '25-1345',
      caseName: 'Kilmar Abrego Garcia v. Kristi Noem',
    });
    const scotus = await upsertDocket(db, {
      matterId: matter.id,
      court: 'scotus',
      docketNumber: '24A949',
      caseName: 'Noem v. Abrego Garcia',
    });

    const mddRss = await upsertSource(db, {
      kind: 'pacer-rss',
      name: 'D. Md. CM/ECF RSS',
      address: 'http://127.0.0.1:9/mdd/rss',
      court: 'mdd',
      intervalSeconds: 300,
    });
    const ca4Rss = await upsertSource(db, {
      kind: 'pacer-rss',
      name: '4th Cir. CM/ECF RSS',
      address: 'http://127.0.0.1:9/ca4/rss',
      court: 'ca4',
      intervalSeconds: 300,
    });
    const scotusDocket = await upsertSource(db, {
      kind: 'scotus-docket',
      name: 'Supreme Court docket 24A949',
      address: 'http://127.0.0.1:9/scotus/24A949.json',
      docketId: scotus.id,
      intervalSeconds: 600,
    });
    const press = await upsertSource(db, {
      kind: 'press-listing',
      name: 'DOJ Office of Public Affairs',
      address: 'http://127.0.0.1:9/opa/pr',
      intervalSeconds: 900,
    });

    const store = (sourceId: number, docket: typeof mdd, entries: ParsedEntry[]) =>
      storeDocketEntries(db, { sourceId, docket, entries, baseline: true, classify: classifyEntry });
    // Stored out of order: the page orders by filing time, not by insertion.
    await store(mddRss.id, mdd, [
      entry({
        entryNumber: '31',
        filedAt: '2025-04-04T16:39:00-04:00',
        shortDescription: 'Order on Motion for TRO',
        description: 'ORDER granting Motion for Temporary Restraining Order. Signed by Judge Paula Xinis on 4/4/2025.',
        documentUrl: TRO_URL,
      }),
      entry({
        entryNumber: '45',
        filedAt: '2025-04-10T09:12:00-04:00',
        shortDescription: 'Motion to Compel',
        description: `MOTION to Compel compliance ${HOSTILE_IMG} filed by Kilmar Armando Abrego Garcia.`,
        documentUrl: HOSTILE_URL,
      }),
      entry({
        entryNumber: '1',
        filedAt: '2025-03-24T14:57:00-04:00',
        shortDescription: 'Complaint',
        description: 'COMPLAINT against Kristi Noem, Todd Lyons, filed by Kilmar Armando Abrego Garcia.',
      }),
      entry({
        entryNumber: '2',
        filedAt: '2025-03-25',
        shortDescription: 'Summons Issued',
        description: 'Summons Issued 60 days as to Kristi Noem.',
      }),
      entry({
        entryNumber: '32',
        filedAt: '2025-04-04T18:02:00-04:00',
        shortDescription: 'Notice of Appeal',
        description: 'NOTICE OF APPEAL as to 31 Order on Motion for TRO by Kristi Noem.',
      }),
    ]);
    const item = await storeItem(db, {
      sourceId: press.id,
      item: {
        url: HOSTILE_URL,
        title: `Statement on the Supreme Court Order in Noem v. Abrego Garcia ${HOSTILE_SCRIPT}`,
        publishedAt: '2025-04-11',
        summary: `The Attorney General responds ${HOSTILE_IMG}`,
        text: `Full text ${HOSTILE_SCRIPT}`,
        publisher: 'U.S. Department of Justice',
        enclosures: [],
      },
    });
    await attachItem(db, {
      matterId: matter.id,
      itemId: item.id,
      reasons: [{ kind: 'alias', value: 'Abrego Garcia', excerpt: 'Noem v. Abrego Garcia' }],
    });
    await store(scotusDocket.id, scotus, [
      entry({ filedAt: '2025-04-09', description: 'Application (24A949) referred to the Court.' }),
      entry({
        filedAt: '2025-04-07',
        description:
          'Application (24A949) to vacate the injunction entered by the United States District Court for the District of Maryland, submitted to The Chief Justice.',
      }),
    ]);
    await store(ca4Rss.id, ca4, [
      entry({ entryNumber: '8', filedAt: '2025-04-07T20:31:00-04:00', description: 'Order filed denying stay' }),
    ]);

    // Health: the D. Md. feed answers, the 4th Cir. feed failed once, the Supreme Court docket five
    // times in a row; the press room has not been polled yet.
    await recordPollSuccess(db, mddRss, { etag: '"a1"' });
    await recordPollFailure(db, ca4Rss, { code: 'FETCH_TIMEOUT', message: 'no answer within 20000 ms' });
    for (let i = 0; i < 5; i++) {
      const current = (await getSource(db, scotusDocket.id)) as Source;
      await recordPollFailure(db, current, { code: 'FETCH_HTTP_STATUS', message: 'HTTP 503 Service Unavailable' });
    }

    // An alert as the notifier keeps it in local mode, its body rendered by the real renderer; then a
    // probe and a raw script appended, as if a message carried markup no renderer escaped.
    const rendered = withUnsubscribe(
      renderEntryEmail({
        kind: 'new',
        source: 'court',
        entryClass: 'order',
        matterName: 'Abrego Garcia v. Noem',
        matterUrl: 'http://127.0.0.1:3000/matters/abrego-garcia',
        court: 'mdd',
        courtName: 'D. Md.',
        docketNumber: '8:25-cv-00951',
        caseName: 'Abrego Garcia v. Noem',
        entryNumber: '31',
        filedAt: '2025-04-04T16:39:00-04:00',
        shortDescription: 'ORDER granting Motion for Temporary Restraining Order',
        description: `ORDER granting Motion for Temporary Restraining Order. ${HOSTILE_SCRIPT}`,
        documentUrl: TRO_URL,
      }),
      'http://127.0.0.1:3000/unsubscribe/x',
    );
    mailId = await insertLocalMail(db, {
      to: 'lawyer@example.com',
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html.replace(
        '</body>',
        '<p id="probe">static</p><script>document.getElementById("probe").textContent="script ran";parent.__pwned=1</script></body>',
      ),
      headers: {},
    });

    const deps: ApiDeps = {
      db,
      log: createLogger({ name: 't', level: 'silent' }),
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'x',
    };
    app = buildServer(deps);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    deps.publicUrl = base;

    browser = await launchChromium();
    ({ context, blocked } = await localOnlyContext(browser, { viewport: { width: 1100, height: 900 } }));
    await context.addInitScript(RECORD_CSP_VIOLATIONS);

    // The outbox and source health are for admins: this browser signs in once, with an admin key.
    const signIn = await context.newPage();
    await signIn.goto(`${base}/admin/login`);
    await signIn.getByLabel('Admin key').fill(await createApiToken(db, 'admin'));
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.waitForURL(`${base}/outbox`);
    await signIn.close();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await t?.drop();
  });

  let page: Page;
  beforeEach(async () => {
    page = await context.newPage();
  });
  afterEach(async () => {
    await page.close();
  });

  it('lists the matters and links each to its timeline', async () => {
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Matters · docketwatch');
    const links = page.locator('main table a');
    expect(await links.allTextContents()).toEqual(['Abrego Garcia v. Noem', 'J.G.G. v. Trump']);
    expect(await page.locator('main').textContent()).toContain('Wrongful removal to El Salvador.');

    await page.getByRole('link', { name: 'Abrego Garcia v. Noem' }).click();
    await page.waitForURL(`${base}/matters/abrego-garcia`);
    expect(await page.locator('h1').textContent()).toBe('Abrego Garcia v. Noem');
  });

  it('shows one timeline across three courts and the press, newest first, with class badges', async () => {
    const response = await page.goto(`${base}/matters/abrego-garcia`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect((await page.locator('main ul.dockets .badge').allTextContents()).map((s) => s.trim())).toEqual([
      '4th Cir. 25-1345',
      'D. Md. 8:25-cv-00951',
      'Supreme Court 24A949',
    ]);

    const rows = await timelineRows(page);
    expect(rows.map(({ date, where, number, badge }) => [date, where, number, badge])).toEqual([
      ['Apr 11, 2025', 'U.S. Department of Justice', '', 'press'],
      ['Apr 10, 2025, 9:12 AM EDT', 'D. Md. 8:25-cv-00951', '45', 'motion'],
      ['Apr 9, 2025', 'Supreme Court 24A949', '', 'routine'],
      ['Apr 7, 2025, 8:31 PM EDT', '4th Cir. 25-1345', '8', 'order'],
      ['Apr 7, 2025', 'Supreme Court 24A949', '', 'motion'],
      ['Apr 4, 2025, 6:02 PM EDT', 'D. Md. 8:25-cv-00951', '32', 'notice'],
      ['Apr 4, 2025, 4:39 PM EDT', 'D. Md. 8:25-cv-00951', '31', 'order'],
      ['Mar 25, 2025', 'D. Md. 8:25-cv-00951', '2', 'routine'],
      ['Mar 24, 2025, 2:57 PM EDT', 'D. Md. 8:25-cv-00951', '1', 'brief'],
    ]);
    expect(rows[3]!.what).toContain('Order filed denying stay');
    expect(rows[4]!.what).toContain('Application (24A949) to vacate the injunction');
    expect(rows[6]!.what).toContain('ORDER granting Motion for Temporary Restraining Order');

    // A document link to the court is a link; the first-seen column names the source.
    const tro = page.locator('main table tr').filter({ hasText: 'Order on Motion for TRO' });
    expect(await tro.locator('a').getAttribute('href')).toBe(TRO_URL);
    expect(await tro.locator('td').last().textContent()).toContain('D. Md. CM/ECF RSS');
  });

  it('shows hostile scraped text as text: no script runs and a javascript: URL is no link', async () => {
    await page.goto(`${base}/matters/abrego-garcia`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(`Statement on the Supreme Court Order in Noem v. Abrego Garcia ${HOSTILE_SCRIPT}`);
    expect(main).toContain(`The Attorney General responds ${HOSTILE_IMG}`);
    expect(main).toContain(`MOTION to Compel compliance ${HOSTILE_IMG}`);

    // Our one script (the time-zone picker, /assets/time-zone.js) is the only script element there is.
    expect(await page.locator('main script:not([src="/assets/time-zone.js"]), main img, main [onerror]').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    // Escaping alone kept it inert: the CSP (the second line of defence) had nothing to block.
    expect(await page.evaluate('window.__cspViolations')).toEqual([]);

    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    const pressRow = page.locator('main table tr').filter({ hasText: 'Statement on the Supreme Court Order' });
    expect(await pressRow.locator('a').count()).toBe(0);
    expect(await pressRow.locator('.badge').textContent()).toBe('press');
    const motionRow = page.locator('main table tr').filter({ hasText: 'Motion to Compel' });
    expect(await motionRow.locator('a').count()).toBe(0);
  });

  it('lists local mail in the outbox and shows its HTML in a sandboxed frame where scripts do not run', async () => {
    await page.goto(`${base}/outbox`);
    expect(await page.locator('main').textContent()).toContain('No SMTP_URL is set');
    const row = page.locator('main table tr').filter({ hasText: 'lawyer@example.com' });
    expect(await row.count()).toBe(1);
    const subject = row.locator('a');
    expect(await subject.textContent()).toBe(
      '[Abrego Garcia v. Noem] ORDER granting Motion for Temporary Restraining Order (D. Md. 8:25-cv-00951 #31)',
    );

    const blockedScript = page.waitForEvent('console', (m) => /Blocked script execution.*sandboxed/i.test(m.text()));
    await subject.click();
    await page.waitForURL(`${base}/outbox/${mailId}`);

    const frameElement = page.locator('iframe[title="message"]');
    // No allow-scripts, no allow-same-origin: only its links may open, in a tab of their own.
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await frameElement.getAttribute('src')).toBe(`/outbox/${mailId}/html`);

    const frame = page.frameLocator('iframe[title="message"]');
    await frame.locator('h2').waitFor();
    expect(await frame.locator('h2').textContent()).toBe('ORDER granting Motion for Temporary Restraining Order');
    expect(await frame.locator('a', { hasText: 'Open the document' }).getAttribute('href')).toBe(TRO_URL);
    // The renderer escaped the scraped <script>; the raw one appended to the body was blocked.
    expect(await frame.locator('body').textContent()).toContain(HOSTILE_SCRIPT);
    await blockedScript;
    expect(await frame.locator('#probe').textContent()).toBe('static');
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');

    expect(await page.locator('main pre').textContent()).toContain(`Document: ${TRO_URL}`);
  });

  it('shows each source with its health badge', async () => {
    await page.goto(`${base}/sources`);
    const rows = page.locator('main table tr').filter({ has: page.locator('td') });
    const health: Record<string, string> = {};
    for (const row of await rows.all()) {
      const name = ((await row.locator('td').first().textContent()) ?? '').trim().split('\n')[0]!.trim();
      const badge = row.locator('.badge');
      const text = ((await badge.textContent()) ?? '').trim();
      expect(await badge.getAttribute('class')).toBe(`badge ${text}`);
      health[name] = text;
    }
    expect(health).toEqual({
      'D. Md. CM/ECF RSS': 'ok',
      '4th Cir. CM/ECF RSS': 'degraded',
      'Supreme Court docket 24A949': 'failing',
      'DOJ Office of Public Affairs': 'new',
    });
    // Each health has its own colour (the page's inline style applies under its CSP).
    const colours = await page.evaluate(
      `['ok', 'degraded', 'failing', 'new'].map((h) => getComputedStyle(document.querySelector('.badge.' + h)).backgroundColor)`,
    );
    expect(colours).toEqual(['rgb(218, 242, 220)', 'rgb(255, 241, 194)', 'rgb(249, 212, 212)', 'rgb(238, 238, 238)']);
    const failing = page.locator('main table tr').filter({ hasText: 'Supreme Court docket 24A949' });
    expect(await failing.textContent()).toContain('FETCH_HTTP_STATUS HTTP 503 Service Unavailable');
    // How often each is read: its own interval (CourtListener sources would show their share of the budget).
    const checked = await page.locator('main table td[data-label="Checked"]').allTextContents();
    expect(checked.map((t) => t.trim())).toEqual(['every 5 min', 'every 5 min', 'every 10 min', 'every 15 min']);
  });

  it('asks for nothing outside 127.0.0.1 on any page (fonts, scripts, images, trackers)', async () => {
    const before = blocked.length;
    const asked: string[] = [];
    page.on('request', (req) => asked.push(req.url()));
    for (const path of ['/', '/matters/abrego-garcia', '/matters/jgg-v-trump', '/sources', '/outbox']) {
      const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
    }
    expect(asked.length).toBeGreaterThanOrEqual(5);
    expect(blocked.slice(before)).toEqual([]);
  });
});
