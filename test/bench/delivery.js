// Scenarios 3 and 4: one new entry fanned out to many e-mail subscribers and Slack webhooks, and
// many daily digests built and sent. The notifier runs as its own process; mail goes to a local
// SMTP server, Slack posts to a local stand-in.
const db = require('@docketwatch/db');
const { PageFarm } = require('./farm');
const { BenchInstallation } = require('./docketwatch');
const { MailSink, ChatSink } = require('./sinks');
const { POLLER_SETTINGS } = require('./passes');
const { NOTIFIER_SETTINGS } = require('./latency');
const { peakRssBytes, until } = require('./measure');

/**
 * SMTP_RATE_PER_SECOND (20 by default) is the pace a real provider allows; against a local server it
 * would be the only thing measured, so it is set to its highest.
 */
const SENDING_SETTINGS = { ...NOTIFIER_SETTINGS, SMTP_RATE_PER_SECOND: '10000' };
const INSERT_BATCH = 5000;
const ALIAS = 'Caldera Fanout Holdings';
const reader = (i) => `reader${String(i).padStart(5, '0')}@bench.test`;

async function insertSubscriptions(conn, rows) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await conn
      .insertInto('subscriptions')
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
}

/**
 * @param {{ subscribers: number, webhooks: number, rounds: number, log: (line: string) => void }} options
 */
async function runFanOut({ subscribers, webhooks, rounds, log }) {
  const farm = new PageFarm({ pages: 1, hosts: 1 });
  const install = new BenchInstallation('fanout');
  const smtp = new MailSink();
  const slack = new ChatSink();
  const result = { subscribers, webhooks, settings: { ...POLLER_SETTINGS, ...SENDING_SETTINGS }, rounds: [] };
  try {
    const [smtpUrl, slackUrl] = await Promise.all([smtp.start(), slack.start(), farm.start()]);
    await install.open();
    await install.addPageSources(farm.urls());
    const matter = await db.upsertMatter(install.db, { slug: 'fanout', name: 'Fan-out matter', aliases: [ALIAS] });
    await insertSubscriptions(install.db, [
      ...Array.from({ length: subscribers }, (_, i) => ({ matter_id: matter.id, channel: 'email', target: reader(i), label: '' })),
      ...Array.from({ length: webhooks }, (_, i) => ({
        matter_id: matter.id,
        channel: 'slack',
        target: `${slackUrl}/services/T0/B${i}/bench`,
        label: '',
      })),
    ]);
    const processes = [
      await install.start('scheduler', POLLER_SETTINGS),
      await install.start('poller', POLLER_SETTINGS),
      await install.start('notifier', { ...SENDING_SETTINGS, SMTP_URL: smtpUrl }),
    ];
    await install.pass(farm, processes, 60_000); // the baseline
    const deliveries = subscribers + webhooks;
    for (let round = 1; round <= rounds; round++) {
      farm.change(0, `Statement on ${ALIAS}, round ${round}`);
      await install.pass(farm, processes, 60_000);
      const fetchedAt = farm.firstServedAt(0);
      await until(
        () => smtp.total >= subscribers * round && slack.total >= webhooks * round,
        `${deliveries} deliveries (have ${smtp.total} mails, ${slack.total} Slack posts)`,
        Math.max(120_000, deliveries * 100),
        200,
      );
      const last = Math.max(smtp.last, slack.last);
      const firstOf = (sink, keys) => Math.min(...keys.map((k) => sink.arrival(k, round) ?? Infinity));
      const first = Math.min(firstOf(smtp, [reader(0)]), firstOf(slack, [`/services/T0/B0/bench`]));
      const figures = {
        round,
        timeToFirstSeconds: Number.isFinite(first) ? (first - fetchedAt) / 1000 : null,
        timeToLastSeconds: (last - fetchedAt) / 1000,
        deliveriesPerSecond: deliveries / ((last - fetchedAt) / 1000),
        slackTimeToLastSeconds: webhooks > 0 ? (slack.last - fetchedAt) / 1000 : null,
        notifierPeakRssMiB: peakRssBytes(processes[2].pid) / 1048576,
      };
      result.rounds.push(figures);
      log(
        `  round ${round}: ${deliveries} deliveries, last ${figures.timeToLastSeconds.toFixed(2)} s after the page was fetched (${Math.round(figures.deliveriesPerSecond)}/s)`,
      );
    }
    const extra = smtp.total + slack.total - deliveries * rounds;
    if (extra !== 0) result.unexpectedMessages = extra;
    return result;
  } finally {
    await install.close();
    await Promise.all([farm.stop(), smtp.stop(), slack.stop()]);
  }
}

