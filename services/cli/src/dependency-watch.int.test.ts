/**
 * Outages are told: a real Redis of the test's own is stopped and started again, and a Postgres
 * that does not answer; the watch logs each loss once, with its error, and each return once, and
 * docketwatch_dependency_up follows it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { openDatabase, pingDatabase } from '@docketwatch/db';
import { createLogger, Metrics } from '@docketwatch/log';
import { createRedisConnection } from '@docketwatch/queue';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { DependencyWatch } from './dependency-watch';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const probe = createRedisConnection(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  try {
    for (let i = 0; i < 100; i++) {
      if (
        await probe.ping().then(
          () => true,
          () => false,
        )
      )
        return child;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  } finally {
    probe.disconnect();
  }
}

describe('DependencyWatch (a real Redis stopped and restarted, a Postgres that does not answer)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('logs a lost dependency once, with its error, and its return once; the metrics show it down, then up', async () => {
    const port = await freePort();
    let redisServer = await startRedis(port);
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, { retryStrategy: () => 50 });
    const lines: { level: number; msg: string; dependency?: string; err?: { message: string } }[] = [];
    const log = createLogger({
      name: 'test',
      level: 'info',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString('utf8')));
          done();
        },
      }),
    });
    const watch = new DependencyWatch(
      [
        { name: 'postgres', ping: () => pingDatabase(t.db) },
        { name: 'redis', ping: async () => void (await redis.ping()) },
      ],
      log,
      60_000,
      1000,
    );
    const metrics = new Metrics();
    metrics.readAtScrape({ dependencies: () => watch.states });
    const redisUp = async () => (await metrics.exposition()).body.match(/^docketwatch_dependency_up\{dependency="redis"\} (\d)$/m)?.[1];
    try {
      await watch.check();
      expect(watch.unavailable).toEqual([]);
      expect(lines).toEqual([]);
      expect(await redisUp()).toBe('1');

      redisServer.kill('SIGKILL');
      await new Promise((resolve) => redisServer.once('exit', resolve));
      await watch.check();
      await watch.check();
      await watch.check();
      expect(watch.unavailable).toEqual(['redis']);
      const lost = lines.filter((l) => l.dependency === 'redis');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ level: 50, msg: expect.stringContaining('redis is unreachable') });
      expect(lost[0]!.err?.message).toBeTruthy();
      expect(await redisUp()).toBe('0');

      redisServer = await startRedis(port);
      for (let i = 0; i < 50 && watch.unavailable.length > 0; i++) {
        await watch.check();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(watch.unavailable).toEqual([]);
      expect(lines.filter((l) => l.dependency === 'redis').map((l) => l.level)).toEqual([50, 30]);
      expect(await redisUp()).toBe('1');
    } finally {
      await watch.stop();
      redis.disconnect();
      redisServer.kill('SIGKILL');
    }
  });

  it('counts a Postgres that does not answer as down', async () => {
    const port = await freePort();
    const unreachable = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 1 });
    const lines: string[] = [];
    const log = createLogger({
      name: 'test',
      level: 'info',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    });
    const watch = new DependencyWatch([{ name: 'postgres', ping: () => pingDatabase(unreachable.db) }], log, 60_000, 1000);
    try {
      await watch.check();
      await watch.check();
      expect(watch.unavailable).toEqual(['postgres']);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('postgres is unreachable');
    } finally {
      await watch.stop();
      await unreachable.close();
    }
  });
});
