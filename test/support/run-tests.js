#!/usr/bin/env node
// `npm test`: makes sure Postgres and Redis are up (starting local ones when it can), builds,
// runs every Jest project, then removes what the run created: test databases, Redis keys,
// and any service it had to start.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { Client } = require('pg');
const { Redis } = require('ioredis');
const { ensureServices, ensureChromium, stopStartedServices, PG_URL, REDIS_URL } = require('./services');

const root = path.resolve(__dirname, '../..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

async function cleanUp() {
  const pg = new Client({ connectionString: PG_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query("select datname from pg_database where datname like 'dw_test_%'");
    for (const { datname } of rows) await pg.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await pg.end();
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'dwtest:*', 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  await ensureServices();
  ensureChromium();
  const steps = [
    [bin('turbo'), ['run', 'build', '--output-logs=errors-only']],
    [bin('tsc'), ['-p', 'tsconfig.json']], // type-checks the tests too
    ['npm', ['run', '--silent', 'check:cycles']], // no import cycles, type-only imports included
    [bin('eslint'), ['.']],
    [bin('prettier'), ['--check', '--log-level=warn', '.']],
    [bin('jest'), ['--ci', '--maxWorkers=2', ...process.argv.slice(2)]],
  ];
  let status = 0;
  for (const [command, args] of steps) {
    status = run(command, args);
    if (status !== 0) break;
  }
  await cleanUp().catch((err) => console.error(`cleanup failed: ${err.message}`));
  stopStartedServices();
  process.exit(status);
}

main().catch((err) => {
  console.error(err.message);
  stopStartedServices();
  process.exit(1);
});
