/**
 * One error shape everywhere: RFC 9457 problem details with a stable code, for unknown routes,
 * malformed bodies, unsupported content types and the server's own failures (which say nothing of
 * their internals). Real Fastify on 127.0.0.1 against real Postgres.
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { parseId } from './problem';
import { buildServer } from './server';

describe('problem details (RFC 9457) for every error', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger({ name: 'test', level: 'error', destination });
    app = buildServer({ db: t.db, log, pingRedis: async () => {}, mailMode: 'local', publicUrl: 'http://127.0.0.1', linkSecret: 'x' });
    // A route that fails the way a bug would, to see what a client is told.
    app.get('/api/test/boom', async () => {
      throw new Error('connection to 10.0.0.5:5432 refused (password=hunter2)');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const problem = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await problem(await fetch(`${origin}/api/no/such/thing?x=1`));
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: 'no route GET /api/no/such/thing',
    });
  });

  it('shows people a page for an unknown page, and machines a problem', async () => {
    const page = await fetch(`${origin}/no-such-page`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('There is no page at this address');
    expect((await problem(await fetch(`${origin}/no-such-page`))).body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('names a malformed JSON body and an unsupported content type as the client’s errors', async () => {
    const bad = await problem(
      await fetch(`${origin}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"matter":' }),
    );
    expect(bad).toMatchObject({ status: 400, body: { status: 400, code: 'INVALID_JSON' } });
    const yaml = await problem(
      await fetch(`${origin}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'matter: x' }),
    );
    expect(yaml).toMatchObject({ status: 415, body: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('tells a client nothing of an internal failure, and logs it whole', async () => {
    const res = await problem(await fetch(`${origin}/api/test/boom`));
    expect(res).toMatchObject({ status: 500, body: { status: 500, code: 'INTERNAL' } });
    expect(JSON.stringify(res.body)).not.toMatch(/10\.0\.0\.5|hunter2|connection/);
    expect(logged.join('\n')).toContain('request failed');
    expect(logged.join('\n')).toContain('"stack"');
  });

  it('reads path ids as positive 32-bit integers only, so a huge id is a 404 and never a database error', () => {
    expect(parseId('42')).toBe(42);
    expect(parseId('2147483647')).toBe(2147483647);
    for (const bad of ['0', '-1', '2147483648', '99999999999999999999', '1e3', '0x10', '01', '', ' 1']) expect(parseId(bad)).toBeNull();
  });
});
