import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { docketwatchErrorOf } from '@docketwatch/test-support';
import type { AddressInfo } from 'node:net';
import { isBlockedAddress } from './address-policy';
import { HttpClient } from './http-client';
import type { HttpClientOptions } from './types';

const USER_AGENT = 'docketwatch-test/0.1 (+https://example.invalid; ops@example.invalid)';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface LocalServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

const servers: LocalServer[] = [];
const clients: HttpClient[] = [];

/** A real HTTP server on 127.0.0.1; the handler runs once the request body has been read. */
async function startServer(handler: RequestListener): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(local);
  return local;
}

function client(options: Partial<HttpClientOptions> = {}): HttpClient {
  const created = new HttpClient({ userAgent: USER_AGENT, allowPrivateAddresses: true, ...options });
  clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('HttpClient.get', () => {
  it('returns the body and validators of a 200', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
      });
      res.end('<rss/>');
    });

    const result = await client().get(`${server.origin}/feed.xml`);

    expect(result).toMatchObject({
      status: 200,
      notModified: false,
      finalUrl: `${server.origin}/feed.xml`,
      etag: '"v1"',
      lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      contentType: 'application/rss+xml; charset=utf-8',
    });
    expect(result.body.toString()).toBe('<rss/>');
    expect(result.headers.etag).toBe('"v1"');
    expect(server.seen[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(server.seen[0]?.headers.accept).toBe('*/*');
  });

  it('sends If-None-Match / If-Modified-Since and reports a 304 as notModified', async () => {
    const server = await startServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else {
        res.end('fresh');
      }
    });

    const result = await client().get(`${server.origin}/feed`, {
      etag: '"v1"',
      lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      accept: 'application/rss+xml',
    });

    expect(result).toMatchObject({ status: 304, notModified: true, etag: '"v1"' });
    expect(result.body.length).toBe(0);
    expect(server.seen[0]?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 21 Oct 2015 07:28:00 GMT',
      accept: 'application/rss+xml',
    });
  });

  it('fails with a retryable FETCH_TIMEOUT when the server never answers', async () => {
    const server = await startServer(() => {
      // Never respond.
    });

    const err = await docketwatchErrorOf(client({ timeoutMs: 200 }).get(`${server.origin}/hang`));

    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.retryable).toBe(true);
  });

  it('times out a body that stalls after the headers', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });

    const err = await docketwatchErrorOf(client({ timeoutMs: 200 }).get(`${server.origin}/stall`));

    expect(err.code).toBe('FETCH_TIMEOUT');
  });

  it('stops reading a body larger than maxBodyBytes and closes the connection', async () => {
    let connectionClosed!: Promise<void>;
    const server = await startServer((_req, res) => {
      // An endless body: only the client hanging up ends this response.
      connectionClosed = new Promise((resolve) => res.on('close', resolve));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });

    const err = await docketwatchErrorOf(client({ maxBodyBytes: 64 * 1024 }).get(`${server.origin}/huge`));

    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.retryable).toBe(false);
    await connectionClosed;
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.end(Buffer.alloc(100_000));
    });

    const err = await docketwatchErrorOf(client({ maxBodyBytes: 1000 }).get(`${server.origin}/big`));

    expect(err.code).toBe('FETCH_TOO_LARGE');
  });

  it('maps 429 with Retry-After to a retryable FETCH_RATE_LIMITED', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    });

    const err = await docketwatchErrorOf(client().get(`${server.origin}/feed`));

    expect(err.code).toBe('FETCH_RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.context).toMatchObject({ status: 429, retryAfterMs: 120_000 });
  });

  it('maps 503 to FETCH_RATE_LIMITED only when it carries Retry-After', async () => {
    let retryAfter: string | undefined = '30';
    const server = await startServer((_req, res) => {
      res.writeHead(503, retryAfter ? { 'retry-after': retryAfter } : {});
      res.end();
    });

    const limited = await docketwatchErrorOf(client().get(`${server.origin}/feed`));
    retryAfter = undefined;
    const unavailable = await docketwatchErrorOf(client().get(`${server.origin}/feed`));

    expect(limited.code).toBe('FETCH_RATE_LIMITED');
    expect(limited.context.retryAfterMs).toBe(30_000);
    expect(unavailable.code).toBe('FETCH_HTTP_STATUS');
    expect(unavailable.retryable).toBe(true);
  });

  it.each([
    [500, true],
    [408, true],
    [404, false],
    [403, false],
  ])('maps %i to FETCH_HTTP_STATUS with retryable=%s', async (status, retryable) => {
    const server = await startServer((_req, res) => {
      res.writeHead(status);
      res.end('error page');
    });

    const err = await docketwatchErrorOf(client().get(`${server.origin}/feed`));

    expect(err.code).toBe('FETCH_HTTP_STATUS');
    expect(err.retryable).toBe(retryable);
    expect(err.context).toEqual({ status, url: `${server.origin}/feed` });
  });

  it('keeps query-string secrets out of error messages and context', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(500);
      res.end();
    });

    const err = await docketwatchErrorOf(client().get(`${server.origin}/feed?token=SECRET123`));

    expect(err.message).not.toContain('SECRET123');
    expect(JSON.stringify(err.context)).not.toContain('SECRET123');
  });

  describe('redirects', () => {
    /** /hop/N redirects to /hop/N-1 (relative Location); /hop/0 answers 200. */
    const hops: RequestListener = (req, res) => {
      const remaining = Number(req.url?.split('/')[2]);
      if (remaining > 0) {
        res.writeHead(302, { location: `/hop/${remaining - 1}` });
        res.end();
      } else {
        res.end('landed');
      }
    };

    it('follows redirects and reports the final URL', async () => {
      const server = await startServer(hops);

      const result = await client({ maxRedirects: 3 }).get(`${server.origin}/hop/3`);

      expect(result.status).toBe(200);
      expect(result.body.toString()).toBe('landed');
      expect(result.finalUrl).toBe(`${server.origin}/hop/0`);
      expect(server.seen.map((r) => r.url)).toEqual(['/hop/3', '/hop/2', '/hop/1', '/hop/0']);
    });

    it('fails with FETCH_TOO_MANY_REDIRECTS past maxRedirects', async () => {
      const server = await startServer(hops);

      const err = await docketwatchErrorOf(client({ maxRedirects: 2 }).get(`${server.origin}/hop/3`));

      expect(err.code).toBe('FETCH_TOO_MANY_REDIRECTS');
      expect(server.seen).toHaveLength(3);
    });

    it('drops credentials when a redirect leaves the origin', async () => {
      const target = await startServer((_req, res) => res.end('ok'));
      const origin = await startServer((_req, res) => {
        res.writeHead(307, { location: `${target.origin}/landing` });
        res.end();
      });

      await client().get(`${origin.origin}/go`, { headers: { Authorization: 'Bearer x', 'X-Feed': 'keep' } });

      expect(origin.seen[0]?.headers.authorization).toBe('Bearer x');
      expect(target.seen[0]?.headers.authorization).toBeUndefined();
      expect(target.seen[0]?.headers['x-feed']).toBe('keep');
    });

    it('treats a redirect without Location as a non-retryable status error', async () => {
      const server = await startServer((_req, res) => {
        res.writeHead(302);
        res.end();
      });

      const err = await docketwatchErrorOf(client().get(`${server.origin}/nowhere`));

      expect(err.code).toBe('FETCH_HTTP_STATUS');
      expect(err.retryable).toBe(false);
    });
  });
});

