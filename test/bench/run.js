#!/usr/bin/env node
// `npm run bench`: the comparison farm (issue 10) and the micro-benchmarks, for docs/benchmarks.md.
// docketwatch runs as the built CLI's child processes on a throw-away database and Redis prefix;
// pages come from a farm of loopback hosts; urlwatch (Debian's) and a bare undici fetch are the
// comparisons. Each scenario runs its rounds and the report gives medians, ratios, the targets with
// pass/miss, and, as its last line, all of it as one JSON object. Prints figures; asserts nothing.
//
//   npm run bench                               everything, 3 rounds (about half an hour on 2 cores)
//   npm run bench -- --quick                    smaller sizes, 1 round: a few minutes
//   npm run bench -- --scenario passes,latency  only these (micro, passes, latency, fanout, digests)
//   node test/bench/run.js --pages 20 --hosts 2 --rounds 1 --no-urlwatch --json out.json
const fs = require('node:fs');
const os = require('node:os');
const { parseArgs } = require('node:util');
const { ensureServices } = require('../support/services');
const { dropLeftovers } = require('./docketwatch');
const { median, percentile, ratio, round3 } = require('./measure');

const SCENARIOS = ['micro', 'passes', 'latency', 'fanout', 'digests'];
const USAGE = `usage: node test/bench/run.js [flags]   (npm run bench -- [flags] builds first)
  --scenario a,b     scenarios to run: ${SCENARIOS.join(', ')} (default: all)
  --quick            smaller sizes and 1 round (200 pages on 10 hosts, 1,000 subscribers and digests)
  --pages N          pages in the farm (1000)            --hosts N        loopback hosts (50, at most 254)
  --rounds N         rounds per scenario (3)             --subscribers N  e-mail subscribers in fan-out (10000)
  --webhooks N       Slack webhooks in fan-out (200)     --digests N      digests to send (10000)
  --no-urlwatch      leave urlwatch out                  --json FILE      also write the report to FILE`;
const FULL = { pages: 1000, hosts: 50, rounds: 3, subscribers: 10000, webhooks: 200, digests: 10000 };
const QUICK = { pages: 200, hosts: 10, rounds: 1, subscribers: 1000, webhooks: 20, digests: 1000 };

