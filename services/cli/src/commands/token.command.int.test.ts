/** `docketwatch token create` against real Postgres: scopes and expiry are stored with the hash, bad ones refused. */
import { findApiToken } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { main } from '../main';

describe('docketwatch token create (real Postgres)', () => {
  let t: TestDatabase;

  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), progress: { write: () => true } };
    const code = await main(argv, io, { DATABASE_URL: t.url });
    return { code, out, err };
  };
  const tokens = async () => (await t.db.selectFrom('api_tokens').select('name').orderBy('name').execute()).map((r) => r.name);

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('makes an admin token by default, printing only the token on stdout', async () => {
    const r = await run('token', 'create', 'ops');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dw_\S{20,}\n$/);
    expect(await findApiToken(t.db, r.out.trim())).toEqual({ name: 'ops', scopes: ['admin'] });
  });

  it('takes scopes repeated or comma-separated, and an expiry in days', async () => {
    const r = await run(
      'token',
      'create',
      'desk',
      '--scope',
      'matters:write,sources:write',
      '--scope',
      'subscriptions:write',
      '--expires',
      '90d',
    );
    expect(r.code).toBe(0);
    expect(await findApiToken(t.db, r.out.trim())).toEqual({
      name: 'desk',
      scopes: ['matters:write', 'sources:write', 'subscriptions:write'],
    });
    const row = await t.db.selectFrom('api_tokens').select('expires_at').where('name', '=', 'desk').executeTakeFirstOrThrow();
    expect(row.expires_at!.getTime() - Date.now()).toBeGreaterThan(89 * 86400_000);
    expect(r.err).toMatch(/until \d{4}-/);
  });

  it('refuses an unknown scope or a bad expiry, and makes nothing', async () => {
    const before = await tokens();
    const scope = await run('token', 'create', 'bad', '--scope', 'root');
    expect(scope.code).toBe(2);
    expect(scope.err).toMatch(/"root".*scopes are admin, matters:write/);
    const expiry = await run('token', 'create', 'bad', '--expires', 'forever');
    expect(expiry.code).toBe(2);
    expect(expiry.err).toMatch(/--expires "forever"/);
    expect(await tokens()).toEqual(before);
  });
});