describe('HttpClient.post', () => {
  it('sends the body and headers and returns the response', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });

    const result = await client().post(`${server.origin}/hook`, '{"text":"hi"}', {
      headers: { 'Content-Type': 'application/json' },
    });

    expect(result.status).toBe(200);
    expect(result.body.toString()).toBe('ok');
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      body: '{"text":"hi"}',
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
    });
  });

  it('does not follow redirects', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/hook') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else {
        res.end('should not be reached');
      }
    });

    const result = await client().post(`${server.origin}/hook`, 'x');

    expect(result.status).toBe(302);
    expect(result.headers.location).toBe('/elsewhere');
    expect(server.seen.map((r) => r.url)).toEqual(['/hook']);
  });

  it('returns error statuses instead of throwing', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '5' });
      res.end('slow down');
    });

    const result = await client().post(`${server.origin}/hook`, 'x');

    expect(result.status).toBe(429);
    expect(result.headers['retry-after']).toBe('5');
  });

  it('throws a retryable FETCH_NETWORK without leaking the webhook path', async () => {
    const server = await startServer(() => undefined);
    const deadOrigin = server.origin;
    await server.close();

    const err = await docketwatchErrorOf(client().post(`${deadOrigin}/services/T000/B000/XSECRETX`, 'x'));

    expect(err.code).toBe('FETCH_NETWORK');
    expect(err.retryable).toBe(true);
    expect(err.message).not.toContain('XSECRETX');
    expect(JSON.stringify(err.context)).not.toContain('XSECRETX');
  });
});

