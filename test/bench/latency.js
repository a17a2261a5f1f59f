// Scenario 2: 1% of the pages change; how long from docketwatch fetching a changed page to the
// alert arriving at a local SMTP server. Timing starts when the farm first served the changed page,
// which takes out the wait for the next scheduled poll. Each changed page mentions its own matter,
// followed by its own subscriber, so every change is one alert to one address.
const db = require('@docketwatch/db');
const { PageFarm } = require('./farm');
const { BenchInstallation } = require('./docketwatch');
const { MailSink } = require('./sinks');
const { POLLER_SETTINGS } = require('./passes');
const { until } = require('./measure');

/**
 * The notifier's defaults, except its coalescing window: COALESCE_SECONDS (15 s) holds a new alert on
 * purpose, to merge a burst; like the poll interval it is a chosen wait, not the system's latency.
 */
const NOTIFIER_SETTINGS = { COALESCE_SECONDS: '0', ALLOW_PRIVATE_URLS: 'true' };

/** A name made of letters only (0 → "Ab", 1 → "Ac" …), so no alias is a prefix of another's words. */
function lettersOf(n) {
  let word = '';
  for (let k = n + 1; k > 0; k = Math.floor(k / 26)) word = String.fromCharCode(97 + (k % 26)) + word;
  return `A${word}`;
}

const aliasOf = (page) => `Caldera ${lettersOf(page)} Holdings`;
const subscriberOf = (page) => `watch-${page}@bench.test`;

/**
 * @param {{ pages: number, hosts: number, rounds: number, log: (line: string) => void }} options
 */
async function runLatency({ pages, hosts, rounds, log }) {
  const farm = new PageFarm({ pages, hosts });
  const install = new BenchInstallation('latency');
  const smtp = new MailSink();
  const changedCount = Math.max(1, Math.round(pages / 100));
  const step = Math.floor(pages / changedCount);
  const changed = Array.from({ length: changedCount }, (_, i) => i * step + (i % Math.max(1, step)));
  const result = { pages, hosts, changedPerRound: changedCount, settings: { ...POLLER_SETTINGS, ...NOTIFIER_SETTINGS }, rounds: [] };
  try {
    const [smtpUrl] = await Promise.all([smtp.start(), farm.start()]);
    await install.open();
    await install.addPageSources(farm.urls());
    for (const page of changed) {
      const matter = await db.upsertMatter(install.db, { slug: `bench-${page}`, name: `Bench matter ${page}`, aliases: [aliasOf(page)] });
      await db.upsertSubscription(install.db, { matterId: matter.id, channel: 'email', target: subscriberOf(page) });
    }
    const processes = [
      await install.start('scheduler', POLLER_SETTINGS),
      await install.start('poller', POLLER_SETTINGS),
      await install.start('notifier', { ...NOTIFIER_SETTINGS, SMTP_URL: smtpUrl }),
    ];
    const timeoutMs = Math.max(120_000, pages * 600);
    await install.pass(farm, processes, timeoutMs); // the baseline: first polls alert no one
    for (let round = 1; round <= rounds; round++) {
      for (const page of changed) farm.change(page, `Statement on ${aliasOf(page)}, round ${round}`);
      const pass = await install.pass(farm, processes, timeoutMs);
      await until(() => changed.every((page) => smtp.arrival(subscriberOf(page), round)), `${changedCount} alerts`, 120_000);
      const latencies = changed.map((page) => (smtp.arrival(subscriberOf(page), round) - farm.firstServedAt(page)) / 1000);
      result.rounds.push({ round, latenciesSeconds: latencies, passWallSeconds: pass.wallSeconds });
      log(`  round ${round}: ${changedCount} alerts, slowest ${Math.max(...latencies).toFixed(3)} s after its page was fetched`);
    }
    const extra = smtp.total - changedCount * rounds;
    if (extra !== 0) result.unexpectedMessages = extra;
    return result;
  } finally {
    await install.close();
    await Promise.all([farm.stop(), smtp.stop()]);
  }
}

module.exports = { runLatency, NOTIFIER_SETTINGS, lettersOf };
