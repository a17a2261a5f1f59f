// The micro-benchmarks (`npm run bench -- --scenario micro`): parsing real fixtures, storing and
// fanning out in a throw-away Postgres database, sending through a local SMTP server. Each figure
// is printed and returned.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { parsePacerRss, parseScotusDocket } = require('@docketwatch/sources');
const db = require('@docketwatch/db');
const { EmailSender, pushChannelIds, renderEntryEmail } = require('@docketwatch/notify');
const { SMTPServer } = require('smtp-server');
const { PG_URL } = require('../support/services');
const { BENCH_PREFIX } = require('./docketwatch');

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/juriscraper/tests/examples');
const read = (rel, enc = 'utf8') => fs.readFileSync(path.join(FIXTURES, rel), enc);

/** Each figure goes to `figures` as { what, msPerOp, perSecond, unit } and is printed. */
function time(figures, label, iterations, unitsPerIteration, unit, fn) {
  for (let i = 0; i < Math.min(5, iterations); i++) fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const ms = performance.now() - start;
  const perSecond = (iterations * unitsPerIteration * 1000) / ms;
  figures.push({ what: label.trim(), msPerOp: ms / iterations, perSecond, unit });
  console.log(
    `${label.padEnd(58)} ${(ms / iterations).toFixed(2).padStart(9)} ms/op  ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} ${unit}/s`,
  );
}

async function timeAsync(figures, label, units, unit, fn) {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  figures.push({ what: label.trim(), msPerOp: ms, perSecond: (units * 1000) / ms, unit });
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(0).padStart(9)} ms     ${Math.round((units * 1000) / ms)
      .toLocaleString('en-US')
      .padStart(10)} ${unit}/s`,
  );
}

async function withDatabase(fn) {
  const name = `${BENCH_PREFIX}micro_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const handle = await db.openDatabase({ url: url.toString(), poolSize: 4 });
  try {
    await db.migrateToLatest(handle.db);
    await fn(handle.db);
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function runMicro() {
  const figures = [];
  console.log('Parsing (pure functions, real fixtures)');
  const sdny = read('pacer/rss_feeds/sdny_1.xml', 'latin1');
  const items = (sdny.match(/<item>/g) || []).length;
  time(figures, `  CM/ECF RSS, sdny_1.xml (${(sdny.length / 1024).toFixed(0)} KiB, ${items} items)`, 50, items, 'items', () =>
    parsePacerRss(sdny),
  );
  const scotusJson = read('scotus/dockets/json/21-1397.compare.json');
  const proceedings = JSON.parse(scotusJson).ProceedingsandOrder.length;
  time(figures, `  Supreme Court docket JSON, 21-1397 (${proceedings} entries)`, 200, proceedings, 'entries', () =>
    parseScotusDocket(scotusJson),
  );
  const scotusHtml = read('scotus/dockets/html/16-1014.html');
  time(figures, '  Supreme Court docket HTML, 16-1014', 100, 1, 'pages', () => parseScotusDocket(scotusHtml));

  await withDatabase(async (conn) => {
    console.log('\nStoring (real Postgres; one transaction per batch, as a poll does)');
    const matter = await db.upsertMatter(conn, { slug: 'bench', name: 'Bench' });
    const docket = await db.upsertDocket(conn, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951' });
    const source = await db.upsertSource(conn, { kind: 'pacer-rss', name: 'bench', address: 'http://bench.test/rss', intervalSeconds: 60 });
    const N = 5000;
    const entries = Array.from({ length: N }, (_, i) => ({
      entryNumber: String(i + 1),
      filedAt: '2025-04-07T14:05:00-04:00',
      shortDescription: 'Order',
      description: `ORDER number ${i + 1}`,
      documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931${i}`,
      pacerDocId: `0931${i}`,
      attachments: [],
    }));
    const batches = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
    await timeAsync(figures, `  ${N} new entries, batches of 100 (entries, sightings, outbox)`, N, 'entries', async () => {
      for (const batch of batches(entries, 100)) {
        await conn
          .transaction()
          .execute((trx) => db.storeDocketEntries(trx, { sourceId: source.id, docket, entries: batch, baseline: false }));
      }
    });
    await timeAsync(figures, `  the same ${N} entries again (idempotent: nothing changes)`, N, 'entries', async () => {
      for (const batch of batches(entries, 100)) {
        await conn
          .transaction()
          .execute((trx) => db.storeDocketEntries(trx, { sourceId: source.id, docket, entries: batch, baseline: false }));
      }
    });
    console.log('\nFan-out (outbox events to delivery rows)');
    const SUBS = 10000;
    await conn
      .insertInto('subscriptions')
      .values(Array.from({ length: SUBS }, (_, i) => ({ matter_id: matter.id, channel: 'email', target: `reader${i}@example.com` })))
      .execute();
    await conn.deleteFrom('outbox_events').where('id', '>', 1).execute();
    await timeAsync(figures, `  1 event x ${SUBS.toLocaleString('en-US')} subscribers`, SUBS, 'deliveries', async () => {
      await db.fanOutPendingEvents(conn, { limit: 500, channels: pushChannelIds });
    });
  });
  console.log('\nSending (a local smtp-server as the receiving MTA)');
  await smtpThroughput(figures, 2000);
  return figures;
}

async function smtpThroughput(figures, count) {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  const sender = new EmailSender({ from: 'bench <bench@example.test>', smtpUrl: `smtp://127.0.0.1:${port}`, ratePerSecond: 100000 });
  const view = {
    kind: 'new',
    source: 'court',
    entryClass: 'order',
    matterName: 'Abrego Garcia v. Noem',
    matterUrl: 'http://localhost/matters/abrego-garcia',
    court: 'mdd',
    courtName: 'D. Md.',
    docketNumber: '8:25-cv-00951',
    caseName: 'Abrego Garcia v. Noem',
    entryNumber: '31',
    filedAt: '2025-04-07T14:05:00-04:00',
    shortDescription: 'Order',
    description: 'ORDER granting Motion for Temporary Restraining Order.',
    documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/1',
  };
  const rendered = renderEntryEmail(view);
  await timeAsync(figures, `  ${count} alert e-mails through one pooled SMTP transport (5 connections)`, count, 'messages', async () => {
    const queue = Array.from({ length: count }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = queue.pop(); i !== undefined; i = queue.pop()) {
          await sender.send({ ...rendered, to: `reader${i}@example.com`, messageId: `<bench-${i}@example.test>` });
        }
      }),
    );
  });
  await sender.close();
  await new Promise((resolve) => server.close(resolve));
  return received;
}

module.exports = { runMicro };