describe('SSRF protection (allowPrivateAddresses=false)', () => {
  function strictClient(options: Partial<HttpClientOptions> = {}): HttpClient {
    return client({ allowPrivateAddresses: false, ...options });
  }

  /**
   * Test hooks standing in for public DNS: "feeds.example.test" plays a public feed host but is
   * really the local server, so exactly 127.0.0.1 is allowed; everything else uses the real policy.
   */
  const fakeDns: Record<string, string[]> = {
    'feeds.example.test': ['127.0.0.1'],
    'intranet.example.test': ['10.0.0.7'],
    'mixed.example.test': ['127.0.0.1', '192.168.1.20'],
  };
  const hooks: HttpClientOptions['testHooks'] = {
    resolve: async (hostname) => (fakeDns[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    isBlockedAddress: (address) => address !== '127.0.0.1' && isBlockedAddress(address),
  };

  it.each(['http://127.0.0.1:PORT/', 'http://[::1]:PORT/', 'http://localhost:PORT/', 'http://0.0.0.0:PORT/'])(
    'refuses %s before any request reaches it',
    async (template) => {
      const server = await startServer((_req, res) => res.end('secret'));

      const err = await docketwatchErrorOf(strictClient().get(template.replace('PORT', String(server.port))));

      expect(err.code).toBe('FETCH_BLOCKED_ADDRESS');
      expect(err.retryable).toBe(false);
      expect(server.seen).toHaveLength(0);
    },
  );

  it('refuses webhook POSTs to private addresses too', async () => {
    const server = await startServer((_req, res) => res.end());

    const err = await docketwatchErrorOf(strictClient().post(`${server.origin}/hook`, 'x'));

    expect(err.code).toBe('FETCH_BLOCKED_ADDRESS');
    expect(server.seen).toHaveLength(0);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'not a url'])('refuses %j', async (url) => {
    const err = await docketwatchErrorOf(strictClient().get(url));

    expect(err.code).toBe('FETCH_BLOCKED_ADDRESS');
  });

  it('reaches the stand-in public host (sanity check for the hooks)', async () => {
    const server = await startServer((_req, res) => res.end('public'));

    const result = await strictClient({ testHooks: hooks }).get(`http://feeds.example.test:${server.port}/feed`);

    expect(result.body.toString()).toBe('public');
  });

  it.each([
    ['a literal metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['an IPv4-mapped IPv6 literal', 'http://[::ffff:169.254.169.254]/'],
    ['a hostname resolving to a private address', 'http://intranet.example.test/admin'],
    ['a hostname with one private answer among several', 'http://mixed.example.test:PORT/'],
    ['a non-http scheme', 'gopher://feeds.example.test/'],
  ])('blocks a redirect to %s', async (_label, location) => {
    const server = await startServer((req, res) => {
      if (req.url === '/feed') {
        res.writeHead(302, { location: location.replace('PORT', String(server.port)) });
        res.end();
      } else {
        res.end('must not be reached');
      }
    });

    const err = await docketwatchErrorOf(strictClient({ testHooks: hooks }).get(`http://feeds.example.test:${server.port}/feed`));

    expect(err.code).toBe('FETCH_BLOCKED_ADDRESS');
    expect(server.seen.map((r) => r.url)).toEqual(['/feed']);
  });
});