/** The last hour boundary (UTC) at or before now: the digest window that has just closed for digest_hour = that hour. */
function lastHourBoundary(now = new Date()) {
  const at = new Date(now);
  at.setUTCMinutes(0, 0, 0);
  return at;
}

/**
 * @param {{ digests: number, rounds: number, log: (line: string) => void }} options
 */
async function runDigests({ digests, rounds, log }) {
  const install = new BenchInstallation('digests');
  const smtp = new MailSink();
  const result = { digests, entriesPerDigest: 5, settings: SENDING_SETTINGS, rounds: [] };
  try {
    const smtpUrl = await smtp.start();
    await install.open();
    const conn = install.db;
    const matter = await db.upsertMatter(conn, { slug: 'digest', name: 'Digest matter' });
    const docket = await db.upsertDocket(conn, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951' });
    const source = await db.upsertSource(conn, { kind: 'pacer-rss', name: 'bench', address: 'http://bench.test/rss', intervalSeconds: 60 });
    await conn.updateTable('sources').set({ enabled: false }).execute();
    const entries = Array.from({ length: result.entriesPerDigest }, (_, i) => ({
      entryNumber: String(i + 1),
      filedAt: '2025-04-07T14:05:00-04:00',
      shortDescription: 'Order',
      description: `ORDER number ${i + 1} granting the motion in part.`,
      documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931${i}`,
      pacerDocId: `0931${i}`,
      attachments: [],
    }));
    await conn.transaction().execute((trx) => db.storeDocketEntries(trx, { sourceId: source.id, docket, entries, baseline: false }));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await insertSubscriptions(
      conn,
      Array.from({ length: digests }, (_, i) => ({
        matter_id: matter.id,
        channel: 'email',
        target: reader(i),
        label: '',
        mode: 'digest',
        time_zone: 'UTC',
        digest_hour: 0,
        created_at: twoDaysAgo,
      })),
    );
    for (let round = 1; round <= rounds; round++) {
      // Each round: the window that closed at the last full hour holds the entries, and nobody has had it yet.
      const windowEnd = lastHourBoundary();
      await conn.deleteFrom('digest_runs').execute();
      await conn.updateTable('subscriptions').set({ digest_hour: windowEnd.getUTCHours(), last_digest_at: null }).execute();
      await conn
        .updateTable('outbox_events')
        .set({ created_at: new Date(windowEnd.getTime() - 3_600_000) })
        .execute();
      const before = smtp.total;
      // The sweep runs once a minute from the notifier's start; the figures start at its first claim.
      const notifier = await install.start('notifier', { ...SENDING_SETTINGS, SMTP_URL: smtpUrl });
      await until(() => smtp.total - before >= digests, `${digests} digests (have ${smtp.total - before})`, 90_000 + digests * 100, 200);
      const peakRssMiB = peakRssBytes(notifier.pid) / 1048576;
      // Stopping waits for the sweep to finish, so every window it sent is marked.
      await install.stopAll();
      const claimed = await conn
        .selectFrom('digest_runs')
        .select([(eb) => eb.fn.min('claimed_at').as('first'), (eb) => eb.fn.countAll().as('n')])
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow();
      const seconds = (smtp.last - new Date(claimed.first).getTime()) / 1000;
      result.rounds.push({ round, sent: Number(claimed.n), seconds, digestsPerSecond: digests / seconds, notifierPeakRssMiB: peakRssMiB });
      log(
        `  round ${round}: ${digests} digests in ${seconds.toFixed(2)} s from the sweep's first claim (${Math.round(digests / seconds)}/s)`,
      );
    }
    return result;
  } finally {
    await install.close();
    await smtp.stop();
  }
}

module.exports = { runFanOut, runDigests };
