// Makes sure the Postgres and Redis the tests need are up, starting local ones when it can.
// Plain JS: it runs before anything is compiled (from `npm test` and from Jest's globalSetup).
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

function canConnect({ host, port }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitFor(target, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await canConnect(target)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function tryRun(command) {
  try {
    execSync(command, { stdio: 'ignore', timeout: 300_000 });
    return true;
  } catch {
    return false;
  }
}

/** Services this process started, so the run can stop them again and leave nothing behind. */
const started = [];

async function ensurePostgres() {
  const target = hostPort(PG_URL, 5432);
  if (await canConnect(target)) return;
  const local = ['127.0.0.1', 'localhost'].includes(target.host);
  if (local && fs.existsSync('/etc/postgresql')) {
    const version = fs.readdirSync('/etc/postgresql')[0];
    if (tryRun(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`)) {
      started.push(`pg_ctlcluster --skip-systemctl-redirect ${version} main stop`);
    }
  }
  if (!(await waitFor(target, 30))) {
    throw new Error(
      `Postgres is not reachable at ${target.host}:${target.port}. Start it (Debian: ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or set TEST_DATABASE_URL.',
    );
  }
}

async function ensureRedis() {
  const target = hostPort(REDIS_URL, 6379);
  if (await canConnect(target)) return;
  const local = ['127.0.0.1', 'localhost'].includes(target.host);
  if (local && tryRun(`redis-server --daemonize yes --bind 127.0.0.1 --port ${target.port} --save "" --appendonly no`)) {
    started.push(`redis-cli -h 127.0.0.1 -p ${target.port} shutdown nosave`);
  }
  if (!(await waitFor(target, 30))) {
    throw new Error(
      `Redis is not reachable at ${target.host}:${target.port}. Start it with ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` or set TEST_REDIS_URL.',
    );
  }
}

/**
 * The browser tests drive Debian's Chromium. On a fresh Debian machine where we are root, install it
 * (the registry's own browser downloads are not reachable here); elsewhere say how.
 */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(path)) return;
  if (process.getuid && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    tryRun('apt-get update -qq');
    tryRun('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  }
  if (!fs.existsSync(path)) {
    console.warn(
      'Chromium is not installed: the browser tests will fail. Install it with `apt-get install chromium` or set CHROMIUM_PATH.',
    );
  }
}

async function ensureServices() {
  await Promise.all([ensurePostgres(), ensureRedis()]);
}

function stopStartedServices() {
  for (const command of started.splice(0)) tryRun(command);
}

module.exports = { ensureServices, ensureChromium, stopStartedServices, PG_URL, REDIS_URL };
