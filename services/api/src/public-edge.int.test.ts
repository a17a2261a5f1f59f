/**
 * The public edge, attacked the way issue 8 found it open: a flood of subscription requests naming
 * one address, across two API processes sharing Redis; tokens and secrets in request logs; the
 * outbox and admin API without a session; framing and sniffing; legal text cut on the timeline.
 * Real Postgres, Redis, an SMTP server on 127.0.0.1 and the real Fastify app over real sockets.
 */
import http from 'node:http';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { signToken, type ParsedEntry } from '@docketwatch/core';
import {
  createApiToken,
  getSubscription,
  insertLocalMail,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Subscription,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { EmailSender } from '@docketwatch/notify';
import { createRedisConnection, type RedisConnection } from '@docketwatch/queue';
import {
  createTestDatabase,
  deleteRedisPrefix,
  SmtpSink,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@docketwatch/test-support';
import { OneTimeLogins } from './one-time-logins';
import type { ApiDeps } from './api-deps';
import { buildServer } from './server';

jest.setTimeout(60_000);

const LINK_SECRET = 'edge-test-link-secret';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

/** The session cookie a sign-in answer set, as a Cookie header value. */
function sessionCookie(answer: Answer): string {
  const setCookie = answer.headers['set-cookie']?.find((c) => c.startsWith('dw_admin='));
  expect(setCookie).toBeDefined();
  return setCookie!.split(';', 1)[0]!;
}

function longOrder(): string {
  const sentences = Array.from(
    { length: 12 },
    (_, i) => `Paragraph ${i + 1}: the parties shall file a joint status report addressing item ${i + 1} not later than the date set.`,
  );
  return `ORDER granting in part the motion to extend. ${sentences.join(' ')} Briefs are not to exceed 5 pages on or before May 2, 2025, and the final sentence is here.`;
}

describe('the public edge', () => {
  let t: TestDatabase;
  let sink: SmtpSink;
  let email: EmailSender;
  let redis: RedisConnection;
  const prefix = testRedisPrefix();
  const servers: FastifyInstance[] = [];
  const logLines = new PassThrough();
  let logText = '';
  let victim: Subscription;
  let adminKey: string;

  /** A server as `docketwatch start` builds it, on its own port; every server shares Redis and the log. */
  async function startServer(overrides: Partial<ApiDeps> = {}): Promise<string> {
    const app = buildServer({
      db: t.db,
      log: createLogger({ name: 'edge-test', level: 'info', destination: logLines }),
      pingRedis: async () => void (await redis.ping()),
      mailMode: 'smtp',
      publicUrl: 'http://127.0.0.1',
      linkSecret: LINK_SECRET,
      sendMail: async (to, mail) => void (await email.send({ ...mail, to, messageId: `<edge-${Date.now()}-${Math.random()}@dw.test>` })),
      redis: { connection: redis, prefix },
      rateLimits: { requestsPerMinute: 10_000, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 10_000 },
      ...overrides,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    servers.push(app);
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    logLines.on('data', (chunk: Buffer) => (logText += chunk.toString('utf8')));
    t = await createTestDatabase();
    sink = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@dw.test>', smtpUrl: await sink.start() });
    redis = createRedisConnection(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' });
    victim = await upsertSubscription(t.db, {
      matterId: matter.id,
      channel: 'email',
      target: 'counsel@firm.example',
      classes: ['order', 'opinion'],
      mode: 'immediate',
      status: 'active',
    });
    adminKey = await createApiToken(t.db, 'ops');
  });

  afterAll(async () => {
    for (const app of servers) await app.close();
    await email?.close();
    await sink?.stop();
    redis?.disconnect();
    await deleteRedisPrefix(prefix);
    await t?.drop();
  });

  describe('rate limits', () => {
    it('500 requests naming one address, split over two processes, send at most 3 mails and answer 429 with Retry-After', async () => {
      const [a, b] = [await startServer(), await startServer()];
      const answers: Answer[] = [];
      for (let batch = 0; batch < 10; batch += 1) {
        answers.push(
          ...(await Promise.all(
            Array.from({ length: 50 }, (_, i) =>
              request(
                i % 2 ? a : b,
                '/api/subscriptions',
                json({
                  matter: 'abrego-garcia',
                  channel: 'email',
                  target: 'counsel@firm.example',
                  classes: ['routine'],
                  mode: 'digest',
                  digestHour: 3,
                }),
              ),
            ),
          )),
        );
      }
      const limited = answers.filter((r) => r.status === 429);
      expect(answers.length - limited.length).toBe(3);
      expect(limited).toHaveLength(497);
      for (const r of limited) expect(Number(r.headers['retry-after'])).toBeGreaterThan(3000);
      // Give any stray mail time to arrive, then count: three at most, whatever they say.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const toVictim = sink.messages.filter((m) => JSON.stringify(m.to).includes('counsel@firm.example'));
      expect(toVictim.length).toBeLessThanOrEqual(3);
      // The subscriber's alerts are as they were.
      const after = await getSubscription(t.db, victim.id);
      expect(after).toMatchObject({ status: 'active', classes: ['order', 'opinion'], mode: 'immediate' });
    });

    it('limits each client across processes: over the limit is 429 with Retry-After, on every endpoint', async () => {
      const clientPrefix = `${prefix}:client-test`;
      const limited = {
        redis: { connection: redis, prefix: clientPrefix },
        rateLimits: { requestsPerMinute: 5, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 3 },
      };
      const [a, b] = [await startServer(limited), await startServer(limited)];
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await request(i % 2 ? a : b, '/api/matters')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const over = await request(a, '/healthz');
      expect(over.status).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.parse(over.body)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    });

    it('behind a trusted proxy, counts each client by its forwarded address', async () => {
      const behindProxy = {
        trustProxy: ['127.0.0.1'],
        redis: { connection: redis, prefix: `${prefix}:proxy` },
        rateLimits: { requestsPerMinute: 2, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 3 },
      };
      const origin = await startServer(behindProxy);
      const from = (client: string) => request(origin, '/api/matters', { headers: { 'x-forwarded-for': client } });
      expect([(await from('203.0.113.1')).status, (await from('203.0.113.1')).status, (await from('203.0.113.1')).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await from('203.0.113.2')).status).toBe(200);
    });

    it('limits the mails one client causes, whatever addresses it names', async () => {
      const perClient = {
        redis: { connection: redis, prefix: `${prefix}:per-client` },
        rateLimits: { requestsPerMinute: 1000, mailsPerAddressPerHour: 3, mailsPerClientPerHour: 2 },
      };
      const origin = await startServer(perClient);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          (
            await request(
              origin,
              '/api/subscriptions',
              json({ matter: 'abrego-garcia', channel: 'email', target: `reader${i}@example.org` }),
            )
          ).status,
        );
      }
      expect(statuses).toEqual([202, 202, 429, 429]);
    });
  });

  describe('request logs', () => {
    it('never carry a token, secret, admin key or session issued during the exchange', async () => {
      const logins = new OneTimeLogins();
      const origin = await startServer({ adminLogins: logins, redis: { connection: redis, prefix: `${prefix}:logs` } });
      const secrets = [
        'whsec0123456789abcdefSECRET',
        signToken(LINK_SECRET, 'unsubscribe', 424242),
        signToken(LINK_SECRET, 'feed', 424242),
        'confirmTOKEN0123456789abcdef',
        'manageTOKEN0123456789abcdef',
        adminKey,
      ];
      const loginToken = logins.issue();
      secrets.push(loginToken);
      logText = '';
      await request(origin, `/api/hooks/courtlistener/${secrets[0]}`, json({}));
      await request(origin, `/u/${secrets[1]}`);
      await request(origin, `/u/${secrets[1]}`, form({ 'List-Unsubscribe': 'One-Click' }));
      await request(origin, `/feeds/subscriptions/${secrets[2]}.atom`);
      await request(origin, `/subscriptions/confirm/${secrets[3]}`);
      await request(origin, `/manage/${secrets[4]}`);
      await request(origin, `/api/admin/deliveries/dead`, { headers: { authorization: `Bearer ${adminKey}` } });
      await request(origin, `/u/${secrets[1]}/not-a-route?token=${secrets[3]}`);
      const signedIn = await request(origin, `/admin/login/${loginToken}`);
      const cookie = sessionCookie(signedIn);
      secrets.push(decodeURIComponent(cookie.split('=')[1]!));
      await request(origin, '/outbox', { headers: { cookie } });
      await request(origin, '/admin/login', form({ key: adminKey, next: '/outbox' }));

      await new Promise((resolve) => setImmediate(resolve));
      expect(logText).toMatch(/incoming request/);
      expect(logText).toMatch(/\/api\/hooks\/courtlistener\/\[redacted\]/);
      expect(logText).toMatch(/\/u\/\[redacted\]/);
      for (const secret of secrets) expect(logText).not.toContain(secret);
      expect(logText.toLowerCase()).not.toContain('authorization');
    });
  });

  describe('admin', () => {
    let origin: string;
    let mailId: number;

    beforeAll(async () => {
      origin = await startServer({ redis: { connection: redis, prefix: `${prefix}:admin` } });
      mailId = await insertLocalMail(t.db, {
        to: 'counsel@firm.example',
        subject: 'Confirm your alerts',
        text: 'Confirm: http://127.0.0.1/subscriptions/confirm/abc',
        html: '<!doctype html><html><body><a href="http://127.0.0.1/subscriptions/confirm/abc">Confirm</a></body></html>',
        headers: {},
      });
    });

    it('keeps the outbox, source health and the admin API from anyone without a session or key', async () => {
      for (const path of ['/outbox', `/outbox/${mailId}`, `/outbox/${mailId}/html`, '/sources']) {
        const res = await request(origin, path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(path)}`);
        expect(res.body).not.toContain('counsel@firm.example');
      }
      for (const path of ['/%6Futbox', '/outbox?x=1', '/api/admin/deliveries/%64ead']) {
        const res = await request(origin, path);
        expect([303, 401, 404]).toContain(res.status);
        expect(res.body).not.toContain('counsel@firm.example');
      }
      const api = await request(origin, '/api/admin/deliveries/dead');
      expect(api.status).toBe(401);
      expect(JSON.parse(api.body)).toMatchObject({ status: 401, code: 'ADMIN_REQUIRED' });
      expect(api.headers['www-authenticate']).toBe('Bearer');
      const wrongKey = await request(origin, '/api/admin/deliveries/dead', { headers: { authorization: 'Bearer dw_not-a-key' } });
      expect(wrongKey.status).toBe(401);
      const forged = await request(origin, '/outbox', { headers: { cookie: 'dw_admin=ops%7C99999999999999.forged' } });
      expect(forged.status).toBe(303);
    });

    it('signs an admin in with a key: a signed, HttpOnly, SameSite=Strict, expiring cookie that opens the outbox', async () => {
      const bad = await request(origin, '/admin/login', form({ key: 'dw_wrong', next: '/outbox' }));
      expect(bad.status).toBe(401);
      expect(bad.headers['set-cookie']).toBeUndefined();

      const good = await request(origin, '/admin/login', form({ key: adminKey, next: '/outbox' }));
      expect(good.status).toBe(303);
      expect(good.headers.location).toBe('/outbox');
      const setCookie = good.headers['set-cookie']!.find((c) => c.startsWith('dw_admin='))!;
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Strict/i);
      expect(setCookie).toMatch(/; Max-Age=43200/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/; Secure/i);
      const cookie = sessionCookie(good);

      const outbox = await request(origin, '/outbox', { headers: { cookie } });
      expect(outbox.status).toBe(200);
      expect(outbox.body).toContain('counsel@firm.example');
      expect((await request(origin, '/sources', { headers: { cookie } })).status).toBe(200);
      expect((await request(origin, '/api/admin/deliveries/dead', { headers: { cookie } })).status).toBe(200);
      expect((await request(origin, '/api/admin/deliveries/dead', { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(200);
    });

    it('refuses a sign-in form posted from another site, and sends nobody elsewhere after signing in', async () => {
      const crossSite = await request(origin, '/admin/login', form({ key: adminKey }, { origin: 'https://evil.example' }));
      expect(crossSite.status).toBe(403);
      expect(crossSite.headers['set-cookie']).toBeUndefined();
      const offsite = await request(origin, '/admin/login', form({ key: adminKey, next: '//evil.example/' }));
      expect(offsite.headers.location).toBe('/outbox');
    });

    it('marks the cookie Secure when the site is served over https', async () => {
      const https = await startServer({ publicUrl: 'https://dw.example.org', redis: { connection: redis, prefix: `${prefix}:https` } });
      const good = await request(https, '/admin/login', form({ key: adminKey }));
      expect(good.headers['set-cookie']!.find((c) => c.startsWith('dw_admin='))).toMatch(/; Secure/i);
      expect(good.headers['strict-transport-security']).toMatch(/max-age=/);
    });

    it('takes a one-time sign-in link once', async () => {
      const logins = new OneTimeLogins();
      const withLinks = await startServer({ adminLogins: logins, redis: { connection: redis, prefix: `${prefix}:once` } });
      const token = logins.issue();
      const first = await request(withLinks, `/admin/login/${token}`);
      expect(first.status).toBe(303);
      expect((await request(withLinks, '/outbox', { headers: { cookie: sessionCookie(first) } })).status).toBe(200);
      const again = await request(withLinks, `/admin/login/${token}`);
      expect(again.status).toBe(404);
      expect(again.headers['set-cookie']).toBeUndefined();
    });

    it('shows a mail in a frame whose links open, and only this site may frame it', async () => {
      const good = await request(origin, '/admin/login', form({ key: adminKey }));
      const cookie = sessionCookie(good);
      const viewer = await request(origin, `/outbox/${mailId}`, { headers: { cookie } });
      expect(viewer.body).toContain(
        `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="message" src="/outbox/${mailId}/html">`,
      );
      const frame = await request(origin, `/outbox/${mailId}/html`, { headers: { cookie } });
      expect(frame.body).toContain('<html><base target="_blank"><body>');
      expect(frame.headers['content-security-policy']).toContain('sandbox allow-popups allow-popups-to-escape-sandbox');
      expect(frame.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(frame.headers['x-frame-options']).toBe('SAMEORIGIN');
    });
  });

  describe('security headers', () => {
    it('are on pages, API answers and errors alike', async () => {
      const origin = await startServer({ redis: { connection: redis, prefix: `${prefix}:headers` } });
      for (const path of ['/', '/api/matters', '/no-such-page', '/admin/login', '/matters/abrego-garcia']) {
        const res = await request(origin, path);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });
  });

  describe('legal text', () => {
    it('shows the whole text of a long entry on the timeline, folded but never cut', async () => {
      const origin = await startServer({ redis: { connection: redis, prefix: `${prefix}:text` } });
      const matter = await upsertMatter(t.db, { slug: 'long-texts', name: 'Long texts' });
      const docket = await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00952' });
      const source = await upsertSource(t.db, {
        kind: 'pacer-rss',
        name: 'D. Md.',
        address: 'https://ecf.mdd.uscourts.gov/rss',
        court: 'mdd',
        intervalSeconds: 300,
      });
      const text = longOrder();
      const entries: ParsedEntry[] = [
        {
          entryNumber: '7',
          filedAt: '2025-04-30T10:00:00-04:00',
          shortDescription: '',
          description: text,
          documentUrl: null,
          pacerDocId: null,
          attachments: [],
        },
        {
          entryNumber: '8',
          filedAt: '2025-05-01T10:00:00-04:00',
          shortDescription: 'Order',
          description: `${text} (entry 8)`,
          documentUrl: null,
          pacerDocId: null,
          attachments: [],
        },
      ];
      await storeDocketEntries(t.db, { sourceId: source.id, docket, entries, baseline: false });
      const page = await request(origin, '/matters/long-texts');
      expect(page.status).toBe(200);
      expect(page.body).toContain(text);
      expect(page.body).toContain(`${text} (entry 8)`);
      expect(page.body).toContain('<details class="full-text">');
    });
  });
});
