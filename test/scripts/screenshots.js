#!/usr/bin/env node
// Renders the documentation screenshots in docs/screenshots/ with the real renderers and the real
// web UI, in the system Chromium:
//
//   alert-email.png   one alert (renderEntryEmail + withUnsubscribe)
//   burst-email.png   a burst of four entries in one e-mail (renderBurstEmail)
//   digest-email.png  a daily digest over two matters (renderDigestEmail)
//   <page>-1280.png and <page>-390.png, the web app at a desktop's and a phone's width, served by
//   the API over a throwaway embedded (PGlite) database:
//     home            every matter: latest activity, counts, next hearing or deadline
//     matter          the Abrego Garcia timeline page, with its filters and subscribe form
//     search          results of a search, with the form to follow it by e-mail
//     manage          a subscriber's manage page (opened by the signed link alerts carry)
//     outbox          the admin's outbox (signed in with an admin key)
//
// Plain Node, no Jest and no TypeScript loader: it requires the BUILT workspace packages, so build
// first:   npx turbo run build && node test/scripts/screenshots.js
// CHROMIUM_PATH overrides /usr/bin/chromium. The browser is confined to 127.0.0.1 and file: pages.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const PUBLIC_URL = 'https://docketwatch.example.org';
const EMAIL_WIDTH = 800;
const PAGE_WIDTHS = [1280, 390];
const LINK_SECRET = 'screenshots';

function requireBuilt(name) {
  try {
    return require(name);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') {
      throw new Error(`${name} is not built (${err.message.split('\n')[0]}): run \`npx turbo run build\` first.`);
    }
    throw err;
  }
}

// Same rules as test/support/browser.ts (which this plain-JS script cannot require).
function chromiumPath() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    throw new Error(`No Chromium at ${candidate}: install it with \`apt-get install chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH.`);
  }
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

