/**
 * An admin in Chromium: the outbox sends a stranger to sign-in; the admin signs in with an admin
 * key, opens a mail in the outbox, and follows a link in it, which opens in a new tab at the address
 * the server is on (the issue: the viewer's sandboxed frame broke every link it showed). Signing out
 * closes the outbox again.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildServer, OneTimeLogins, type ApiDeps } from '@docketwatch/api';
import { createApiToken, insertLocalMail, upsertMatter } from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { renderConfirmationEmail } from '@docketwatch/notify';
import { createTestDatabase, launchChromium, localOnlyContext, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

describe('the outbox, for admins, in Chromium', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  let adminKey: string;
  const logins = new OneTimeLogins();

  beforeAll(async () => {
    t = await createTestDatabase();
    await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' });
    adminKey = await createApiToken(t.db, 'admin');
    const deps: ApiDeps = {
      db: t.db,
      log: createLogger({ name: 't', level: 'silent' }),
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'x',
      adminLogins: logins,
    };
    app = buildServer(deps);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    deps.publicUrl = base;
    // A mail as the API renders it, with a link to this site, kept in the local outbox.
    const mail = renderConfirmationEmail('Abrego Garcia v. Noem', `${base}/matters/abrego-garcia`);
    await insertLocalMail(t.db, { to: 'reader@example.org', subject: mail.subject, text: mail.text, html: mail.html, headers: {} });
    browser = await launchChromium();
    ({ context, blocked } = await localOnlyContext(browser, { viewport: { width: 390, height: 844 } }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await t?.drop();
  });

  it('signs in with an admin key, opens a mail and follows its link', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/outbox`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(await page.locator('main').textContent()).not.toContain('reader@example.org');

    await page.getByLabel('Admin key').fill('dw_not-the-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('not valid');

    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/outbox`);
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'dw_admin')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.locator('main table a').filter({ hasText: 'Confirm' }).first().click();
    const frame = page.frameLocator('iframe[title="message"]');
    const link = frame.locator(`a[href="${base}/matters/abrego-garcia"]`).first();
    await link.waitFor();
    // As a person does it, by keyboard: into the frame, Tab to the mail's link, Enter. (The frame
    // runs no script, so Playwright's own element checks cannot run inside it.)
    const frameBox = (await page.locator('iframe[title="message"]').boundingBox())!;
    await page.mouse.click(frameBox.x + 3, frameBox.y + 3);
    await page.keyboard.press('Tab');
    const [opened] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`${base}/matters/abrego-garcia`);
    expect(await opened.locator('h1').textContent()).toBe('Abrego Garcia v. Noem');
    await opened.close();

    await page.goto(`${base}/outbox`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/outbox`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    expect(blocked).toEqual([]);
  });

  it('signs in from the one-time link npm start prints, as a newcomer opening it from the terminal would', async () => {
    const { context: fresh } = await localOnlyContext(browser);
    const page = await fresh.newPage();
    await page.goto(`${base}/admin/login/${logins.issue()}`);
    expect(page.url()).toBe(`${base}/outbox`);
    expect(await page.locator('main').textContent()).toContain('reader@example.org');
    await fresh.close();
  });
});
