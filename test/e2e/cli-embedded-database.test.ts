/**
 * Embedded PGlite serves one process. While `docketwatch start` holds it, a second command that
 * needs the database says so plainly (before, `token create` wrote into the directory the server
 * held, and the server never saw the token); once the server stops, the same command works.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliProcess, deleteRedisPrefix, HttpStandIn, readFixture, testRedisPrefix } from '@docketwatch/test-support';

jest.setTimeout(180_000);

describe('a second process on a held embedded database', () => {
  let dir: string;
  let server: CliProcess | null = null;
  const prefix = testRedisPrefix();
  const env = { REDIS_PREFIX: prefix, PORT: '0', INBOUND_SMTP_PORT: '0', CATALOGUE: 'catalogue.yaml', LOG_LEVEL: 'warn' };

  async function docketwatch(...args: string[]) {
    const run = new CliProcess(args, { env, cwd: dir });
    const status = await run.exited;
    return { status, stdout: run.stdout, stderr: run.stderr };
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-embedded-'));
    fs.writeFileSync(path.join(dir, 'catalogue.yaml'), 'matters: [{ slug: sample, name: Sample }]\n');
  });

  afterAll(async () => {
    await server?.stop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is told which process holds it and what to do, and changes nothing', async () => {
    server = new CliProcess(['start'], { env, cwd: dir });
    await server.waitForOutput(/docketwatch is running: http:\/\/\S+/, 90_000);
    const held = `docketwatch: the embedded database in ./.data is in use by a running docketwatch (pid ${server.child.pid}): stop it, or set DATABASE_URL to share Postgres\n`;

    for (const args of [['token', 'create', 'reporter'], ['sources', 'list'], ['migrate'], ['deliveries', 'replay', '--dead'], ['start']]) {
      const r = await docketwatch(...args);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 1, stderr: held });
    }

    expect(await server.stop()).toBe(0);
    server = null;
    expect(fs.existsSync(path.join(dir, '.data', 'docketwatch.pid'))).toBe(false);
    // The token asked for while the server ran was never made; now it can be.
    const token = await docketwatch('token', 'create', 'reporter');
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^\S{20,}\n$/);
  });

  it('polls a source in the embedded database when no server holds it', async () => {
    const court = new HttpStandIn();
    await court.start();
    try {
      court.set('/24A100.json', { body: readFixture('scotus/dockets/json/24A100.compare.json'), contentType: 'application/json' });
      fs.writeFileSync(
        path.join(dir, 'with-source.yaml'),
        `matters:
  - slug: sample
    name: Sample
    dockets: [{ court: scotus, number: 24A100, sources: [{ kind: scotus-docket, url: "${court.url}/24A100.json" }] }]
`,
      );
      expect((await docketwatch('catalogue', 'load', 'with-source.yaml')).status).toBe(0);
      const [source] = JSON.parse((await docketwatch('sources', 'list', '--json')).stdout) as { id: number }[];
      const polled = await new CliProcess(['sources', 'poll', String(source!.id)], {
        env: { ...env, ALLOW_PRIVATE_URLS: 'true' },
        cwd: dir,
      });
      expect(await polled.exited).toBe(0);
      expect(polled.stdout).toMatch(/: stored; \d+ new entries/);
      expect(court.requestsTo('/24A100.json')).toHaveLength(1);
    } finally {
      await court.stop();
    }
  });

  it('takes over a pid file left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    fs.writeFileSync(path.join(dir, '.data', 'docketwatch.pid'), `${dead.pid}\n`);
    const r = await docketwatch('sources', 'list', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, '.data', 'docketwatch.pid'))).toBe(false);
  });
});
