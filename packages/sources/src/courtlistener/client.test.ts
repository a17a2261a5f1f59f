import { readFileSync } from 'node:fs';
import { docketwatchErrorOf } from '@docketwatch/test-support';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import { ParseError } from '@docketwatch/core';
import { HttpClient } from '@docketwatch/http';
import { CourtListenerClient, type CourtListenerClientOptions, type DocketEntriesBatch } from './client';
import type { Clock } from './request-budget';

const TOKEN = 'cl-test-token-0123456789abcdef';
const DOCKET = 68571705;
const testdata = (name: string): string => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');

interface LocalServer {
  origin: string;
  /** Path and query of every request, in order. */
  seen: { url: string; authorization: string | undefined; accept: string | undefined }[];
  close(): Promise<void>;
}

const servers: LocalServer[] = [];
const https: HttpClient[] = [];

/** A stand-in for CourtListener on 127.0.0.1; it refuses requests without the token, as the API would. */
async function startServer(route: (req: IncomingMessage, res: ServerResponse, origin: string) => void): Promise<LocalServer> {
  const seen: LocalServer['seen'] = [];
  let origin = '';
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, accept: req.headers.accept });
    if (req.headers.authorization !== `Token ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"detail": "Invalid token."}');
      return;
    }
    route(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const local: LocalServer = {
    origin,
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

/** testdata as served by the local stand-in: its links point back at it. */
function json(res: ServerResponse, origin: string, body: string, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body.replaceAll('https://www.courtlistener.com', origin));
}

/** Serves the two docket-entry pages; page 2 when asked for it. */
function entryPages(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const page = new URL(req.url ?? '/', origin).searchParams.get('page');
  json(res, origin, testdata(page === '2' ? 'docket-entries-page-2.json' : 'docket-entries-page-1.json'));
}

/** A clock that moves only when the budget sleeps on it, so no test waits for real. */
function fakeClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

function client(server: LocalServer, options: Partial<CourtListenerClientOptions> = {}): CourtListenerClient {
  const http = new HttpClient({ userAgent: 'docketwatch-test/0.1 (+https://example.invalid)', allowPrivateAddresses: true });
  https.push(http);
  return new CourtListenerClient({ http, token: TOKEN, baseUrl: server.origin, clock: fakeClock(), ...options });
}

async function batches(iterable: AsyncIterable<DocketEntriesBatch>): Promise<DocketEntriesBatch[]> {
  const out: DocketEntriesBatch[] = [];
  for await (const batch of iterable) out.push(batch);
  return out;
}

afterEach(async () => {
  await Promise.all(https.splice(0).map((h) => h.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('CourtListenerClient.fetchDocketEntries', () => {
  it('authenticates with the token and follows next through both pages', async () => {
    const server = await startServer(entryPages);
    const result = await batches(client(server).fetchDocketEntries(DOCKET, { court: 'dcd' }));

    expect(result.map((b) => b.entries.map((e) => e.entryNumber))).toEqual([
      ['1', '2'],
      ['3', null, '4'],
    ]);
    expect(result.map((b) => [b.cursor, b.hasMore])).toEqual([
      [{ modifiedSince: '2024-04-02T10:02:44.100000-07:00', idsAtInstant: [401000002] }, false],
      // Two entries share the last instant: the cursor keeps both ids.
      [{ modifiedSince: '2024-04-17T01:30:00.000000-07:00', idsAtInstant: [401000005] }, false],
    ]);
    expect(result[0]!.entries[0]!.filedAt).toBe('2024-03-04T09:15:27-05:00');
    expect(server.seen.map((r) => r.authorization)).toEqual([`Token ${TOKEN}`, `Token ${TOKEN}`]);
    expect(server.seen[0]!.accept).toBe('application/json');
    const first = new URL(server.seen[0]!.url, server.origin);
    expect(first.pathname).toBe('/api/rest/v4/docket-entries/');
    expect(Object.fromEntries(first.searchParams)).toEqual({ docket: String(DOCKET), order_by: 'date_modified' });
    expect(new URL(server.seen[1]!.url, server.origin).searchParams.get('page')).toBe('2');
  });

  it('after a previous poll, asks from the cursor on by date_modified and drops the entries seen at its instant', async () => {
    const server = await startServer(entryPages);
    const since = { modifiedSince: '2024-04-15T14:01:09.000000-07:00', idsAtInstant: [401000003] };
    const result = await client(server).fetchAllDocketEntries(DOCKET, { court: 'dcd', since });

    expect(new URL(server.seen[0]!.url, server.origin).searchParams.get('date_modified__gte')).toBe('2024-04-15T14:01:09.000000-07:00');
    // 401000003 shares the instant and was seen; 401000004 shares it and was not; the rest are older or newer.
    expect(result.entries.map((e) => e.entryNumber)).toEqual([null, '4']);
    expect(result).toMatchObject({
      cursor: { modifiedSince: '2024-04-17T01:30:00.000000-07:00', idsAtInstant: [401000005] },
      complete: true,
    });
  });

  it('stops at the page cap and says where to resume', async () => {
    const server = await startServer(entryPages);
    const result = await client(server, { maxPages: 1 }).fetchAllDocketEntries(DOCKET, { court: 'dcd' });

    expect(server.seen).toHaveLength(1);
    expect(result).toMatchObject({
      complete: false,
      cursor: { modifiedSince: '2024-04-02T10:02:44.100000-07:00', idsAtInstant: [401000002] },
    });
    expect(result.entries).toHaveLength(2);
  });

  it('surfaces a 429 as FETCH_RATE_LIMITED and holds off until Retry-After has passed', async () => {
    let refused = false;
    const server = await startServer((req, res, origin) => {
      if (!refused) {
        refused = true;
        json(res, origin, '{"detail": "Request was throttled. Expected available in 30 seconds."}', 429, { 'retry-after': '30' });
        return;
      }
      entryPages(req, res, origin);
    });
    const clock = fakeClock();
    const cl = client(server, { clock, maxWaitMs: 10_000, maxPages: 1 });

    const err = await docketwatchErrorOf(cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' }));
    expect(err.code).toBe('FETCH_RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.context.retryAfterMs).toBe(30_000);

    // Still inside Retry-After: refused here, without asking CourtListener again.
    const early = await docketwatchErrorOf(cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' }));
    expect(early.code).toBe('FETCH_RATE_LIMITED');
    expect(early.context.source).toBe('client-budget');
    expect(server.seen).toHaveLength(1);

    clock.advance(30_000);
    const result = await cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' });
    expect(result.entries).toHaveLength(2);
    expect(server.seen).toHaveLength(2);
  });

  it('waits out a short Retry-After itself when allowed to', async () => {
    let refused = false;
    const server = await startServer((req, res, origin) => {
      if (!refused) {
        refused = true;
        json(res, origin, '{"detail": "throttled"}', 429, { 'retry-after': '30' });
        return;
      }
      entryPages(req, res, origin);
    });
    const clock = fakeClock();
    const cl = client(server, { clock, maxWaitMs: 60_000, maxPages: 1 });

    await docketwatchErrorOf(cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' }));
    await cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' });
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('spaces its requests by minIntervalMs', async () => {
    const server = await startServer(entryPages);
    const clock = fakeClock();
    await client(server, { clock, minIntervalMs: 12_000 }).fetchAllDocketEntries(DOCKET, { court: 'dcd' });
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('does not follow a next link to another origin (the token would go with it)', async () => {
    const elsewhere = await startServer((_req, res) => res.end('{}'));
    const server = await startServer((_req, res, origin) => {
      const page = JSON.parse(testdata('docket-entries-page-1.json')) as { next: string };
      page.next = `${elsewhere.origin}/api/rest/v4/docket-entries/?page=2`;
      json(res, origin, JSON.stringify(page));
    });
    const iterator = client(server).fetchDocketEntries(DOCKET, { court: 'dcd' });

    expect((await iterator.next()).value).toMatchObject({ hasMore: false });
    const err = await docketwatchErrorOf(iterator.next());
    expect(err.code).toBe('FETCH_BLOCKED_ADDRESS');
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('rejects a page holding another docket’s entries', async () => {
    const server = await startServer(entryPages);
    await expect(client(server).fetchAllDocketEntries(12345, { court: 'dcd' })).rejects.toBeInstanceOf(ParseError);
  });

  it('keeps the token out of errors and out of inspection', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const cl = client(server);
    const err = await docketwatchErrorOf(cl.fetchAllDocketEntries(DOCKET, { court: 'dcd' }));

    expect(err.code).toBe('FETCH_HTTP_STATUS');
    const shown = [
      err.message,
      JSON.stringify(err.context),
      inspect(err, { depth: 5 }),
      inspect(cl, { depth: 5 }),
      JSON.stringify(cl),
    ].join('\n');
    expect(shown).not.toContain(TOKEN);
  });

  it('refuses to start without a usable token, without echoing it', () => {
    const http = new HttpClient({ userAgent: 'docketwatch-test/0.1 (+https://example.invalid)' });
    https.push(http);
    expect(() => new CourtListenerClient({ http, token: '' })).toThrow(TypeError);
    expect(() => new CourtListenerClient({ http, token: 'two words' })).toThrow(/API token/);
    try {
      new CourtListenerClient({ http, token: 'secret\nvalue' });
    } catch (err) {
      expect(String(err)).not.toContain('secret');
    }
  });
});

describe('CourtListenerClient.findDocket', () => {
  it('looks a district case up by core number and picks the matching case type', async () => {
    const server = await startServer((_req, res, origin) => json(res, origin, testdata('dockets-search.json')));
    const cl = client(server);

    await expect(cl.findDocket('dcd', '1:24-cv-1234')).resolves.toEqual({
      id: 68571705,
      court: 'dcd',
      docketNumber: '1:24-cv-01234',
      caseName: 'Example Corp. v. Sample Agency',
      pacerCaseId: '262001',
      url: 'https://www.courtlistener.com/docket/68571705/example-corp-v-sample-agency/',
    });
    await expect(cl.findDocket('DCD', '1:24-CR-01234-ABC')).resolves.toMatchObject({ id: 68571999 });
    await expect(cl.findDocket('dcd', '1:24-mc-01234')).resolves.toBeNull();

    const query = new URL(server.seen[0]!.url, server.origin);
    expect(query.pathname).toBe('/api/rest/v4/dockets/');
    expect(query.searchParams.get('court')).toBe('dcd');
    expect(query.searchParams.get('docket_number_core')).toBe('2401234');
    expect(server.seen[0]!.authorization).toBe(`Token ${TOKEN}`);
  });

  it('looks other numbers up by exact docket_number', async () => {
    const server = await startServer((_req, res, origin) =>
      json(
        res,
        origin,
        JSON.stringify({ next: null, results: [{ id: 9, court_id: 'ca4', docket_number: '25-1345', case_name: 'Abrego Garcia v. Noem' }] }),
      ),
    );
    await expect(client(server).findDocket('ca4', '25-1345')).resolves.toMatchObject({ id: 9, court: 'ca4', pacerCaseId: null });
    expect(new URL(server.seen[0]!.url, server.origin).searchParams.get('docket_number')).toBe('25-1345');
  });
});

describe('CourtListenerClient.createDocketAlert', () => {
  it('posts the docket id as JSON and reads the alert made; a refusal is FETCH_HTTP_STATUS with CourtListener’s words', async () => {
    const bodies: unknown[] = [];
    const server = await startServer((req, res, origin) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { docket } = JSON.parse(body) as { docket: number };
        bodies.push({ method: req.method, contentType: req.headers['content-type'], docket });
        if (docket === 2) json(res, origin, '{"non_field_errors": ["The fields user, docket must make a unique set."]}', 400);
        else json(res, origin, JSON.stringify({ id: 7, docket, alert_type: 1, secret_key: 'x' }), 201);
      });
    });
    const c = client(server);

    await expect(c.createDocketAlert(1)).resolves.toEqual({ id: 7, docket: 1, alertType: 1 });
    const refused = await docketwatchErrorOf(c.createDocketAlert(2));
    expect(refused).toMatchObject({ code: 'FETCH_HTTP_STATUS', retryable: false, context: { status: 400 } });
    expect(refused.context.detail).toContain('must make a unique set');
    expect(bodies).toEqual([
      { method: 'POST', contentType: 'application/json', docket: 1 },
      { method: 'POST', contentType: 'application/json', docket: 2 },
    ]);
    expect(server.seen.map((r) => [r.url, r.authorization])).toEqual([
      ['/api/rest/v4/docket-alerts/', `Token ${TOKEN}`],
      ['/api/rest/v4/docket-alerts/', `Token ${TOKEN}`],
    ]);
  });
});
