import { createLogger } from '@docketwatch/log';
import type { TestDatabase } from './test-database';

/**
 * What an API under test needs when the test cares about none of it: a silent logger, Redis
 * reported up, mail kept locally, links on 127.0.0.1. A test that cares passes its own.
 */
export function quietApiDeps(db: TestDatabase['db']) {
  return {
    db,
    log: createLogger({ name: 'test', level: 'silent' }),
    pingRedis: async () => {},
    mailMode: 'local' as const,
    publicUrl: 'http://127.0.0.1',
    linkSecret: 'x',
  };
}

/** Starts a server on a free loopback port and answers its origin ("http://127.0.0.1:PORT"). */
export async function listenLocally(app: { listen(options: { host: string; port: number }): Promise<string> }): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

/**
 * One JSON request to an API under test, with a Bearer token when given. The answer's body is
 * read loosely (the test's expectations are what check its shape).
 */
export async function callJson(origin: string, method: string, path: string, body?: unknown, token?: string | null) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: text ? (JSON.parse(text) as Record<string, any>) : null,
  };
}
