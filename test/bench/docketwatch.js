// docketwatch as the benchmark runs it: the built CLI as child processes (one per role, as
// production runs them) on a throw-away Postgres database and a Redis key prefix of their own,
// with the sources and subscribers written through @docketwatch/db.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { Redis } = require('ioredis');
const db = require('@docketwatch/db');
const { PG_URL, REDIS_URL } = require('../support/services');
const { cpuSnapshot, cpuSince, peakRssBytes, resetPeakRss, until } = require('./measure');

const CLI = path.resolve(__dirname, '../../services/cli/bin/docketwatch.js');
/** Every database and key prefix the benchmark makes starts with this, so a killed run's leftovers can be found. */
const BENCH_PREFIX = 'dw_bench_';
/** Parked sources are due far in the future; a pass makes them all due at once. */
const PARKED = new Date('2999-01-01T00:00:00Z');

function assertBuilt() {
  if (!fs.existsSync(path.resolve(__dirname, '../../services/cli/dist/main.js'))) {
    throw new Error('The CLI is not built: `npm run bench` builds it; or run `npx turbo run build` first.');
  }
}

async function admin(fn) {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * One scenario's installation: a migrated database, a Redis prefix and a working folder, all removed
 * by close(). Roles started with start() are stopped by close() too.
 */
class BenchInstallation {
  constructor(label) {
    const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
    this.name = `${BENCH_PREFIX}${label}_${tag}`;
    this.redisPrefix = `dwbench:${label}-${tag}`;
    this.processes = [];
  }

  async open() {
    assertBuilt();
    await admin((c) => c.query(`create database ${this.name}`));
    const url = new URL(PG_URL);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
    this.handle = await db.openDatabase({ url: this.url, poolSize: 4 });
    this.db = this.handle.db;
    await db.migrateToLatest(this.db);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-'));
    // The scheduler loads the starter catalogue when none is given; its sources are real courts.
    this.catalogue = path.join(this.dir, 'catalogue.yaml');
    fs.writeFileSync(this.catalogue, 'matters: []\n');
    return this;
  }

  /** The environment of every role: defaults, except what `settings` names. */
  env(settings = {}) {
    return {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: this.url,
      MIGRATE_ON_START: 'false',
      REDIS_URL,
      REDIS_PREFIX: this.redisPrefix,
      CATALOGUE: this.catalogue,
      LOG_LEVEL: 'warn',
      PORT: '0',
      INBOUND_SMTP_PORT: '0',
      DATA_DIR: this.dir,
      ...settings,
    };
  }

  /** Starts `docketwatch start <role>` and resolves once it says it is running. */
  async start(role, settings) {
    // BENCH_CPU_PROF=<dir>: each role writes a V8 CPU profile there when it stops (open in Chrome DevTools or speedscope).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, CLI, 'start', role], {
      cwd: this.dir,
      env: this.env(settings),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = { role, child, pid: child.pid, output: '' };
    child.stdout.on('data', (d) => (proc.output += d));
    child.stderr.on('data', (d) => (proc.output += d));
    proc.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    this.processes.push(proc);
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`docketwatch start ${role} exited (${child.exitCode}):\n${proc.output}`);
        return proc.output.includes(`docketwatch ${role} running`);
      },
      `docketwatch start ${role}`,
      60_000,
    );
    return proc;
  }

  async stopAll() {
    const running = this.processes.splice(0);
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
    await Promise.all(running.map((proc) => proc.exited));
    for (const proc of running) {
      const errors = proc.output.split('\n').filter((line) => /"level":(50|60)/.test(line));
      if (errors.length > 0) console.error(`  (${proc.role} logged ${errors.length} error(s); the first: ${errors[0].slice(0, 600)})`);
    }
  }

  async close() {
    await this.stopAll();
    await this.handle?.close();
    await admin((c) => c.query(`drop database if exists ${this.name} with (force)`));
    await deleteRedisPrefix(this.redisPrefix);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Page-watch sources for the farm's pages (selector #releases), parked until a pass makes them due. */
  async addPageSources(urls) {
    const ids = [];
    for (const [i, url] of urls.entries()) {
      const source = await db.upsertSource(this.db, {
        kind: 'page-watch',
        name: `Press listing ${i}`,
        address: url,
        intervalSeconds: 1800,
        config: { selector: '#releases' },
      });
      ids.push(source.id);
    }
    await this.db.updateTable('sources').set({ next_check_at: PARKED }).execute();
    return ids;
  }

  /** Forgets everything the sources learnt, so the next pass is a cold one (first poll, no validators). */
  async forgetSources() {
    await this.db
      .updateTable('sources')
      .set({
        etag: null,
        last_modified: null,
        body_hash: null,
        state: '{}',
        baseline_at: null,
        last_checked_at: null,
        next_check_at: PARKED,
      })
      .execute();
  }

  /**
   * One pass: every source made due at once, until each has been polled since. Returns its wall time
   * (from the moment they became due, and from the first request the farm saw, which leaves out the
   * wait for the scheduler's next tick), the CPU the given processes used and their peak RSS.
   */
  async pass(farm, processes, timeoutMs) {
    const sources = Number(
      (
        await this.db
          .selectFrom('sources')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const peakResettable = processes.every((p) => resetPeakRss(p.pid));
    const pids = processes.map((p) => p.pid);
    const cpuBefore = cpuSnapshot(pids);
    farm.resetCounts();
    const dueAt = new Date();
    await this.db.updateTable('sources').set({ next_check_at: dueAt }).execute();
    const polled = () =>
      this.db
        .selectFrom('sources')
        .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('last_checked_at').as('last')])
        .where('last_checked_at', '>=', dueAt)
        .executeTakeFirstOrThrow();
    const done = await until(
      async () => {
        const row = await polled();
        return Number(row.n) >= sources ? row : null;
      },
      `all ${sources} sources to be polled`,
      timeoutMs,
      50,
    );
    const cpu = cpuSince(cpuBefore, pids);
    const failed = await this.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('last_checked_at', '>=', dueAt)
      .where('consecutive_failures', '>', 0)
      .executeTakeFirstOrThrow();
    const lastAt = new Date(done.last).getTime();
    return {
      sources,
      wallSeconds: (lastAt - dueAt.getTime()) / 1000,
      wallFromFirstRequestSeconds: farm.counts.firstRequestAt ? (lastAt - farm.counts.firstRequestAt) / 1000 : null,
      cpuSeconds: cpu.docketwatch,
      cpuSecondsPer1000Polls: (cpu.docketwatch * 1000) / sources,
      postgresCpuSeconds: cpu.postgres,
      redisCpuSeconds: cpu.redis,
      machineCpuSeconds: cpu.machine,
      measuredSeconds: cpu.wall,
      peakRssMiB: peakResettable ? Math.max(...processes.map((p) => peakRssBytes(p.pid) / 1048576)) : null,
      responses: { ok: farm.counts.ok, notModified: farm.counts.notModified },
      failed: Number(failed.n),
    };
  }
}

/** Deletes every key under a prefix (SCAN, never KEYS, so a shared Redis is not blocked). */
async function deleteRedisPrefix(prefix) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops the databases and Redis keys of benchmark runs that were killed (their process is gone). */
async function dropLeftovers() {
  const pidOf = (name) => Number(/_(\d+)(?:_[0-9a-f]+)?$/.exec(name)?.[1] ?? 0);
  await admin(async (c) => {
    const { rows } = await c.query('select datname from pg_database where datname like $1', [`${BENCH_PREFIX}%`]);
    for (const { datname } of rows) if (!alive(pidOf(datname))) await c.query(`drop database if exists ${datname} with (force)`);
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefixes = new Set();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'dwbench:*', 'COUNT', 1000);
      cursor = next;
      for (const key of keys) prefixes.add(key.split(':').slice(0, 2).join(':'));
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  for (const prefix of prefixes) if (!alive(pidOf(prefix))) await deleteRedisPrefix(prefix);
}

module.exports = { BenchInstallation, BENCH_PREFIX, dropLeftovers };