function isLocalUrl(raw) {
  try {
    const url = new URL(raw);
    if (['file:', 'data:', 'about:'].includes(url.protocol)) return true;
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The data: Abrego Garcia v. Noem across three courts, and J.G.G. v. Trump for the digest.

const ABREGO = { name: 'Abrego Garcia v. Noem', url: `${PUBLIC_URL}/matters/abrego-garcia` };
const JGG = { name: 'J.G.G. v. Trump', url: `${PUBLIC_URL}/matters/jgg-v-trump` };

function courtView(matter, e) {
  return {
    kind: 'new',
    source: 'court',
    entryClass: e.entryClass,
    matterName: matter.name,
    matterUrl: matter.url,
    court: e.court,
    courtName: e.courtName,
    docketNumber: e.docketNumber,
    caseName: e.caseName,
    entryNumber: e.entryNumber ?? null,
    filedAt: e.filedAt,
    shortDescription: e.shortDescription ?? '',
    description: e.description ?? '',
    documentUrl: e.documentUrl ?? null,
  };
}

function pressView(matter, p) {
  return {
    kind: 'new',
    source: 'press',
    entryClass: 'press',
    matterName: matter.name,
    matterUrl: matter.url,
    court: 'press',
    courtName: p.publisher,
    docketNumber: '',
    caseName: p.title,
    entryNumber: null,
    filedAt: p.publishedAt,
    shortDescription: p.title,
    description: p.summary,
    documentUrl: p.url,
    publisher: p.publisher,
  };
}

const MDD = { court: 'mdd', courtName: 'D. Md.', docketNumber: '8:25-cv-00951', caseName: 'Abrego Garcia v. Noem' };
const CA4 = { court: 'ca4', courtName: '4th Cir.', docketNumber: '25-1345', caseName: 'Kilmar Abrego Garcia v. Kristi Noem' };
const SCOTUS = { court: 'scotus', courtName: 'Supreme Court', docketNumber: '24A949', caseName: 'Noem v. Abrego Garcia' };
const DCD = { court: 'dcd', courtName: 'D.D.C.', docketNumber: '1:25-cv-00766', caseName: 'J.G.G. v. Trump' };

const TRO_ORDER = {
  ...MDD,
  entryClass: 'order',
  entryNumber: '31',
  filedAt: '2025-04-04T16:39:00-04:00',
  shortDescription: 'ORDER granting Motion for Temporary Restraining Order',
  description:
    'ORDER granting 6 Motion for Temporary Restraining Order. Defendants are ORDERED to facilitate and effectuate the return of ' +
    'Plaintiff Kilmar Armando Abrego Garcia to the United States by no later than 11:59 PM on Monday, April 7, 2025. ' +
    'Signed by Judge Paula Xinis on 4/4/2025.',
  documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/095112270431',
};
const NOTICE_OF_APPEAL = {
  ...MDD,
  entryClass: 'notice',
  entryNumber: '32',
  filedAt: '2025-04-04T18:02:00-04:00',
  shortDescription: 'NOTICE OF APPEAL as to 31 Order on Motion for Temporary Restraining Order by Kristi Noem, Todd Lyons',
  documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/095112271126',
};
const CA4_DENIAL = {
  ...CA4,
  entryClass: 'order',
  entryNumber: '8',
  filedAt: '2025-04-07T20:31:00-04:00',
  shortDescription: 'Order filed denying stay',
  description: 'Court order filed denying Motion for stay pending appeal [8]. Copies to all parties.',
  documentUrl: 'https://ecf.ca4.uscourts.gov/docs1/004010571325',
};
const SCOTUS_APPLICATION = {
  ...SCOTUS,
  entryClass: 'motion',
  filedAt: '2025-04-07',
  description:
    'Application (24A949) to vacate the injunction entered by the United States District Court for the District of Maryland, ' +
    'submitted to The Chief Justice.',
  documentUrl: 'https://www.supremecourt.gov/DocketPDF/24/24A949/355383/20250407161817004_Abrego%20Garcia%20Application.pdf',
};
const SCOTUS_REFERRED = {
  ...SCOTUS,
  entryClass: 'routine',
  filedAt: '2025-04-08',
  description: 'Application (24A949) referred to the Court.',
};
const DOJ_STATEMENT = {
  publisher: 'U.S. Department of Justice',
  title: 'Attorney General Statement on the Supreme Court Order in Noem v. Abrego Garcia',
  publishedAt: '2025-04-11',
  summary: 'The Attorney General issued the following statement on the Supreme Court’s order in Noem v. Abrego Garcia.',
  url: 'https://www.justice.gov/opa/pr/attorney-general-statement-supreme-court-order-noem-v-abrego-garcia',
};
const JGG_ORDER = {
  ...DCD,
  entryClass: 'order',
  entryNumber: '81',
  filedAt: '2025-04-16T15:04:00-04:00',
  shortDescription: 'MEMORANDUM OPINION AND ORDER finding probable cause of criminal contempt',
  description: 'MEMORANDUM OPINION AND ORDER. Signed by Chief Judge James E. Boasberg on 4/16/2025.',
  documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/045111718204',
};
const ACLU_STATEMENT = {
  publisher: 'ACLU',
  title: 'Federal Judge Finds Probable Cause to Hold Trump Administration in Criminal Contempt',
  publishedAt: '2025-04-16',
  summary: 'The ruling concerns the flights that carried people to El Salvador under the Alien Enemies Act on March 15.',
  url: 'https://www.aclu.org/press-releases/federal-judge-finds-probable-cause-criminal-contempt',
};

// ---------------------------------------------------------------------------------------------

/** A date this many days from now, as a court writes it (4/22/2026). */
function courtDate(daysFromNow) {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

function emails(notify) {
  const unsubscribe = `${PUBLIC_URL}/u/MTIuc3Vic2NyaXB0aW9uLjQy.hV3q9k`;
  const alert = notify.withUnsubscribe(notify.renderEntryEmail(courtView(ABREGO, TRO_ORDER)), unsubscribe);
  const burst = notify.withUnsubscribe(
    notify.renderBurstEmail([
      courtView(ABREGO, CA4_DENIAL),
      courtView(ABREGO, SCOTUS_APPLICATION),
      courtView(ABREGO, SCOTUS_REFERRED),
      courtView(ABREGO, NOTICE_OF_APPEAL),
    ]),
    unsubscribe,
  );
  const digest = notify.renderDigestEmail(
    [
      courtView(ABREGO, SCOTUS_REFERRED),
      pressView(ABREGO, DOJ_STATEMENT),
      courtView(ABREGO, CA4_DENIAL),
      pressView(JGG, ACLU_STATEMENT),
      courtView(JGG, JGG_ORDER),
    ],
    { timeZone: 'America/New_York', date: new Date('2025-04-17T07:00:00-04:00'), unsubscribeUrl: unsubscribe },
  );
  return [
    ['alert-email.png', alert],
    ['burst-email.png', burst],
    ['digest-email.png', digest],
  ];
}

/** The timeline page, served by the real API over a throwaway embedded database. */
async function startApi(tmp) {
  const db = requireBuilt('@docketwatch/db');
  const { buildServer } = requireBuilt('@docketwatch/api');
  const { createLogger } = requireBuilt('@docketwatch/log');
  const { classifyEntry } = requireBuilt('@docketwatch/core');
  const { sql } = require('kysely');

  const handle = await db.openDatabase({ url: null, dataDir: tmp });
  await db.migrateToLatest(handle.db);
  const k = handle.db;

  const matter = await db.upsertMatter(k, {
    slug: 'abrego-garcia',
    name: ABREGO.name,
    description: 'Wrongful removal of Kilmar Abrego Garcia to El Salvador; district court, 4th Circuit and Supreme Court.',
    aliases: ['Abrego Garcia', 'Kilmar Abrego Garcia'],
  });
  await db.upsertMatter(k, { slug: 'jgg-v-trump', name: JGG.name, description: 'Removals under the Alien Enemies Act.' });
  const dockets = {
    mdd: await db.upsertDocket(k, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: MDD.docketNumber,
      pacerCaseId: '578815',
      caseName: MDD.caseName,
    }),
    ca4: await db.upsertDocket(k, { matterId: matter.id, court: 'ca4', docketNumber: CA4.docketNumber, caseName: CA4.caseName }),
    scotus: await db.upsertDocket(k, {
      matterId: matter.id,
      court: 'scotus',
      docketNumber: SCOTUS.docketNumber,
      caseName: SCOTUS.caseName,
    }),
  };
  const source = (kind, name, slug, extra = {}) =>
    db.upsertSource(k, { kind, name, address: `http://127.0.0.1:9/${slug}`, intervalSeconds: 300, ...extra });
  const sources = {
    mdd: await source('pacer-rss', 'D. Md. CM/ECF RSS', 'mdd', { court: 'mdd' }),
    ca4: await source('pacer-rss', '4th Cir. CM/ECF RSS', 'ca4', { court: 'ca4' }),
    scotus: await source('scotus-docket', 'Supreme Court docket 24A949', 'scotus', { docketId: dockets.scotus.id }),
    courtlistener: await source('courtlistener', 'CourtListener', 'courtlistener'),
    press: await source('press-listing', 'DOJ Office of Public Affairs', 'press'),
  };

  // [source, docket, entry, first seen: minutes after filing, or an ISO time]
  const seen = [
    [
      'mdd',
      'mdd',
      {
        entryNumber: '1',
        filedAt: '2025-03-24T14:57:00-04:00',
        shortDescription: 'Complaint',
        description:
          'COMPLAINT against Kristi Noem, Todd Lyons, Nikita Baker, Kenneth Genalo, Marco Rubio, Pamela Bondi (Filing fee $405), filed by Kilmar Armando Abrego Garcia, Jennifer Stefania Vasquez Sura, A.A.V.',
        documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/095112221907',
      },
      6,
    ],
    [
      'mdd',
      'mdd',
      {
        entryNumber: '6',
        filedAt: '2025-03-25T10:12:00-04:00',
        shortDescription: 'Motion for Temporary Restraining Order',
        description: 'MOTION for Temporary Restraining Order by Kilmar Armando Abrego Garcia, Jennifer Stefania Vasquez Sura, A.A.V.',
        documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/095112223310',
      },
      4,
    ],
    [
      'mdd',
      'mdd',
      {
        entryNumber: '9',
        filedAt: '2025-03-26',
        shortDescription: 'Summons Issued',
        description: 'Summons Issued 60 days as to Kristi Noem, Todd Lyons.',
      },
      720,
    ],
    [
      'mdd',
      'mdd',
      {
        entryNumber: '31',
        filedAt: TRO_ORDER.filedAt,
        shortDescription: 'Order on Motion for TRO',
        description: TRO_ORDER.description,
        documentUrl: TRO_ORDER.documentUrl,
      },
      3,
    ],
    [
      'courtlistener',
      'mdd',
      {
        entryNumber: '31',
        filedAt: '2025-04-04',
        shortDescription: '',
        description: 'ORDER granting Motion for Temporary Restraining Order',
        documentUrl: null,
      },
      '2025-04-04T21:23:00Z',
    ],
    [
      'mdd',
      'mdd',
      {
        entryNumber: '32',
        filedAt: NOTICE_OF_APPEAL.filedAt,
        shortDescription: 'Notice of Appeal',
        description: 'NOTICE OF APPEAL as to 31 Order on Motion for TRO by Kristi Noem, Todd Lyons.',
        documentUrl: NOTICE_OF_APPEAL.documentUrl,
      },
      5,
    ],
    [
      'ca4',
      'ca4',
      {
        entryNumber: '1',
        filedAt: '2025-04-05T09:40:00-04:00',
        shortDescription: '',
        description: 'Case docketed. Originating case number: 8:25-cv-00951-PX.',
      },
      5,
    ],
    [
      'ca4',
      'ca4',
      {
        entryNumber: '8',
        filedAt: CA4_DENIAL.filedAt,
        shortDescription: '',
        description: CA4_DENIAL.shortDescription,
        documentUrl: CA4_DENIAL.documentUrl,
      },
      4,
    ],
    [
      'scotus',
      'scotus',
      {
        filedAt: SCOTUS_APPLICATION.filedAt,
        shortDescription: '',
        description: SCOTUS_APPLICATION.description,
        documentUrl: SCOTUS_APPLICATION.documentUrl,
      },
      22 * 60,
    ],
    ['scotus', 'scotus', { filedAt: SCOTUS_REFERRED.filedAt, shortDescription: '', description: SCOTUS_REFERRED.description }, 17 * 60],
    // Illustrative: a setting three weeks after the run, so the home page has a next hearing to show.
    [
      'mdd',
      'mdd',
      {
        entryNumber: '61',
        filedAt: new Date(Date.now() - 86_400_000).toISOString(),
        shortDescription: 'Notice of Hearing',
        description: `NOTICE of Hearing: Motion Hearing set for ${courtDate(21)} 10:00 AM in Courtroom 2C, Greenbelt, before Judge Paula Xinis.`,
      },
      12,
    ],
    [
      'scotus',
      'scotus',
      {
        filedAt: '2025-04-10',
        shortDescription: '',
        description:
          'Application (24A949) granted in part by the Court. Statement of Justice Sotomayor, with whom Justice Kagan and Justice Jackson join, respecting the Court’s disposition of the application.',
        documentUrl: 'https://www.supremecourt.gov/opinions/24pdf/24a949_lkhn.pdf',
      },
      23 * 60,
    ],
  ];
  for (const [src, docket, e, when] of seen) {
    const filed = new Date(e.filedAt.includes('T') ? e.filedAt : `${e.filedAt}T13:00:00-04:00`);
    const now = typeof when === 'string' ? new Date(when) : new Date(filed.getTime() + when * 60_000);
    await db.storeDocketEntries(k, {
      sourceId: sources[src].id,
      docket: dockets[docket],
      entries: [{ entryNumber: null, documentUrl: null, pacerDocId: null, attachments: [], ...e }],
      baseline: false,
      classify: classifyEntry,
      now,
    });
  }
  const item = await db.storeItem(k, {
    sourceId: sources.press.id,
    now: new Date('2025-04-11T17:25:00Z'),
    item: { ...DOJ_STATEMENT, text: '', enclosures: [] },
  });
  await db.attachItem(k, {
    matterId: matter.id,
    itemId: item.id,
    reasons: [{ kind: 'alias', value: 'Abrego Garcia', excerpt: 'Noem v. Abrego Garcia' }],
  });
  // The rows' own first-seen times follow their first sighting (they default to now).
  await sql`update entries set first_seen_at = (select min(first_seen_at) from sightings where entry_id = entries.id)`.execute(k);
  await sql`update items set first_seen_at = (select min(first_seen_at) from item_sightings where item_id = items.id)`.execute(k);

  // A subscriber whose manage page is shown, and mail in the outbox for the admin's view.
  const subscriber = await db.upsertSubscription(k, {
    matterId: matter.id,
    channel: 'email',
    target: 'editor@newsroom.example',
    mode: 'digest',
    digestHour: 7,
    timeZone: 'America/New_York',
    classes: ['order', 'opinion'],
  });
  const notify = requireBuilt('@docketwatch/notify');
  for (const [, email] of emails(notify)) {
    await db.insertLocalMail(k, { to: 'editor@newsroom.example', subject: email.subject, text: email.text, html: email.html, headers: {} });
  }
  const adminKey = await db.createApiToken(k, 'screenshots');

  const app = buildServer({
    db: k,
    log: createLogger({ name: 'screenshots', level: 'silent' }),
    pingRedis: async () => {},
    mailMode: 'local',
    publicUrl: PUBLIC_URL,
    linkSecret: LINK_SECRET,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    adminKey,
    managePath: new URL(notify.manageLinkUrl(PUBLIC_URL, LINK_SECRET, subscriber.id)).pathname,
    stop: async () => {
      await app.close();
      await handle.close();
    },
  };
}

async function main() {
  const notify = requireBuilt('@docketwatch/notify');
  const { chromium } = require('playwright-core');
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-screenshots-'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let api = null;
  const blocked = [];
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', deviceScaleFactor: 1 });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocalUrl(url)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();

    // A short viewport: the full-page shot is then as tall as the message, with no blank tail.
    await page.setViewportSize({ width: EMAIL_WIDTH, height: 100 });
    for (const [file, email] of emails(notify)) {
      const htmlFile = path.join(tmp, file.replace(/\.png$/, '.html'));
      fs.writeFileSync(htmlFile, email.html);
      await page.goto(pathToFileURL(htmlFile).href);
      await page.screenshot({ path: path.join(OUT, file), fullPage: true });
      console.log(`${path.relative(ROOT, path.join(OUT, file))}  ${email.subject}`);
    }

    api = await startApi(tmp);
    const pages = [
      ['home', '/'],
      ['matter', '/matters/abrego-garcia'],
      ['search', '/search?q=application'],
      ['manage', api.managePath],
      ['outbox', '/outbox'],
    ];
    // The outbox is an admin's: this context sends an admin key with every request.
    const admin = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: { authorization: `Bearer ${api.adminKey}` } });
    const adminPage = await admin.newPage();
    for (const [name, pagePath] of pages) {
      const tab = name === 'outbox' ? adminPage : page;
      for (const width of PAGE_WIDTHS) {
        await tab.setViewportSize({ width, height: 100 });
        const response = await tab.goto(`${api.base}${pagePath}`);
        if (!response || response.status() !== 200) throw new Error(`${pagePath} answered ${response && response.status()}`);
        const file = `${name}-${width}.png`;
        await tab.screenshot({ path: path.join(OUT, file), fullPage: true });
        console.log(`${path.relative(ROOT, path.join(OUT, file))}  ${name === 'manage' ? '/manage/…' : pagePath}`);
      }
    }
    await admin.close();
    if (blocked.length > 0) console.warn(`blocked requests to: ${blocked.join(', ')}`);
  } finally {
    await browser.close();
    if (api) await api.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
