/**
 * `npm start` with nothing configured: embedded PGlite in ./.data, local Redis, mail kept in the
 * local outbox the web UI shows. (A catalogue of local stand-ins replaces the starter catalogue
 * only so that no test ever calls a real court.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliProcess, deleteRedisPrefix, eventually, HttpStandIn, readFixture, testRedisPrefix } from '@docketwatch/test-support';

jest.setTimeout(120_000);

describe('docketwatch start on embedded defaults', () => {
  let dir: string;
  let court: HttpStandIn;
  let app: CliProcess | null = null;
  const prefix = testRedisPrefix();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-start-'));
    court = new HttpStandIn();
    await court.start();
  });

  afterAll(async () => {
    await app?.stop();
    await court.stop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves /healthz, the UI and a local outbox with no DATABASE_URL or SMTP_URL', async () => {
    const docket = JSON.parse(readFixture('scotus/dockets/json/24A100.compare.json').toString('utf8')) as {
      ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[];
    };
    court.set('/24A100.json', { body: JSON.stringify(docket), contentType: 'application/json' });
    fs.writeFileSync(
      path.join(dir, 'catalogue.yaml'),
      `matters:
  - slug: sample
    name: Sample <b>matter</b>
    dockets:
      - court: scotus
        number: 24A100
        sources: [{ kind: scotus-docket, url: "${court.url}/24A100.json", every: 1s }]
    subscriptions: [{ email: reader@example.com }]
`,
    );
    app = new CliProcess(['start'], {
      cwd: dir,
      env: {
        CATALOGUE: 'catalogue.yaml',
        REDIS_PREFIX: prefix,
        PORT: '0',
        INBOUND_SMTP_PORT: '0',
        ALLOW_PRIVATE_URLS: 'true',
        SCHEDULER_TICK_MS: '250',
        COALESCE_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
    });
    const [, base] = await app.waitForOutput(/docketwatch is running: (http:\/\/\S+)/, 60_000);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(fs.existsSync(path.join(dir, '.data', 'pglite'))).toBe(true);

    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain('Sample &lt;b&gt;matter&lt;/b&gt;');
    expect(home).not.toContain('<b>matter</b>');

    // Baseline first, then a new proceeding: the e-mail lands in the local outbox.
    await eventually(async () => court.requestsTo('/24A100.json').length >= 2, 'the baseline poll');
    docket.ProceedingsandOrder.push({
      Date: 'Sep 03 2024',
      Text: 'Application (24A100) denied by &lt;script&gt;alert(1)&lt;/script&gt; Justice Kavanaugh.',
      Links: [],
    });
    court.set('/24A100.json', { body: JSON.stringify(docket), contentType: 'application/json' });
    // The outbox is for admins: the one-time sign-in link printed at start opens a session.
    const [, signInUrl] = await app.waitForOutput(/admin \(outbox, sources\): open (http:\/\/\S+)/, 10_000);
    expect(signInUrl!.startsWith(`${base}/admin/login/`)).toBe(true);
    expect((await fetch(`${base}/outbox`, { redirect: 'manual' })).status).toBe(303);
    const signedIn = await fetch(signInUrl!, { redirect: 'manual' });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.getSetCookie()[0]!.split(';', 1)[0]!;
    expect((await fetch(signInUrl!, { redirect: 'manual' })).status).toBe(404);
    const outbox = await eventually(async () => {
      const page = await (await fetch(`${base}/outbox`, { headers: { cookie } })).text();
      return page.includes('reader@example.com') ? page : null;
    }, 'the alert in the local outbox');
    expect(outbox).toContain('denied by &lt;script&gt;');
    expect(outbox).not.toContain('<script>alert(1)</script>');

    expect(await app.stop()).toBe(0);
    app = null;
  });

  it('says how to get Redis when none answers', async () => {
    const noRedis = new CliProcess(['start'], { cwd: dir, env: { REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', INBOUND_SMTP_PORT: '0' } });
    expect(await noRedis.exited).toBe(1);
    expect(noRedis.stderr).toMatch(/needs Redis/);
    expect(noRedis.stderr).toMatch(/redis-server/);
  });
});
