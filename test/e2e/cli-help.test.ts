/**
 * `--help` on every subcommand only prints: it exits 0, shows that command's usage and changes
 * nothing. (Before, `migrate --help` ran the migration and `token create --help` made a token named
 * "--help".) The list of commands is read from the help itself, so a new command is covered too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertBuilt, CliProcess, createTestDatabase, dropDatabase, TEST_DB_PREFIX, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

async function docketwatch(args: string[], env: Record<string, string>, cwd: string) {
  const run = new CliProcess(args, { env, cwd });
  const status = await run.exited;
  return { status, stdout: run.stdout, stderr: run.stderr };
}

/** The subcommands a help text lists under "Commands:", without the implicit `help`. */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

/** Every command path, nested ones included (`catalogue check`, `sources poll`…). */
async function allCommands(env: Record<string, string>, cwd: string, prefix: string[] = []): Promise<string[][]> {
  const { stdout } = await docketwatch([...prefix, '--help'], env, cwd);
  const found: string[][] = [];
  for (const name of commandsIn(stdout)) {
    found.push([...prefix, name]);
    found.push(...(await allCommands(env, cwd, [...prefix, name])));
  }
  return found;
}

describe('docketwatch --help', () => {
  let dir: string;
  let migrated: TestDatabase;
  const freshName = `${TEST_DB_PREFIX}${process.pid}_fresh`;
  let freshUrl: string;

  beforeAll(async () => {
    assertBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-help-'));
    migrated = await createTestDatabase();
    const url = new URL(migrated.url);
    url.pathname = `/${freshName}`;
    freshUrl = url.toString();
    await withClient(migrated.url, (c) => c.query(`create database ${freshName}`));
  });

  afterAll(async () => {
    await migrated.drop();
    await dropDatabase(freshName);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every command, and the bare command prints the same usage with status 2', async () => {
    const help = await docketwatch(['--help'], {}, dir);
    expect(help.status).toBe(0);
    expect(commandsIn(help.stdout)).toEqual(
      expect.arrayContaining(['parse', 'start', 'migrate', 'catalogue', 'token', 'sources', 'deliveries', 'backfill', 'inbound']),
    );
    const bare = await docketwatch([], {}, dir);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe(help.stdout);
  });

  it('prints usage for every subcommand, exits 0 and touches no database', async () => {
    const commands = await allCommands({}, dir);
    expect(commands).toEqual(
      expect.arrayContaining([
        ['migrate'],
        ['token', 'create'],
        ['sources', 'list'],
        ['sources', 'poll'],
        ['deliveries', 'replay'],
        ['backfill'],
      ]),
    );
    const asked = [...commands.map((c) => [...c, '--help']), ['migrate', '-h'], ['token', 'create', '-h'], ['help', 'migrate']];
    for (const args of asked) {
      // A fresh database: any migration run would create Kysely's bookkeeping tables.
      const r = await docketwatch(args, { DATABASE_URL: freshUrl }, dir);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
      expect(r.stdout).toContain(`Usage: docketwatch ${args.filter((a) => !a.startsWith('-') && a !== 'help').join(' ')}`);
    }
    const tables = await withClient(freshUrl, (c) => c.query("select tablename from pg_tables where schemaname = 'public'"));
    expect(tables.rows).toEqual([]);
    // Nor was an embedded database made where DATABASE_URL is unset.
    expect((await docketwatch(['migrate', '--help'], {}, dir)).status).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never makes a token named --help, in any spelling', async () => {
    const env = { DATABASE_URL: migrated.url };
    expect((await docketwatch(['token', 'create', '--help'], env, dir)).status).toBe(0);
    const quoted = await docketwatch(['token', 'create', '--', '--help'], env, dir);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toMatch(/"--help" is not a token name/);
    expect(await migrated.db.selectFrom('api_tokens').select('name').execute()).toEqual([]);
  });

  it('answers an unknown command or option with status 2 and a pointer to the help', async () => {
    const unknown = await docketwatch(['frobnicate'], {}, dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(unknown.stderr).toMatch(/--help/);
    const option = await docketwatch(['sources', 'list', '--yaml'], {}, dir);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--yaml'/);
  });
});

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
