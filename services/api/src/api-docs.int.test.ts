/** The OpenAPI document: generated from the routes' own schemas, listing every route, browsable at /docs. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

describe('/openapi.json and /docs', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  const routes: RouteOptions[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    app = buildServer({
      db: t.db,
      log: createLogger({ name: 'test', level: 'silent' }),
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://127.0.0.1',
      linkSecret: 'x',
    });
    app.addHook('onRoute', (route) => void routes.push(route));
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const openapi = async () =>
    (await (await fetch(`${origin}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; responses?: Record<string, unknown>; security?: unknown[] }>
      >;
    };

  it('lists every route the server registers, with its methods', async () => {
    const doc = await openapi();
    expect(doc.openapi).toBe('3.1.0');
    const documented = routes.filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide && !r.url.startsWith('/docs'));
    expect(documented.length).toBeGreaterThan(15);
    const missing = documented.flatMap((r) => {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((m) => m.toLowerCase());
      return methods.filter((m) => !doc.paths[path]?.[m]).map((m) => `${m.toUpperCase()} ${r.url}`);
    });
    expect(missing).toEqual([]);
  });

  it('gives every /api route a response schema for its success answer, and routes behind a token their 401 and 403', async () => {
    const doc = await openapi();
    const lacking = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).flatMap(([method, op]) => {
          const codes = Object.keys(op.responses ?? {});
          const problems = [];
          const success = codes.filter((c) => /^2\d\d$/.test(c));
          const described = success.some((c) => c === '204' || (op.responses![c] as { content?: unknown }).content !== undefined);
          if (!described) problems.push(`${method.toUpperCase()} ${path}: no success response schema`);
          if (op.security && !(codes.includes('401') && codes.includes('403')))
            problems.push(`${method.toUpperCase()} ${path}: no 401/403`);
          return problems;
        }),
      );
    expect(lacking).toEqual([]);
  });

  it('documents raw bodies and non-JSON answers by their media types', async () => {
    const raw = (await (await fetch(`${origin}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, { content?: object }> }>>;
    };
    const upload = raw.paths['/api/sources/{id}/documents']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(expect.arrayContaining(['message/rfc822', 'text/html']));
    expect(Object.keys(raw.paths['/feeds/matters/{slug}.atom']!.get!.responses['200']!.content!)).toEqual([
      expect.stringMatching(/^application\/atom\+xml/),
    ]);
    expect(Object.keys(raw.paths['/feeds/matters/{slug}.ics']!.get!.responses['200']!.content!)).toEqual([
      expect.stringMatching(/^text\/calendar/),
    ]);
  });

  it('describes the timeline from its schemas: its filters, its cursor and its answers', async () => {
    const timeline = (await openapi()).paths['/api/matters/{slug}/timeline']!.get!;
    expect(timeline.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
      ['path:slug', ...['before', 'class', 'court', 'cursor', 'limit', 'since', 'until'].map((n) => `query:${n}`)].sort(),
    );
    expect(Object.keys(timeline.responses!).sort()).toEqual(['200', '400', '404']);
  });

  it('serves browsable docs from this server, with nothing fetched from elsewhere', async () => {
    const res = await fetch(`${origin}/docs/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('swagger');
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z0-9.-]+\/[^"']*\.(js|css)/i);
  });
});
