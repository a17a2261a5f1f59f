// Scenarios 1 and 5: cold and warm passes over the farm by docketwatch (one poller process, then
// two), against the bare-fetch floor and urlwatch, each round in the same order.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const execFile = promisify(require('node:child_process').execFile);
const { PageFarm } = require('./farm');
const { BenchInstallation } = require('./docketwatch');
const { ensureUrlwatch, runUrlwatch } = require('./urlwatch');

/** docketwatch's defaults, except what the comparison needs: 16 polls at once and loopback addresses allowed. */
const POLLER_SETTINGS = { POLL_CONCURRENCY: '16', ALLOW_PRIVATE_URLS: 'true' };
const FLOOR_CONCURRENCY = 16;

/** In a child process, so the farm (in this one) is not competing with it for an event loop. */
async function floorPasses(urlsFile) {
  const { stdout } = await execFile(process.execPath, [path.join(__dirname, 'floor.js'), urlsFile, String(FLOOR_CONCURRENCY)]);
  return JSON.parse(stdout);
}

/** docketwatch's cold pass, and its warm pass when asked, with `pollers` poller processes beside one scheduler. */
async function docketwatchPasses(install, farm, { pollers, warm, timeoutMs }) {
  await install.forgetSources();
  const processes = [await install.start('scheduler', POLLER_SETTINGS)];
  for (let i = 0; i < pollers; i++) processes.push(await install.start('poller', POLLER_SETTINGS));
  try {
    const cold = await install.pass(farm, processes, timeoutMs);
    return { cold, ...(warm ? { warm: await install.pass(farm, processes, timeoutMs) } : {}) };
  } finally {
    await install.stopAll();
  }
}

/**
 * @param {{ pages: number, hosts: number, rounds: number, urlwatch: boolean, log: (line: string) => void }} options
 */
async function runPasses({ pages, hosts, rounds, urlwatch, log }) {
  const farm = new PageFarm({ pages, hosts });
  const install = new BenchInstallation('passes');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-passes-'));
  const result = { pages, hosts, settings: POLLER_SETTINGS, rounds: [] };
  try {
    await farm.start();
    await install.open();
    await install.addPageSources(farm.urls());
    const urlsFile = path.join(dir, 'urls.txt');
    fs.writeFileSync(urlsFile, `${farm.urls().join('\n')}\n`);
    const comparison = urlwatch ? ensureUrlwatch() : { version: null, skipped: 'left out (--no-urlwatch)' };
    result.urlwatch = comparison;
    if (comparison.skipped) log(`  urlwatch: ${comparison.skipped}`);
    // Passes over 1,000 pages take seconds; the limit only stops a stuck run.
    const timeoutMs = Math.max(120_000, pages * 600);
    for (let round = 1; round <= rounds; round++) {
      const figures = { round };
      figures.floor = await floorPasses(urlsFile);
      log(
        `  round ${round}: floor cold ${figures.floor.cold.wallSeconds.toFixed(2)} s, warm ${figures.floor.warm.wallSeconds.toFixed(2)} s`,
      );
      if (comparison.version) {
        const cache = fs.mkdtempSync(path.join(dir, `urlwatch-${round}-`));
        figures.urlwatch = { cold: await runUrlwatch(farm.urls(), cache), warm: await runUrlwatch(farm.urls(), cache) };
        log(
          `  round ${round}: urlwatch cold ${figures.urlwatch.cold.wallSeconds.toFixed(2)} s, warm ${figures.urlwatch.warm.wallSeconds.toFixed(2)} s`,
        );
      }
      const one = await docketwatchPasses(install, farm, { pollers: 1, warm: true, timeoutMs });
      figures.docketwatch = one;
      log(`  round ${round}: docketwatch cold ${one.cold.wallSeconds.toFixed(2)} s, warm ${one.warm.wallSeconds.toFixed(2)} s`);
      figures.twoPollers = await docketwatchPasses(install, farm, { pollers: 2, warm: false, timeoutMs });
      log(`  round ${round}: docketwatch with two pollers, cold ${figures.twoPollers.cold.wallSeconds.toFixed(2)} s`);
      result.rounds.push(figures);
    }
    return result;
  } finally {
    await install.close();
    await farm.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runPasses, POLLER_SETTINGS };
