// docketwatch as the chaos harness runs it: a Redis and a Postgres cluster of the harness's own
// (child processes it may flush, stop and restart without touching anyone else's), and each role
// of the production topology as a separate `docketwatch start <role>` process it may kill -9.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { Redis } = require('ioredis');
const { Kysely, PostgresDialect } = require('kysely');
const { Client, Pool } = require('pg');

const CLI = path.resolve(__dirname, '../../services/cli/bin/docketwatch.js');

/** Polls `check` until it returns a truthy value; the condition, not the clock, ends the wait. */
async function until(check, what, timeoutMs, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function assertBuilt() {
  if (!fs.existsSync(path.resolve(__dirname, '../../services/cli/dist/main.js'))) {
    throw new Error('The CLI is not built: `npm run chaos` builds it; or run `npx turbo run build` first.');
  }
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Everything the harness started (roles, redis-server, the Postgres cluster), so that a harness that
 * dies or is interrupted leaves nothing running behind it.
 */
const leftovers = new Set();
process.once('exit', () => {
  for (const stop of leftovers) stop();
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

function started(child) {
  const stop = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  leftovers.add(stop);
  child.once('exit', () => leftovers.delete(stop));
  return child;
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exitOf(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode);
    else child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

/** `redis-server` on a free port, nothing saved: FLUSHALL is safe here and only here. */
class PrivateRedis {
  async start() {
    this.port = await freePort();
    this.child = started(
      spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      }),
    );
    this.url = `redis://127.0.0.1:${this.port}`;
    await until(() => listening(this.port), 'the private redis-server', 15_000);
    this.client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    return this.url;
  }

  flushAll() {
    return this.client.flushall();
  }

  dbSize() {
    return this.client.dbsize();
  }

  async stop() {
    this.client?.disconnect();
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await exitOf(this.child);
    }
  }
}

/**
 * A Postgres cluster of its own: initdb into a temporary folder with the Debian binaries, started,
 * stopped and restarted with pg_ctl. initdb refuses root, so as root the cluster belongs to the
 * `postgres` user (runuser).
 */
class PrivatePostgres {
  async start() {
    const versions = fs.existsSync('/usr/lib/postgresql')
      ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
      : [];
    const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => fs.existsSync(`${dir}/pg_ctl`));
    if (!bin) throw new Error('no Postgres binaries under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)');
    this.bin = bin;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-chaos-pg-'));
    this.asRoot = process.getuid?.() === 0;
    if (this.asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      fs.chownSync(this.dir, uid, gid);
    }
    this.data = path.join(this.dir, 'data');
    this.port = await freePort();
    this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    this.leftover = () => this.removeCluster();
    leftovers.add(this.leftover);
    await this.pgCtl('start');
    this.adminUrl = `postgres://postgres@127.0.0.1:${this.port}/postgres`;
    return this.adminUrl;
  }

  run(program, args) {
    const [command, argv] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', `${this.bin}/${program}`, ...args]]
      : [`${this.bin}/${program}`, args];
    return execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
  }

  /** `start`, `restart` (fast shutdown, then up again) or `stop` (immediate: as if the server crashed). */
  async pgCtl(action) {
    // fsync off: the world is thrown away afterwards, and an immediate stop still keeps what was committed.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const mode = action === 'stop' ? ['-m', 'immediate'] : action === 'restart' ? ['-m', 'fast'] : [];
    this.run('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'server.log'), '-o', options, '-w', ...mode, action]);
  }

  databaseUrl(name) {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async stop() {
    if (!this.data) return;
    leftovers.delete(this.leftover);
    this.removeCluster();
  }

  /** Stops the cluster and removes its folder; synchronous, so it can run as the harness exits. */
  removeCluster() {
    try {
      this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped (a scenario's fault may have left it down)
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One scenario's docketwatch: a migrated database on the private cluster and the roles, each a
 * child process started from the built CLI, that can be killed and started again by name.
 */
class ChaosInstallation {
  constructor({ postgres, redis, name, settings }) {
    this.postgres = postgres;
    this.redis = redis;
    this.name = name;
    this.settings = settings;
    /** Running roles by name ('poller-1' …). */
    this.roles = new Map();
    /** Roles started, killed and restarted: `{ role, at, event }`. */
    this.events = [];
    /** Roles that exited without being killed: `{ role, at, exit, ready, lastWords }`. */
    this.crashes = [];
    this.restarting = [];
    this.closing = false;
  }

  async open(catalogue) {
    assertBuilt();
    const admin = new Client({ connectionString: this.postgres.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${this.name} with (force)`);
    await admin.query(`create database ${this.name}`);
    await admin.end();
    this.url = this.postgres.databaseUrl(this.name);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-chaos-'));
    this.leftover = () => fs.rmSync(this.dir, { recursive: true, force: true });
    leftovers.add(this.leftover);
    this.catalogue = path.join(this.dir, 'catalogue.yaml');
    fs.writeFileSync(this.catalogue, catalogue);
    await this.redis.flushAll();
    const migrate = started(
      spawn(process.execPath, [CLI, 'migrate'], { cwd: this.dir, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    let output = '';
    migrate.stdout.on('data', (d) => (output += d));
    migrate.stderr.on('data', (d) => (output += d));
    if ((await exitOf(migrate)) !== 0) throw new Error(`docketwatch migrate failed:\n${output}`);
    // The harness's own connection, not @docketwatch/db's openDatabase: Postgres is stopped on
    // purpose, and pg emits 'error' on a client that loses its connection while checked out, which
    // ends the process unless the client has a listener (the pool's covers idle clients only).
    const pool = new Pool({ connectionString: this.url, max: 3 });
    pool.on('connect', (client) => client.on('error', () => undefined));
    pool.on('error', () => undefined);
    this.db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  }

  env() {
    return {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: this.url,
      MIGRATE_ON_START: 'false',
      REDIS_URL: this.redis.url,
      CATALOGUE: this.catalogue,
      DATA_DIR: this.dir,
      PORT: '0',
      HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
      ...this.settings,
    };
  }

  /** Starts a role (`poller-2` runs `docketwatch start poller`) and resolves once it says it runs. */
  async start(name) {
    const role = name.replace(/-\d+$/, '');
    const child = started(
      spawn(process.execPath, [CLI, 'start', role], { cwd: this.dir, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    const proc = { name, role, child, output: '', exited: exitOf(child) };
    const keep = (d) => (proc.output = (proc.output + d).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.roles.set(name, proc);
    this.events.push({ role: name, at: Date.now(), event: 'start' });
    void proc.exited.then((exit) => this.exitedByItself(proc, exit));
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`docketwatch start ${role} exited (${child.exitCode}):\n${proc.output}`);
        return /docketwatch (is running|\S+ running)/.test(proc.output);
      },
      `docketwatch start ${role}`,
      90_000,
    );
    proc.ready = true;
    return proc;
  }

  /**
   * A role that exited without being killed or stopped crashed: it is recorded, with the last
   * thing it logged, and started again a second later, as an orchestrator would.
   */
  exitedByItself(proc, exit) {
    if (this.roles.get(proc.name) !== proc) return;
    this.roles.delete(proc.name);
    const lastWords = proc.output.trim().split('\n').slice(-3).join(' ').slice(0, 600);
    this.crashes.push({ role: proc.name, at: Date.now(), exit, ready: proc.ready === true, lastWords });
    this.events.push({ role: proc.name, at: Date.now(), event: `exited by itself (${exit})` });
    this.restarting.push(this.startAgain(proc.name));
  }

  /** Starts a role again, trying each second while it cannot start (its dependencies may be down). */
  async startAgain(name) {
    while (!this.closing) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (this.closing || this.roles.has(name)) return;
      try {
        await this.start(name);
        return;
      } catch {
        // recorded as a crash by exitedByItself, which starts it again
        return;
      }
    }
  }

  async kill9(name) {
    const proc = this.roles.get(name);
    if (!proc) return null;
    this.roles.delete(name);
    const at = Date.now();
    proc.child.kill('SIGKILL');
    await proc.exited;
    this.events.push({ role: name, at, event: 'kill -9' });
    return at;
  }

  /** Every role's output that logged an error or worse (level 50+), for the report. */
  complaints() {
    return [...this.roles.values()].filter((p) => /"level":(50|60)/.test(p.output)).map((p) => p.name);
  }

  async stopRoles() {
    this.closing = true;
    const running = [...this.roles.values()];
    this.roles.clear();
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
    await Promise.all(running.map((proc) => Promise.race([proc.exited, new Promise((r) => setTimeout(r, 15_000))])));
    for (const proc of running) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }

  async close() {
    await this.stopRoles();
    await this.db?.destroy().catch(() => undefined);
    if (this.leftover) {
      leftovers.delete(this.leftover);
      this.leftover();
    }
  }
}

module.exports = { PrivateRedis, PrivatePostgres, ChaosInstallation, until };
