import fs from 'node:fs';
import type * as Playwright from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH points elsewhere. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: no background requests, updates or sync. The resolver
 * answers nothing but loopback, so a page can never reach the internet even by mistake.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** The Chromium to drive: CHROMIUM_PATH, else /usr/bin/chromium; a clear error when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidate = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    throw new Error(
      `No Chromium at ${candidate}. The browser tests drive a system Chromium: install it with ` +
        '`apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
}

/** Launches the system Chromium headless (playwright-core is loaded only by the tests that use it). */
export async function launchChromium(): Promise<Playwright.Browser> {
  const { chromium } = require('playwright-core') as typeof Playwright;
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Only pages on this machine: loopback HTTP, file: and data: URLs; every other request is aborted. */
export function isLocalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'about:') return true;
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * A fresh context that lets requests reach 127.0.0.1 only. Requests it refused are listed in
 * `blocked`, so a test can assert that a page asked for nothing from outside.
 */
export async function localOnlyContext(
  browser: Playwright.Browser,
  options: Playwright.BrowserContextOptions = {},
): Promise<{ context: Playwright.BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}