function readOptions(argv) {
  const sizes = Object.fromEntries(Object.keys(FULL).map((key) => [key, { type: 'string' }]));
  const { values } = parseArgs({
    args: argv,
    options: {
      ...sizes,
      scenario: { type: 'string', default: SCENARIOS.join(',') },
      quick: { type: 'boolean', default: false },
      'no-urlwatch': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const options = { ...base, urlwatch: !values['no-urlwatch'], json: values.json ?? null, help: values.help };
  for (const key of Object.keys(FULL)) {
    if (values[key] === undefined) continue;
    const n = Number(values[key]);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${key} must be a whole number of at least 1`);
    options[key] = n;
  }
  if (options.hosts > 254) throw new Error('--hosts: at most 254 (127.0.0.1 to 127.0.0.254)');
  options.scenarios = values.scenario.split(',').map((s) => s.trim());
  const unknown = options.scenarios.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0) throw new Error(`--scenario: unknown ${unknown.join(', ')} (scenarios: ${SCENARIOS.join(', ')})`);
  return options;
}

const log = (line) => console.log(line);
const fmt = (n, digits = 2) => (n === null || n === undefined ? 'n/a' : Number(n).toFixed(digits));

function summarisePasses(passes) {
  const m = (pick) => round3(median(passes.rounds.map(pick)));
  const docketwatch = {
    coldSeconds: m((r) => r.docketwatch.cold.wallFromFirstRequestSeconds),
    warmSeconds: m((r) => r.docketwatch.warm.wallFromFirstRequestSeconds),
    coldSecondsFromDue: m((r) => r.docketwatch.cold.wallSeconds),
    warmSecondsFromDue: m((r) => r.docketwatch.warm.wallSeconds),
    coldCpuSecondsPer1000Polls: m((r) => r.docketwatch.cold.cpuSecondsPer1000Polls),
    warmCpuSecondsPer1000Polls: m((r) => r.docketwatch.warm.cpuSecondsPer1000Polls),
    peakRssMiB: m((r) => Math.max(r.docketwatch.cold.peakRssMiB ?? 0, r.docketwatch.warm.peakRssMiB ?? 0) || null),
    warmNotModifiedShare: m((r) => r.docketwatch.warm.responses.notModified / r.docketwatch.warm.sources),
    failedPolls: passes.rounds.reduce((n, r) => n + r.docketwatch.cold.failed + r.docketwatch.warm.failed + r.twoPollers.cold.failed, 0),
  };
  // What else was busy while docketwatch's passes ran: a pass bound by the machine shows it near 1.
  const cores = os.availableParallelism();
  const around = (pass) => ({
    postgresCpuSecondsPer1000Polls: m((r) => (r.docketwatch[pass].postgresCpuSeconds * 1000) / r.docketwatch[pass].sources),
    redisCpuSecondsPer1000Polls: m((r) => (r.docketwatch[pass].redisCpuSeconds * 1000) / r.docketwatch[pass].sources),
    machineBusyShare: m((r) => r.docketwatch[pass].machineCpuSeconds / (r.docketwatch[pass].measuredSeconds * cores)),
  });
  const alongside = { cold: around('cold'), warm: around('warm') };
  const twoPollers = {
    coldSeconds: m((r) => r.twoPollers.cold.wallFromFirstRequestSeconds),
    coldCpuSecondsPer1000Polls: m((r) => r.twoPollers.cold.cpuSecondsPer1000Polls),
    peakRssMiB: m((r) => r.twoPollers.cold.peakRssMiB),
  };
  const floor = {
    coldSeconds: m((r) => r.floor.cold.wallSeconds),
    warmSeconds: m((r) => r.floor.warm.wallSeconds),
    coldCpuSecondsPer1000Polls: m((r) => (r.floor.cold.cpuSeconds * 1000) / passes.pages),
    warmCpuSecondsPer1000Polls: m((r) => (r.floor.warm.cpuSeconds * 1000) / passes.pages),
    peakRssMiB: m((r) => r.floor.peakRssMiB),
  };
  const ran = passes.rounds.filter((r) => r.urlwatch);
  const u = (pick) => (ran.length ? round3(median(ran.map(pick))) : null);
  const urlwatch = {
    version: passes.urlwatch.version,
    ...(passes.urlwatch.skipped ? { skipped: passes.urlwatch.skipped } : {}),
    coldSeconds: u((r) => r.urlwatch.cold.wallSeconds),
    warmSeconds: u((r) => r.urlwatch.warm.wallSeconds),
    coldCpuSecondsPer1000Polls: u((r) => (r.urlwatch.cold.cpuSeconds * 1000) / passes.pages),
    warmCpuSecondsPer1000Polls: u((r) => (r.urlwatch.warm.cpuSeconds * 1000) / passes.pages),
    peakRssMiB: u((r) => Math.max(r.urlwatch.cold.peakRssMiB, r.urlwatch.warm.peakRssMiB)),
    errors: ran.reduce((n, r) => n + r.urlwatch.cold.errors + r.urlwatch.warm.errors, 0),
  };
  const ratios = {
    warmOverFloor: ratio(docketwatch.warmSeconds, floor.warmSeconds),
    coldOverFloor: ratio(docketwatch.coldSeconds, floor.coldSeconds),
    urlwatchWarmOverWarm: ratio(urlwatch.warmSeconds, docketwatch.warmSeconds),
    urlwatchColdOverCold: ratio(urlwatch.coldSeconds, docketwatch.coldSeconds),
    twoPollersSpeedup: ratio(docketwatch.coldSeconds, twoPollers.coldSeconds),
  };
  return {
    pages: passes.pages,
    hosts: passes.hosts,
    settings: passes.settings,
    docketwatch,
    twoPollers,
    floor,
    urlwatch,
    ratios,
    alongside,
    rounds: passes.rounds,
  };
}

function summariseLatency(latency) {
  const samples = latency.rounds.flatMap((r) => r.latenciesSeconds);
  return {
    pages: latency.pages,
    changedPerRound: latency.changedPerRound,
    settings: latency.settings,
    samples: samples.length,
    p50Seconds: round3(percentile(samples, 50)),
    p95Seconds: round3(percentile(samples, 95)),
    p99Seconds: round3(percentile(samples, 99)),
    ...(latency.unexpectedMessages ? { unexpectedMessages: latency.unexpectedMessages } : {}),
    rounds: latency.rounds,
  };
}

function summariseFanOut(fanout) {
  const m = (pick) => round3(median(fanout.rounds.map(pick)));
  return {
    subscribers: fanout.subscribers,
    webhooks: fanout.webhooks,
    settings: fanout.settings,
    deliveriesPerSecond: m((r) => r.deliveriesPerSecond),
    timeToFirstSeconds: m((r) => r.timeToFirstSeconds),
    timeToLastSeconds: m((r) => r.timeToLastSeconds),
    slackTimeToLastSeconds: m((r) => r.slackTimeToLastSeconds),
    notifierPeakRssMiB: m((r) => r.notifierPeakRssMiB),
    ...(fanout.unexpectedMessages ? { unexpectedMessages: fanout.unexpectedMessages } : {}),
    rounds: fanout.rounds,
  };
}

function summariseDigests(digests) {
  const m = (pick) => round3(median(digests.rounds.map(pick)));
  return {
    digests: digests.digests,
    entriesPerDigest: digests.entriesPerDigest,
    settings: digests.settings,
    seconds: m((r) => r.seconds),
    digestsPerSecond: m((r) => r.digestsPerSecond),
    notifierPeakRssMiB: m((r) => r.notifierPeakRssMiB),
    rounds: digests.rounds,
  };
}

/** The targets, each with the figure it is judged on; n/a when that figure was not measured. */
function targetsOf(report) {
  const p = report.passes;
  const target = (name, value, holds) => ({
    target: name,
    value,
    status: value === null || value === undefined ? 'n/a' : holds(value) ? 'pass' : 'miss',
  });
  return [
    target('warm pass at most 2x the floor (ratio)', p?.ratios.warmOverFloor, (v) => v <= 2),
    target('warm pass at least 5x faster than urlwatch (ratio)', p?.ratios.urlwatchWarmOverWarm, (v) => v >= 5),
    target('cold pass at least 2x faster than urlwatch (ratio)', p?.ratios.urlwatchColdOverCold, (v) => v >= 2),
    target('at most 1 CPU-ms per 304 poll (CPU-s per 1,000 warm polls)', p?.docketwatch.warmCpuSecondsPer1000Polls, (v) => v <= 1),
    target(`peak RSS at most 200 MiB at ${p?.pages ?? 1000} sources (MiB)`, p?.docketwatch.peakRssMiB, (v) => v <= 200),
    target('two pollers at least 1.7x one, cold pass (ratio)', p?.ratios.twoPollersSpeedup, (v) => v >= 1.7),
    target('change-to-alert p99 under 1 s (s)', report.latency?.p99Seconds, (v) => v < 1),
  ];
}

function printReport(report) {
  log('\nResults (medians of the rounds)');
  const p = report.passes;
  if (p) {
    log(`  passes over ${p.pages} pages on ${p.hosts} hosts (docketwatch from its first request; "from due" adds the wait for the tick)`);
    log('                         cold s   warm s   cold CPU-s/1k  warm CPU-s/1k  peak RSS MiB');
    const row = (name, f) =>
      log(
        `  ${name.padEnd(21)} ${fmt(f.coldSeconds).padStart(7)}  ${fmt(f.warmSeconds).padStart(7)}  ${fmt(f.coldCpuSecondsPer1000Polls, 3).padStart(13)}  ${fmt(f.warmCpuSecondsPer1000Polls, 3).padStart(13)}  ${fmt(f.peakRssMiB, 0).padStart(12)}`,
      );
    row('floor (undici, 16)', p.floor);
    row(`urlwatch ${p.urlwatch.version ?? '(skipped)'}`, p.urlwatch);
    row('docketwatch', p.docketwatch);
    row('docketwatch, 2 pollers', p.twoPollers);
    log(
      `  docketwatch from due: cold ${fmt(p.docketwatch.coldSecondsFromDue)} s, warm ${fmt(p.docketwatch.warmSecondsFromDue)} s; failed polls: ${p.docketwatch.failedPolls}`,
    );
    for (const pass of ['cold', 'warm']) {
      const a = p.alongside[pass];
      log(
        `  during docketwatch's ${pass} passes: Postgres ${fmt(a.postgresCpuSecondsPer1000Polls, 3)} CPU-s/1k, Redis ${fmt(a.redisCpuSecondsPer1000Polls, 3)} CPU-s/1k, machine busy ${fmt(a.machineBusyShare * 100, 0)}% of ${os.availableParallelism()} cores`,
      );
    }
    log(
      `  ratios: warm/floor ${fmt(p.ratios.warmOverFloor)}, cold/floor ${fmt(p.ratios.coldOverFloor)}, urlwatch/docketwatch warm ${fmt(p.ratios.urlwatchWarmOverWarm)}, cold ${fmt(p.ratios.urlwatchColdOverCold)}, two pollers ${fmt(p.ratios.twoPollersSpeedup)}x`,
    );
  }
  if (report.latency) {
    const l = report.latency;
    log(
      `  change to alert (${l.samples} alerts): p50 ${fmt(l.p50Seconds, 3)} s, p95 ${fmt(l.p95Seconds, 3)} s, p99 ${fmt(l.p99Seconds, 3)} s`,
    );
  }
  if (report.fanout) {
    const f = report.fanout;
    log(
      `  fan-out to ${f.subscribers} e-mail + ${f.webhooks} Slack: ${fmt(f.deliveriesPerSecond, 0)} deliveries/s, first after ${fmt(f.timeToFirstSeconds)} s, last after ${fmt(f.timeToLastSeconds)} s`,
    );
  }
  if (report.digests) {
    const d = report.digests;
    log(`  ${d.digests} digests: ${fmt(d.seconds)} s, ${fmt(d.digestsPerSecond, 0)} digests/s`);
  }
  log('\nTargets');
  for (const t of report.targets) log(`  ${t.status.padEnd(4)}  ${t.target}: ${t.value ?? 'not measured'}`);
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    log(USAGE);
    return;
  }
  const machine = {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round3(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  log(`docketwatch benchmarks  ${new Date().toISOString()}  node ${machine.node}  ${machine.nproc} cores`);
  log(`  scenarios: ${options.scenarios.join(', ')}; pages ${options.pages} on ${options.hosts} hosts, ${options.rounds} round(s)\n`);
  await ensureServices();
  await dropLeftovers();
  const report = {
    when: new Date().toISOString(),
    command: `node test/bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    options: { ...options, help: undefined },
    micro: null,
    passes: null,
    latency: null,
    fanout: null,
    digests: null,
  };
  const run = (name) => options.scenarios.includes(name);
  if (run('micro')) {
    log('Micro-benchmarks');
    report.micro = await require('./micro').runMicro();
  }
  if (run('passes')) {
    log('\nPasses: floor, urlwatch, docketwatch with one poller (cold, warm) and two (cold)');
    report.passes = summarisePasses(await require('./passes').runPasses({ ...options, log }));
  }
  if (run('latency')) {
    log('\nChange to alert: 1% of the pages change');
    report.latency = summariseLatency(await require('./latency').runLatency({ ...options, log }));
  }
  if (run('fanout')) {
    log('\nFan-out: one new entry to every subscriber');
    report.fanout = summariseFanOut(await require('./delivery').runFanOut({ ...options, log }));
  }
  if (run('digests')) {
    log('\nDigests');
    report.digests = summariseDigests(await require('./delivery').runDigests({ ...options, log }));
  }
  report.targets = targetsOf(report);
  printReport(report);
  const json = JSON.stringify(report);
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${json}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
