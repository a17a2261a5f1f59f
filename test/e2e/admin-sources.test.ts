/**
 * An operator in Chromium, from the printed one-time link and touching no file or shell: adds a
 * matter and its docket, adds a source watching a court page (a local stand-in court), polls it now
 * and reads its health change: failing while the court answers 503, ok once it answers.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer, OneTimeLogins, type ApiDeps } from '@docketwatch/api';
import { listSources } from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { pollSource } from '@docketwatch/poller';
import { createTestDatabase, HttpStandIn, launchChromium, localOnlyContext, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

const STATEMENT = `<!doctype html><html><body><main><h1>Court statement</h1>
<p>The hearing on the motion for a temporary restraining order is set for May 9, 2025.</p></main></body></html>`;

describe('an admin adds a matter and a source and polls it, in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let court: HttpStandIn;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  const logins = new OneTimeLogins();

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    await court.start();
    const log = createLogger({ name: 't', level: 'silent' });
    // The stand-in court is on 127.0.0.1, as ALLOW_PRIVATE_ADDRESSES lets a test reach it.
    const http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true });
    const deps: ApiDeps = {
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'admin-sources-secret',
      adminLogins: logins,
      // What a poller does with the queued job, done here so the page after it shows the outcome.
      pollNow: async (sourceId) => void (await pollSource({ db: t.db, http, log }, sourceId)),
    };
    app = buildServer(deps);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    ({ context, blocked } = await localOnlyContext(browser, { viewport: { width: 1280, height: 900 } }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await court?.stop();
    await t?.drop();
  });

  async function healthOf(page: Page, sourceId: number): Promise<string> {
    return (await page.locator(`#source-${sourceId} .badge`).textContent())!.trim();
  }

  it('adds a matter, a docket and a page-watch source, polls it and sees its health change', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/admin/login/${logins.issue()}`);
    await page.goto(`${base}/admin/matters`);
    await page.locator('#f-slug').fill('aea-removals');
    await page.locator('#f-name').fill('J.G.G. v. Trump');
    await page.locator('#f-aliases').fill('Alien Enemies Act removals');
    await page.getByRole('button', { name: 'Add matter' }).click();
    await page.waitForURL(/\/admin\/matters\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('J.G.G. v. Trump');

    await page.locator('#f-court').fill('dcd');
    await page.locator('#f-number').fill('1:25-cv-00766');
    await page.getByRole('button', { name: 'Add docket' }).click();
    expect(await page.locator('main table').first().textContent()).toContain('1:25-cv-00766');

    court.set('/statement', { status: 503, body: 'busy' });
    await page.goto(`${base}/admin/sources`);
    await page.locator('#f-form').selectOption('pages:page-watch');
    await page.locator('#f-name').fill('D.D.C. statement');
    await page.locator('#f-url').fill(`${court.url}/statement`);
    await page.locator('#f-selector').fill('main');
    await page.locator('#f-every').fill('not often');
    await page.getByRole('button', { name: 'Add source' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('not a duration');

    await page.locator('#f-every').fill('1h');
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.waitForURL(/\/admin\/sources#source-\d+$/);
    const [source] = await listSources(t.db);
    expect(source).toMatchObject({ kind: 'page-watch', interval_seconds: 3600, config: { selector: 'main' } });
    expect(await healthOf(page, source!.id)).toBe('new');

    await page.locator(`#source-${source!.id}`).getByRole('button', { name: 'Poll now' }).click();
    expect(await page.locator('h1').textContent()).toBe('Poll queued');
    await page.getByRole('link', { name: 'See its health' }).click();
    expect(await healthOf(page, source!.id)).not.toMatch(/^(new|ok)$/);
    expect(await page.locator(`#source-${source!.id}`).textContent()).toContain('503');

    court.set('/statement', { body: STATEMENT, contentType: 'text/html; charset=utf-8' });
    await page.locator(`#source-${source!.id}`).getByRole('button', { name: 'Poll now' }).click();
    await page.getByRole('link', { name: 'See its health' }).click();
    expect(await healthOf(page, source!.id)).toBe('ok');
    // Its recent polls, newest first: the one that found the page, then the 503.
    const polls = await page.locator(`#source-${source!.id} td[data-label="Recent polls"] li`).allTextContents();
    expect(polls).toHaveLength(2);
    expect(polls[0]).toMatch(/stored/);
    expect(polls[1]).toMatch(/FETCH_HTTP_STATUS/);
    expect(court.requestsTo('/statement')).toHaveLength(2);
    expect(blocked).toEqual([]);
  });
});
