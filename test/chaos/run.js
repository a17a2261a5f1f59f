#!/usr/bin/env node
// `npm run chaos`: the reliability harness (issue 11). docketwatch runs as separate role processes
// (scheduler, two pollers, two notifiers, api) from the built CLI, on a Postgres cluster and a Redis
// of the harness's own, against a local world of court feeds, a Supreme Court docket and a press
// page that change on demand, an SMTP server and Slack, webhook and Teams receivers. Each scenario
// prints its table; the last line is the whole report as one JSON object. Prints figures; asserts nothing.
//
//   npm run chaos                                   every scenario, full length (under 20 minutes)
//   npm run chaos -- --quick                        shorter streams: about 10 minutes
//   npm run chaos -- --scenario steady,kill         only these (steady, kill, redis-flush, postgres, receivers, burst, sources)
//   node test/chaos/run.js --quick --seconds 10 --json out.json --seed 7
const fs = require('node:fs');
const os = require('node:os');
const { parseArgs } = require('node:util');
const { PrivatePostgres, PrivateRedis } = require('./installation');
const { SCENARIOS, runScenario } = require('./scenarios');

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: SCENARIOS.map((s) => s.id).join(',') },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      seed: { type: 'string', default: '11' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const ids = values.scenario.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new Error(`--scenario: unknown ${unknown.join(', ')} (scenarios: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  const whole = (name, value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  return {
    scenarios: SCENARIOS.filter((s) => ids.includes(s.id)),
    quick: values.quick,
    seconds: values.seconds === undefined ? null : whole('seconds', values.seconds),
    seed: whole('seed', values.seed),
    json: values.json ?? null,
    help: values.help,
  };
}

const log = (line) => console.log(line);
const fmt = (n, digits = 3) => (n === null || n === undefined ? 'n/a' : Number(n).toFixed(digits));

function printScenario(r) {
  const rows = [
    ['filed', r.filed],
    ['expected (filing × recipient)', r.expected],
    ['delivered', r.delivered],
    ['duplicated (same id / without)', `${r.duplicated} (${r.duplicatesSameId} / ${r.duplicatesWithoutSameId})`],
    ['lost', r.lost],
    ['unexpected arrivals', r.unexpected],
    ['messages carrying no filing', r.alertsWithoutFiling],
    ['requests to a held destination', r.heldRequests],
    [
      'latency after the poll p50 / p95 / p99 s',
      `${fmt(r.latency.p50Seconds)} / ${fmt(r.latency.p95Seconds)} / ${fmt(r.latency.p99Seconds)} (${r.latency.samples})`,
    ],
    [
      '  by channel p50 / p99 s',
      Object.entries(r.latencyByChannel)
        .map(([channel, l]) => `${channel} ${fmt(l.p50Seconds)} / ${fmt(l.p99Seconds)}`)
        .join(', '),
    ],
    ['operator notices', r.operatorNotices],
    [
      'sources gone failing / layout-changed',
      r.sourcesWentBad.map((s) => `${s.name} (${s.health}, ${s.lastErrorCode ?? 'no error code'})`).join('; ') || 'none',
    ],
    ['  of them without a notice', r.sourcesBadWithoutNotice.join('; ') || 'none'],
    ['Redis keys at the end', r.redisKeys],
  ];
  if (r.slackMissingFromBursts !== null) rows.push(['Slack entries missing from bursts', r.slackMissingFromBursts]);
  if (r.resumes.length)
    rows.push([
      'dead sender resumed after s',
      r.resumes.map((x) => `${x.role}: ${fmt(x.resumedAfterSeconds)} (${x.heldDeliveries} held)`).join('; '),
    ]);
  if (r.faultySourcesNeverBad.length) rows.push(['faulty sources never reported bad', r.faultySourcesNeverBad.join('; ')]);
  if (r.roleErrors.length) rows.push(['roles that logged errors', r.roleErrors.join(', ')]);
  if (r.roleCrashes.length)
    rows.push([
      'roles that exited by themselves (restarted)',
      r.roleCrashes.map((c) => `${c.role} at ${fmt(c.atSeconds, 1)} s (${c.exit}${c.whileRunning ? '' : ', while starting'})`).join('; '),
    ]);
  log(`  ${r.title}: ${r.streamSeconds} s of filings, ${fmt(r.wallSeconds, 0)} s in all`);
  for (const [name, value] of rows) log(`    ${name.padEnd(42)} ${value}`);
  if (r.lost) log(`    lost, first few: ${r.lostPairs.join(', ')}`);
}

/** The targets, each judged on the scenarios that measure it. */
function targetsOf(results) {
  const all = (pick) => (results.length ? results.every(pick) : null);
  const steady = results.find((r) => r.scenario === 'steady');
  const resumes = results.flatMap((r) => r.resumes.map((x) => x.resumedAfterSeconds)).filter((s) => s !== null);
  const target = (name, value, holds) => ({
    target: name,
    value,
    status: value === null || value === undefined ? 'n/a' : holds ? 'pass' : 'miss',
  });
  const lost = results.reduce((n, r) => n + r.lost, 0);
  const outsideKills = results.filter((r) => r.scenario !== 'kill').reduce((n, r) => n + r.duplicated, 0);
  const withoutId = results.reduce((n, r) => n + r.duplicatesWithoutSameId, 0);
  const slack = results.filter((r) => r.slackMissingFromBursts !== null);
  const held = results.reduce((n, r) => n + r.heldRequests, 0);
  const crashes = results.flatMap((r) => r.roleCrashes.filter((c) => c.whileRunning).map((c) => `${r.scenario}: ${c.role}`));
  const noNotice = results.flatMap((r) =>
    r.sourcesWentBad.filter((s) => s.health.includes('failing') && r.sourcesBadWithoutNotice.includes(s.name)),
  );
  return [
    target(
      'lost 0 in every scenario',
      lost,
      all((r) => r.lost === 0),
    ),
    target('no running role exits by itself', crashes.length ? crashes : 0, crashes.length === 0),
    target('no duplicates outside the kill scenario', outsideKills, outsideKills === 0),
    target('duplicates carry the same Message-ID or webhook-id', withoutId, withoutId === 0),
    target(
      'Slack entries missing from a burst: 0',
      slack.length ? slack.reduce((n, r) => n + r.slackMissingFromBursts, 0) : null,
      slack.every((r) => r.slackMissingFromBursts === 0),
    ),
    target('requests to a destination inside its Retry-After: 0', held, held === 0),
    target(
      'lone filing latency after its poll p99 < 1 s (steady)',
      steady?.latency.p99Seconds ?? null,
      (steady?.latency.p99Seconds ?? Infinity) < 1,
    ),
    target(
      "a dead sender's deliveries resumed in < 15 s (slowest)",
      resumes.length ? Math.max(...resumes) : null,
      resumes.every((s) => s < 15),
    ),
    target(
      'an operator notice for every source that went failing',
      noNotice.length ? noNotice.map((s) => s.name) : results.some((r) => r.sourcesWentBad.length) ? 0 : null,
      noNotice.length === 0,
    ),
  ];
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    log(
      fs
        .readFileSync(__filename, 'utf8')
        .split('\n')
        .slice(1, 12)
        .join('\n')
        .replace(/^\/\/ ?/gm, ''),
    );
    return;
  }
  const machine = {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    load: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
  log(`docketwatch chaos  ${new Date().toISOString()}  node ${machine.node}  ${machine.nproc} cores, load ${machine.load.join(' ')}`);
  log(`  scenarios: ${options.scenarios.map((s) => s.id).join(', ')}${options.quick ? ' (quick)' : ''}`);
  const postgres = new PrivatePostgres();
  const redis = new PrivateRedis();
  const results = [];
  try {
    await Promise.all([postgres.start(), redis.start()]);
    log(`  private Postgres on port ${postgres.port} (${postgres.bin}), private Redis on port ${redis.port}\n`);
    for (const spec of options.scenarios) {
      log(`Scenario ${spec.number}: ${spec.title}`);
      const result = await runScenario(spec, { ...options, postgres, redis, log });
      printScenario(result);
      results.push(result);
      log('');
    }
  } finally {
    await Promise.all([postgres.stop(), redis.stop()]);
  }
  const report = {
    when: new Date().toISOString(),
    command: `node test/chaos/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    quick: options.quick,
    seed: options.seed,
    scenarios: results,
    targets: targetsOf(results),
  };
  log('Targets');
  for (const t of report.targets)
    log(`  ${t.status.padEnd(4)}  ${t.target}: ${Array.isArray(t.value) ? t.value.join(', ') : (t.value ?? 'not measured')}`);
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${JSON.stringify(report)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
