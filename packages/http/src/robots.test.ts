import { createServer, type Server } from 'node:http';
import { docketwatchErrorOf } from '@docketwatch/test-support';
import type { AddressInfo } from 'node:net';
import { HttpClient } from './http-client';
import { RobotsRules } from './robots';

const USER_AGENT = 'docketwatch/0.1 (+https://example.invalid)';

describe('RobotsRules', () => {
  let server: Server;
  let origin: string;
  let robots: { status: number; body: string };
  let fetches: number;
  let http: HttpClient;

  beforeEach(async () => {
    fetches = 0;
    robots = { status: 200, body: '' };
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') fetches++;
      res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = new HttpClient({ userAgent: USER_AGENT, allowPrivateAddresses: true, timeoutMs: 2000 });
  });
  afterEach(async () => {
    await http.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('refuses a disallowed path with FETCH_ROBOTS_DISALLOWED and allows the rest, reading the file once', async () => {
    robots.body = 'User-agent: *\nDisallow: /private/\n';
    const rules = new RobotsRules(http, USER_AGENT);

    const err = await docketwatchErrorOf(rules.check(`${origin}/private/docket.xml`));
    await expect(rules.check(`${origin}/public/feed.xml`)).resolves.toBeUndefined();

    expect(err.code).toBe('FETCH_ROBOTS_DISALLOWED');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/ignoreRobots/);
    expect(fetches).toBe(1);
  });

  it("follows the group naming docketwatch's product token over the * group", async () => {
    robots.body = 'User-agent: *\nDisallow: /\n\nUser-agent: docketwatch\nAllow: /\n';
    const rules = new RobotsRules(http, USER_AGENT);
    await expect(rules.check(`${origin}/feed.xml`)).resolves.toBeUndefined();
    expect((await docketwatchErrorOf(new RobotsRules(http, 'otherbot/1.0').check(`${origin}/feed.xml`))).code).toBe(
      'FETCH_ROBOTS_DISALLOWED',
    );
  });

  it('treats a 4xx robots.txt as allowing everything', async () => {
    robots = { status: 404, body: 'not found' };
    await expect(new RobotsRules(http, USER_AGENT).check(`${origin}/anything`)).resolves.toBeUndefined();
  });

  it('fails a 5xx robots.txt as FETCH_ROBOTS_UNAVAILABLE (disallow for now), and asks again next time', async () => {
    robots = { status: 500, body: 'oops' };
    const rules = new RobotsRules(http, USER_AGENT);

    const err = await docketwatchErrorOf(rules.check(`${origin}/feed.xml`));
    expect(err.code).toBe('FETCH_ROBOTS_UNAVAILABLE');
    expect(err.retryable).toBe(true);

    robots = { status: 200, body: 'User-agent: *\nAllow: /\n' };
    await expect(rules.check(`${origin}/feed.xml`)).resolves.toBeUndefined();
    expect(fetches).toBe(2);
  });

  it('reads the file again once its time is up', async () => {
    robots.body = 'User-agent: *\nDisallow: /feed.xml\n';
    const rules = new RobotsRules(http, USER_AGENT, 0);
    expect((await docketwatchErrorOf(rules.check(`${origin}/feed.xml`))).code).toBe('FETCH_ROBOTS_DISALLOWED');
    robots.body = 'User-agent: *\nAllow: /\n';
    await expect(rules.check(`${origin}/feed.xml`)).resolves.toBeUndefined();
    expect(fetches).toBe(2);
  });
});
