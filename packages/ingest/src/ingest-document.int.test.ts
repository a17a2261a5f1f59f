/**
 * ingestDocument against real Postgres: what the pipeline promises once a document is parsed.
 * One filing is one entry however many sources report it; captions change without splitting a
 * docket; a source may revise what it said, and nobody else undoes the revision; baselines stay
 * quiet; press items attach to the matters they name and stay detached once removed by hand; a new
 * Supreme Court docket joins the matter whose lower-court case it names; and a matter's timeline
 * merges it all, newest first.
 *
 * Matters are set up as the starter catalogue (packages/catalogue/catalogues/starter.yaml) sets
 * them up: the same aliases, keywords and docket numbers.
 */
import type { ParsedDocument, ParsedEntry, ParsedItem } from '@docketwatch/core';
import {
  getSource,
  matterTimeline,
  removeItemFromMatter,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Docket,
  type Matter,
  type Source,
  type SourceInput,
} from '@docketwatch/db';
import { parseDocketEntriesPage, parseNefEmail, parsePacerRss, parseScotusDocket } from '@docketwatch/sources';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { ingestDocument } from './ingest-document';

interface RssItem {
  title: string;
  caseId: string;
  event: string;
  number: string;
  docUrl: string;
  pubDate: string;
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;').replace(/"/g, '&#x22;');

/** A CM/ECF "recent entries" feed in the fixtures' shape (pacer/rss_feeds/*.xml): the docket text is not in it. */
function cmEcfFeed(host: string, items: RssItem[]): string {
  const body = items
    .map(
      (i) => `<item>
<title>${i.title}</title>
<link>https://${host}/cgi-bin/DktRpt.pl?${i.caseId}</link>
<description>${xmlEscape(`[${i.event}] (<a href="${i.docUrl}" >${i.number}</a>)`)}</description>
<guid isPermaLink="true">https://${host}/cgi-bin/DktRpt.pl?${i.caseId}&#x26;${i.number}</guid>
<pubDate>${i.pubDate}</pubDate>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:blogChannel="http://backend.userland.com/blogChannelModule">
<channel>
<title>Recent Entries</title>
<link>https://${host}</link>
<description>Docket entries of type: all</description>
${body}
</channel>
</rss>`;
}

function entry(overrides: Partial<ParsedEntry> = {}): ParsedEntry {
  return {
    entryNumber: '1',
    filedAt: '2025-03-15',
    shortDescription: '',
    description: '',
    documentUrl: null,
    pacerDocId: null,
    attachments: [],
    ...overrides,
  };
}

function item(overrides: Partial<ParsedItem> & { url: string; title: string }): ParsedItem {
  return { publishedAt: null, summary: '', text: '', publisher: 'U.S. Department of Justice', enclosures: [], ...overrides };
}

function docketDocument(format: ParsedDocument['format'], docket: Docket, entries: ParsedEntry[]): ParsedDocument {
  return {
    format,
    dockets: [{ court: docket.court, docketNumber: docket.docket_number, caseName: docket.case_name, pacerCaseId: null, entries }],
  };
}

describe('ingestDocument (real Postgres)', () => {
  let t: TestDatabase;
  let abrego: Matter;
  let jgg: Matter;
  let aarp: Matter;
  let jggDistrict: Docket;
  let aarpDistrict: Docket;

  const source = async (input: Omit<SourceInput, 'intervalSeconds'> & { intervalSeconds?: number }): Promise<Source> =>
    upsertSource(t.db, { intervalSeconds: 300, ...input });

  /** The outbox after `marker` (an event id), oldest first. */
  const eventsAfter = async (marker: number) =>
    t.db
      .selectFrom('outbox_events')
      .select(['kind', 'entry_id as entryId', 'item_id as itemId', 'matter_id as matterId', 'docket_id as docketId'])
      .where('id', '>', marker)
      .orderBy('id')
      .execute();
  const lastEventId = async (): Promise<number> =>
    (await t.db.selectFrom('outbox_events').select('id').orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;
  const entriesOf = async (docketId: number) =>
    t.db.selectFrom('entries').selectAll().where('docket_id', '=', docketId).orderBy('natural_key').execute();
  const sightingsOf = async (entryId: number) =>
    t.db.selectFrom('sightings').select(['source_id', 'content_hash']).where('entry_id', '=', entryId).orderBy('source_id').execute();
  const attachmentsOf = async (itemId: number) =>
    t.db
      .selectFrom('matter_items')
      .select(['matter_id', 'reasons', 'removed_at', 'removed_by'])
      .where('item_id', '=', itemId)
      .orderBy('matter_id')
      .execute();
  const itemId = async (url: string): Promise<number> =>
    (await t.db.selectFrom('items').select('id').where('url', '=', url).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestDatabase();
    // As in starter.yaml.
    abrego = await upsertMatter(t.db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      aliases: ['Abrego Garcia', 'Kilmar Abrego Garcia', 'Kilmar Armando Abrego Garcia', 'Ábrego García'],
      keywords: ['Kilmar'],
    });
    await upsertDocket(t.db, {
      matterId: abrego.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      pacerCaseId: '578815',
      caseName: 'Abrego Garcia v. Noem',
    });
    await upsertDocket(t.db, { matterId: abrego.id, court: 'ca4', docketNumber: '25-1345', caseName: 'Abrego Garcia v. Noem' });
    await upsertDocket(t.db, { matterId: abrego.id, court: 'ca4', docketNumber: '25-1404', caseName: 'Abrego Garcia v. Noem' });
    await upsertDocket(t.db, { matterId: abrego.id, court: 'scotus', docketNumber: '24A949', caseName: 'Noem v. Abrego Garcia' });

    jgg = await upsertMatter(t.db, {
      slug: 'jgg-v-trump',
      name: 'J.G.G. v. Trump',
      aliases: ['J.G.G.', 'J.G.G. v. Trump', 'Trump v. J.G.G.'],
      keywords: ['Alien Enemies Act'],
    });
    jggDistrict = await upsertDocket(t.db, {
      matterId: jgg.id,
      court: 'dcd',
      docketNumber: '1:25-cv-00766',
      pacerCaseId: '278436',
      caseName: 'J.G.G. v. Trump',
    });
    await upsertDocket(t.db, { matterId: jgg.id, court: 'cadc', docketNumber: '25-5067', caseName: 'J.G.G. v. Trump' });
    await upsertDocket(t.db, { matterId: jgg.id, court: 'cadc', docketNumber: '25-5217', caseName: 'J.G.G. v. Trump' });
    await upsertDocket(t.db, { matterId: jgg.id, court: 'scotus', docketNumber: '24A931', caseName: 'Trump v. J.G.G.' });

    aarp = await upsertMatter(t.db, {
      slug: 'aarp-v-trump',
      name: 'A.A.R.P. / W.M.M. v. Trump',
      aliases: ['A.A.R.P. v. Trump', 'W.M.M. v. Trump', 'A.A.R.P.', 'W.M.M.'],
      keywords: ['Alien Enemies Act'],
    });
    await upsertDocket(t.db, { matterId: aarp.id, court: 'scotus', docketNumber: '24A1007', caseName: 'A.A.R.P. v. Trump' });
    // No caption in the catalogue: the court's own captions are what the docket records.
    aarpDistrict = await upsertDocket(t.db, { matterId: aarp.id, court: 'txnd', docketNumber: '1:25-cv-00059' });
    await upsertDocket(t.db, { matterId: aarp.id, court: 'ca5', docketNumber: '25-10534', caseName: 'W.M.M. v. Trump' });
  });
  afterAll(() => t.drop());

  describe('one filing from three kinds of source', () => {
    // A real NEF: N.D. Tex., Caulkins v. Ditmore, 4:21-cv-00953, document 5 (a notice of appearance).
    const NEF = readFixture('pacer/nef/s3/txnd_1.txt');

    it('is one entry with three sightings, the NEF docket text, one created and one updated event', async () => {
      const nef = await parseNefEmail(NEF);
      const filing = nef.dockets[0]!;
      const filed = filing.entries[0]!;
      // What the NEF says, so the synthetic RSS item and CourtListener entry below describe the same filing.
      expect(filing).toMatchObject({
        court: 'txnd',
        docketNumber: '4:21-cv-00953',
        caseName: 'Caulkins v. Ditmore',
        pacerCaseId: '351843',
      });
      expect(filed).toMatchObject({
        entryNumber: '5',
        filedAt: '2021-08-16T13:27:00-05:00',
        shortDescription: 'Notice of Attorney Appearance',
        pacerDocId: '177014458489',
      });
      expect(filed.description).toMatch(/^NOTICE of Attorney Appearance by Chris R Miltenberger/);

      const matter = await upsertMatter(t.db, { slug: 'caulkins', name: 'Caulkins v. Ditmore' });
      const docket = await upsertDocket(t.db, {
        matterId: matter.id,
        court: 'txnd',
        docketNumber: '4:21-cv-00953',
        caseName: 'Caulkins v. Ditmore',
      });
      const rssSource = await source({
        kind: 'pacer-rss',
        name: 'N.D. Tex. CM/ECF feed',
        address: 'https://ecf.txnd.uscourts.gov/cgi-bin/rss_outside.pl',
        court: 'txnd',
      });
      const nefSource = await source({ kind: 'nef-email', name: 'CM/ECF notices', address: 'mailto:nef@dw.test' });
      const clSource = await source({
        kind: 'courtlistener',
        name: 'CourtListener: N.D. Tex. 4:21-cv-00953',
        address: 'courtlistener:txnd/4:21-cv-00953',
        court: 'txnd',
        docketId: docket.id,
      });

      // (b) The court's RSS feed: the event name, the document link and the time; no docket text.
      const rss = parsePacerRss(
        cmEcfFeed('ecf.txnd.uscourts.gov', [
          {
            title: '4:21-cv-00953 Caulkins v. Ditmore',
            caseId: '351843',
            event: 'Notice of Attorney Appearance',
            number: '5',
            docUrl: 'https://ecf.txnd.uscourts.gov/doc1/177114458489?caseid=351843&de_seq_num=14',
            pubDate: 'Mon, 16 Aug 2021 18:27:00 GMT',
          },
        ]),
      );
      expect(rss.dockets[0]!.entries[0]).toMatchObject({ entryNumber: '5', pacerDocId: '177014458489', description: '' });

      // (c) CourtListener's docket-entry API (shape of packages/sources/src/courtlistener/testdata): the same text as the NEF.
      const cl = parseDocketEntriesPage(
        JSON.stringify({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              resource_uri: 'https://www.courtlistener.com/api/rest/v4/docket-entries/410000005/',
              id: 410000005,
              docket: 'https://www.courtlistener.com/api/rest/v4/dockets/60100953/',
              recap_documents: [
                {
                  id: 510000005,
                  absolute_url: '/docket/60100953/5/caulkins-v-ditmore/',
                  document_type: 1,
                  document_number: '5',
                  attachment_number: null,
                  pacer_doc_id: '177014458489',
                  is_available: false,
                  is_sealed: false,
                  filepath_local: '',
                  description: '',
                },
              ],
              date_created: '2021-08-16T11:40:02.000000-07:00',
              date_filed: '2021-08-16',
              time_filed: '13:27:00',
              entry_number: 5,
              recap_sequence_number: '2021-08-16.001',
              description: filed.description,
            },
          ],
        }),
        { court: 'txnd', docketNumber: '4:21-cv-00953', caseName: 'Caulkins v. Ditmore', courtListenerDocketId: 60100953 },
      ).document;

      const marker = await lastEventId();
      // The feed's baseline was set on an earlier poll, so what it brings now is news.
      const fromRss = await ingestDocument(t.db, { source: rssSource, document: rss, baseline: false });
      expect(fromRss).toMatchObject({ created: 1, updated: 0, events: 1, untracked: 0 });
      // The NEF is the first to carry the full docket text: new information, so one update.
      const fromNef = await ingestDocument(t.db, { source: nefSource, document: nef, baseline: false });
      expect(fromNef).toMatchObject({ created: 0, updated: 1, events: 1, untracked: 0 });
      // CourtListener repeats what is already stored (same text, number and document id): a sighting, no news.
      const fromCl = await ingestDocument(t.db, { source: clSource, document: cl, baseline: false });
      expect(fromCl).toMatchObject({ created: 0, updated: 0, events: 0, untracked: 0 });

      const rows = await entriesOf(docket.id);
      expect(rows).toHaveLength(1);
      const stored = rows[0]!;
      expect(stored).toMatchObject({
        natural_key: 'n:5',
        entry_number: '5',
        short_description: 'Notice of Attorney Appearance',
        description: filed.description,
        pacer_doc_id: '177014458489',
      });
      expect(stored.filed_at_ts.toISOString()).toBe('2021-08-16T18:27:00.000Z');
      expect((await sightingsOf(stored.id)).map((s) => s.source_id)).toEqual(
        [rssSource.id, nefSource.id, clSource.id].sort((a, b) => a - b),
      );

      // Exactly: created when the feed first showed it, updated when the NEF added the docket text.
      expect(await eventsAfter(marker)).toEqual([
        { kind: 'entry.created', entryId: stored.id, itemId: null, matterId: matter.id, docketId: docket.id },
        { kind: 'entry.updated', entryId: stored.id, itemId: null, matterId: matter.id, docketId: docket.id },
      ]);

      // Each source again, in another order: nothing new, nothing said.
      const again: number[] = [];
      for (const [s, d] of [
        [clSource, cl],
        [nefSource, nef],
        [rssSource, rss],
      ] as const) {
        again.push((await ingestDocument(t.db, { source: s, document: d, baseline: false })).events);
      }
      expect(again).toEqual([0, 0, 0]);
      expect(await entriesOf(docket.id)).toHaveLength(1);
      expect((await entriesOf(docket.id))[0]!.description).toBe(filed.description);
    });
  });

  it('keeps one docket through a re-caption: A.A.R.P. v. Trump, then W.M.M. v. Trump, with the same entries once', async () => {
    const feed = await source({
      kind: 'pacer-rss',
      name: 'N.D. Tex. feed (re-caption)',
      address: 'https://ecf.txnd.uscourts.gov/cgi-bin/rss_outside.pl?recaption',
      court: 'txnd',
    });
    const items = (caption: string): RssItem[] => [
      {
        title: `1:25-cv-00059 ${caption}`,
        caseId: '399821',
        event: 'Complaint',
        number: '1',
        docUrl: 'https://ecf.txnd.uscourts.gov/doc1/177115000001?caseid=399821&de_seq_num=4',
        pubDate: 'Wed, 16 Apr 2025 21:03:11 GMT',
      },
      {
        title: `1:25-cv-00059 ${caption}`,
        caseId: '399821',
        event: 'Motion for Temporary Restraining Order',
        number: '2',
        docUrl: 'https://ecf.txnd.uscourts.gov/doc1/177115000002?caseid=399821&de_seq_num=7',
        pubDate: 'Wed, 16 Apr 2025 21:10:45 GMT',
      },
    ];
    const first = await ingestDocument(t.db, {
      source: feed,
      document: parsePacerRss(cmEcfFeed('ecf.txnd.uscourts.gov', items('A.A.R.P. v. Trump'))),
      baseline: true,
    });
    expect(first).toMatchObject({ created: 2, untracked: 0 });
    const second = await ingestDocument(t.db, {
      source: feed,
      document: parsePacerRss(cmEcfFeed('ecf.txnd.uscourts.gov', items('W.M.M. v. Trump'))),
      baseline: false,
    });
    expect(second).toMatchObject({ created: 0, updated: 0, events: 0, untracked: 0 });

    const dockets = await t.db.selectFrom('dockets').selectAll().where('docket_number', '=', '1:25-cv-00059').execute();
    expect(dockets).toHaveLength(1);
    expect(dockets[0]).toMatchObject({
      id: aarpDistrict.id,
      matter_id: aarp.id,
      case_name: 'W.M.M. v. Trump',
      captions: ['A.A.R.P. v. Trump', 'W.M.M. v. Trump'],
    });
    expect((await entriesOf(aarpDistrict.id)).map((e) => e.natural_key)).toEqual(['n:1', 'n:2']);
  });

  describe('a source revising its own entry', () => {
    const motion = entry({
      entryNumber: '12',
      filedAt: '2025-03-16T18:45:00-04:00',
      shortDescription: 'Motion to Vacate',
      description:
        'EMERGENCY MOTION to Vacate Temporary Restraining Order by DONALD J. TRUMP, KRISTI NOEM. (Attachments: # 1 Text of Proposed Order)(Ensign, Drew)',
      documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/045111000012',
      pacerDocId: '045111000012',
    });
    const inError = entry({ ...motion, description: 'ENTERED IN ERROR' });

    it('replaces the stored text with one update; another source still showing the old text does not flip it back', async () => {
      const clerk = await source({
        kind: 'courtlistener',
        name: 'CourtListener: D.D.C. 1:25-cv-00766',
        address: 'courtlistener:dcd/1:25-cv-00766',
        court: 'dcd',
        docketId: jggDistrict.id,
      });
      const other = await source({ kind: 'pacer-docket', name: 'D.D.C. docket report uploads', address: 'upload:dcd-docket-report' });

      expect(
        await ingestDocument(t.db, { source: clerk, document: docketDocument('courtlistener', jggDistrict, [motion]), baseline: false }),
      ).toMatchObject({ created: 1, events: 1 });
      // A second source sees the same filing with the same text: a sighting, nothing new.
      expect(
        await ingestDocument(t.db, { source: other, document: docketDocument('pacer-docket', jggDistrict, [motion]), baseline: false }),
      ).toMatchObject({ created: 0, updated: 0, events: 0 });

      // The clerk marks it filed in error: the source that said the old text now says something else.
      const marker = await lastEventId();
      const revised = await ingestDocument(t.db, {
        source: clerk,
        document: docketDocument('courtlistener', jggDistrict, [inError]),
        baseline: false,
      });
      expect(revised).toMatchObject({ created: 0, updated: 1, events: 1 });
      const [row] = (await entriesOf(jggDistrict.id)).filter((e) => e.entry_number === '12');
      expect(row!.description).toBe('ENTERED IN ERROR');
      expect(await eventsAfter(marker)).toEqual([
        { kind: 'entry.updated', entryId: row!.id, itemId: null, matterId: jgg.id, docketId: jggDistrict.id },
      ]);

      // The other source's copy (a docket report saved earlier, re-uploaded) still has the old, longer text.
      const stale = await ingestDocument(t.db, {
        source: other,
        document: docketDocument('pacer-docket', jggDistrict, [motion]),
        baseline: false,
      });
      expect(stale).toMatchObject({ created: 0, updated: 0, events: 0 });
      // And the clerk's source repeating itself changes nothing either.
      expect(
        await ingestDocument(t.db, { source: clerk, document: docketDocument('courtlistener', jggDistrict, [inError]), baseline: false }),
      ).toMatchObject({ updated: 0, events: 0 });

      const [after] = (await entriesOf(jggDistrict.id)).filter((e) => e.entry_number === '12');
      expect(after!.description).toBe('ENTERED IN ERROR');
      expect(after!.content_hash).toBe(row!.content_hash);
      expect(await eventsAfter(marker)).toHaveLength(1);
      expect(await sightingsOf(after!.id)).toHaveLength(2);
    });
  });

  it('two sources storing the same new filing at once: one entry, and the richer text is kept whichever source won', async () => {
    const feed = await source({
      kind: 'pacer-rss',
      name: 'D.D.C. feed (race)',
      address: 'https://ecf.dcd.uscourts.gov/rss?race',
      court: 'dcd',
    });
    const mail = await source({ kind: 'nef-email', name: 'NEF (race)', address: 'mailto:race@dw.test' });
    const short = entry({ entryNumber: '40', filedAt: '2025-03-20T09:00:00-04:00', shortDescription: 'Order', pacerDocId: '045111000040' });
    const full = entry({
      ...short,
      description: 'ORDER directing the government to file a declaration by 3/21/2025. Signed by Judge James E. Boasberg.',
    });
    const looks = (): Promise<unknown> =>
      Promise.all([
        ingestDocument(t.db, { source: feed, document: docketDocument('pacer-rss', jggDistrict, [short]), baseline: false }),
        ingestDocument(t.db, { source: mail, document: docketDocument('nef-email', jggDistrict, [full]), baseline: false }),
      ]);
    // The loser of the insert race has only a sighting; its next look merges what it says.
    await looks();
    await looks();
    const rows = (await entriesOf(jggDistrict.id)).filter((e) => e.entry_number === '40');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.description).toBe(full.description);
    expect(await sightingsOf(rows[0]!.id)).toHaveLength(2);
  });

  describe('baselines', () => {
    it("a polled source's first look stores entries and alerts nobody; later looks alert", async () => {
      const feed = await source({
        kind: 'pacer-rss',
        name: 'D.D.C. CM/ECF feed',
        address: 'https://ecf.dcd.uscourts.gov/cgi-bin/rss_outside.pl',
        court: 'dcd',
      });
      const marker = await lastEventId();
      const first = await ingestDocument(t.db, {
        source: feed,
        document: docketDocument('pacer-rss', jggDistrict, [
          entry({ entryNumber: '20', filedAt: '2025-03-18T10:00:00-04:00', shortDescription: 'Notice' }),
          entry({ entryNumber: '21', filedAt: '2025-03-18T11:00:00-04:00', shortDescription: 'Order' }),
        ]),
        baseline: true,
      });
      expect(first).toMatchObject({ created: 2, events: 0, baseline: true });
      expect(await eventsAfter(marker)).toEqual([]);
      expect((await getSource(t.db, feed.id))!.baseline_at).not.toBeNull();
      expect((await entriesOf(jggDistrict.id)).map((e) => e.entry_number)).toEqual(expect.arrayContaining(['20', '21']));

      const next = await ingestDocument(t.db, {
        source: (await getSource(t.db, feed.id))!,
        document: docketDocument('pacer-rss', jggDistrict, [
          entry({ entryNumber: '22', filedAt: '2025-03-18T12:00:00-04:00', shortDescription: 'Minute Order' }),
        ]),
        baseline: false,
      });
      expect(next).toMatchObject({ created: 1, events: 1, baseline: false });
      expect((await eventsAfter(marker)).map((e) => e.kind)).toEqual(['entry.created']);
    });

    it("a push source's very first document alerts: it only ever brings news", async () => {
      // A real NEF: D. Del., CBV, Inc. v. ChanBond, LLC, 1:21-cv-01456, document 136.
      const matter = await upsertMatter(t.db, { slug: 'cbv-v-chanbond', name: 'CBV v. ChanBond' });
      const docket = await upsertDocket(t.db, { matterId: matter.id, court: 'ded', docketNumber: '1:21-cv-01456' });
      const mailbox = await source({ kind: 'nef-email', name: 'CM/ECF notices (D. Del.)', address: 'mailto:ded-nef@dw.test' });
      expect(mailbox.baseline_at).toBeNull();
      const marker = await lastEventId();
      const report = await ingestDocument(t.db, {
        source: mailbox,
        document: await parseNefEmail(readFixture('pacer/nef/s3/ded_1.txt')),
        baseline: false,
      });
      expect(report).toMatchObject({ created: 1, events: 1, baseline: false });
      const [stored] = await entriesOf(docket.id);
      expect(stored).toMatchObject({ entry_number: '136' });
      expect(await eventsAfter(marker)).toEqual([
        { kind: 'entry.created', entryId: stored!.id, itemId: null, matterId: matter.id, docketId: docket.id },
      ]);
    });
  });

  describe('press items', () => {
    const NAMES_MATTER = item({
      url: 'https://www.justice.gov/opa/pr/statement-hearing-abrego-garcia',
      title: 'Statement on Friday’s hearing',
      summary: 'The Department will appear at the hearing in the Abrego Garcia case in Greenbelt on Friday.',
      publishedAt: '2025-04-10',
    });
    const QUOTES_NUMBER = item({
      url: 'https://www.justice.gov/opa/pr/maryland-order',
      title: 'Order entered in Maryland immigration case',
      summary: 'The court entered an order today in No. 8:25-cv-951 (D. Md.), which the Department is reviewing.',
      publishedAt: '2025-04-11',
    });
    const RETIREES = item({
      url: 'https://www.justice.gov/opa/pr/elder-fraud-sweep',
      title: 'Elder fraud sweep announced with AARP',
      summary: 'The Department and AARP remind retirees to report scam calls about Social Security benefits.',
      publishedAt: '2025-04-12',
    });
    const AEA = item({
      url: 'https://www.justice.gov/opa/pr/alien-enemies-act-proclamation',
      title: 'Statement on removals under the Alien Enemies Act',
      summary: 'The Department will continue to defend the proclamation in every court.',
      publishedAt: '2025-04-13',
    });
    const document: ParsedDocument = { format: 'press-listing', dockets: [], items: [NAMES_MATTER, QUOTES_NUMBER, RETIREES, AEA] };
    let press: Source;

    beforeAll(async () => {
      press = await source({
        kind: 'press-listing',
        name: 'Justice Department press releases',
        address: 'https://www.justice.gov/news/press-releases',
        config: { preset: 'justice-gov-news' },
      });
    });

    it('attach by alias, by docket number and by shared keyword; the retirement association attaches to nothing', async () => {
      const marker = await lastEventId();
      const report = await ingestDocument(t.db, { source: press, document, baseline: false });
      expect(report).toMatchObject({ itemsCreated: 4, itemsAttached: 4, events: 4 });

      const named = await attachmentsOf(await itemId(NAMES_MATTER.url));
      expect(named).toHaveLength(1);
      expect(named[0]!.matter_id).toBe(abrego.id);
      expect(named[0]!.reasons).toEqual([
        expect.objectContaining({
          kind: 'alias',
          value: 'Abrego Garcia',
          excerpt: expect.stringContaining('hearing in the Abrego Garcia case'),
        }),
      ]);

      const quoted = await attachmentsOf(await itemId(QUOTES_NUMBER.url));
      expect(quoted).toHaveLength(1);
      expect(quoted[0]!.matter_id).toBe(abrego.id);
      expect(quoted[0]!.reasons).toEqual([
        expect.objectContaining({
          kind: 'docket-number',
          value: '8:25-cv-00951',
          excerpt: expect.stringContaining('No. 8:25-cv-951 (D. Md.)'),
        }),
      ]);

      // "AARP" alone is the compact form of the alias A.A.R.P.: a weak hint, and nothing corroborates it.
      const retirees = await itemId(RETIREES.url);
      expect(await attachmentsOf(retirees)).toEqual([]);

      const aea = await attachmentsOf(await itemId(AEA.url));
      expect(aea.map((a) => a.matter_id)).toEqual([jgg.id, aarp.id].sort((a, b) => a - b));
      for (const a of aea) {
        expect(a.reasons).toEqual([expect.objectContaining({ kind: 'keyword', value: 'Alien Enemies Act' })]);
      }

      const events = await eventsAfter(marker);
      expect(events.every((e) => e.kind === 'item.attached' && e.entryId === null && e.docketId === null)).toBe(true);
      expect(events.map((e) => [e.itemId, e.matterId])).toEqual(
        expect.arrayContaining([
          [await itemId(NAMES_MATTER.url), abrego.id],
          [await itemId(QUOTES_NUMBER.url), abrego.id],
          [await itemId(AEA.url), jgg.id],
          [await itemId(AEA.url), aarp.id],
        ]),
      );
      expect(events).toHaveLength(4);
    });

    it('an item removed by hand stays removed, and items seen again say nothing new', async () => {
      const id = await itemId(NAMES_MATTER.url);
      expect(await removeItemFromMatter(t.db, { matterId: abrego.id, itemId: id, by: 'editor' })).toBe(true);

      const marker = await lastEventId();
      const again = await ingestDocument(t.db, { source: press, document, baseline: false });
      expect(again).toMatchObject({ itemsCreated: 0, itemsAttached: 0, events: 0 });
      expect(await eventsAfter(marker)).toEqual([]);

      const [attachment] = await attachmentsOf(id);
      expect(attachment).toMatchObject({ matter_id: abrego.id, removed_by: 'editor' });
      expect(attachment!.removed_at).not.toBeNull();
      const timeline = await matterTimeline(t.db, abrego.id);
      expect(timeline.some((row) => row.type === 'item' && row.id === id)).toBe(false);
      expect(timeline.some((row) => row.type === 'item' && row.url === QUOTES_NUMBER.url)).toBe(true);
    });
  });

  describe('cross-court linking', () => {
    /** supremecourt.gov's docket JSON, minimal. */
    const scotusDocket = (number: string, lowerCourt: string, proceedings: { Date: string; Text: string }[]): ParsedDocument =>
      parseScotusDocket(
        JSON.stringify({
          CaseNumber: `${number} `,
          PetitionerTitle: 'Kristi Noem, Secretary of Homeland Security, et al., Applicants',
          RespondentTitle: 'Kilmar Armando Abrego Garcia, et al.',
          LowerCourtCaseNumbers: lowerCourt,
          ProceedingsandOrder: proceedings,
        }),
      );
    let mail: Source;

    beforeAll(async () => {
      mail = await source({ kind: 'scotus-email', name: 'Supreme Court e-mail', address: 'mailto:scotus@dw.test' });
    });

    it('adopts an untracked Supreme Court docket naming a tracked district case (8:25-cv-951) into its matter', async () => {
      const doc = scotusDocket('24A1234', '(8:25-cv-951)', [
        { Date: 'Apr 14 2025', Text: 'Application (24A1234) for a stay, submitted to The Chief Justice.' },
        { Date: 'Apr 15 2025', Text: 'Response to application (24A1234) requested by The Chief Justice, due April 17, 2025.' },
      ]);
      const marker = await lastEventId();
      const report = await ingestDocument(t.db, { source: mail, document: doc, baseline: false });
      expect(report).toMatchObject({ linked: ['scotus 24A1234'], untracked: 0, created: 2, events: 2 });

      const docket = await t.db
        .selectFrom('dockets')
        .selectAll()
        .where('court', '=', 'scotus')
        .where('docket_number', '=', '24A1234')
        .executeTakeFirstOrThrow();
      expect(docket).toMatchObject({ matter_id: abrego.id, lower_court_cases: ['8:25-cv-951'] });
      expect(await entriesOf(docket.id)).toHaveLength(2);
      expect((await eventsAfter(marker)).every((e) => e.matterId === abrego.id && e.docketId === docket.id)).toBe(true);

      // Now it is tracked: the next notice stores into it without linking again.
      const next = await ingestDocument(t.db, {
        source: mail,
        document: scotusDocket('24A1234', '(8:25-cv-951)', [
          { Date: 'Apr 14 2025', Text: 'Application (24A1234) for a stay, submitted to The Chief Justice.' },
          { Date: 'Apr 15 2025', Text: 'Response to application (24A1234) requested by The Chief Justice, due April 17, 2025.' },
          { Date: 'Apr 17 2025', Text: 'Response to application (24A1234) filed.' },
        ]),
        baseline: false,
      });
      expect(next).toMatchObject({ linked: [], created: 1, events: 1 });
    });

    it('adopts one naming a tracked court of appeals case (25-1345)', async () => {
      const report = await ingestDocument(t.db, {
        source: mail,
        document: scotusDocket('24A1301', '(25-1345)', [{ Date: 'Apr 20 2025', Text: 'Application (24A1301) filed.' }]),
        baseline: false,
      });
      expect(report).toMatchObject({ linked: ['scotus 24A1301'], untracked: 0, created: 1 });
      const docket = await t.db.selectFrom('dockets').selectAll().where('docket_number', '=', '24A1301').executeTakeFirstOrThrow();
      expect(docket.matter_id).toBe(abrego.id);
    });

    it('ignores one naming nothing tracked', async () => {
      const before = await t.db.selectFrom('entries').select('id').execute();
      const report = await ingestDocument(t.db, {
        source: mail,
        document: scotusDocket('24A1402', '(23-40273)', [{ Date: 'Apr 21 2025', Text: 'Application (24A1402) filed.' }]),
        baseline: false,
      });
      expect(report).toMatchObject({ linked: [], untracked: 1, created: 0, events: 0 });
      expect(await t.db.selectFrom('dockets').select('id').where('docket_number', '=', '24A1402').execute()).toEqual([]);
      expect(await t.db.selectFrom('entries').select('id').execute()).toHaveLength(before.length);
    });
  });

  it("merges a matter's entries and press items newest first, each with its sightings", async () => {
    const matter = await upsertMatter(t.db, { slug: 'zephyr', name: 'Zephyr Mills v. Board', aliases: ['Zephyr Mills'] });
    const docket = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: '1:24-cv-03333',
      caseName: 'Zephyr Mills v. Board',
    });
    const feed = await source({
      kind: 'courtlistener',
      name: 'CL: Zephyr',
      address: 'courtlistener:mdd/1:24-cv-03333',
      docketId: docket.id,
    });
    const mail = await source({ kind: 'nef-email', name: 'NEF: Zephyr', address: 'mailto:zephyr@dw.test' });
    const news = await source({ kind: 'feed', name: 'Zephyr news', address: 'https://news.example/zephyr.xml' });

    const complaint = entry({ entryNumber: '1', filedAt: '2025-03-01T09:00:00-05:00', shortDescription: 'Complaint' });
    const order = entry({ entryNumber: '2', filedAt: '2025-03-10T15:30:00-04:00', shortDescription: 'Order' });
    await ingestDocument(t.db, { source: feed, document: docketDocument('courtlistener', docket, [complaint, order]), baseline: true });
    await ingestDocument(t.db, { source: mail, document: docketDocument('nef-email', docket, [order]), baseline: false });
    await ingestDocument(t.db, {
      source: news,
      document: {
        format: 'feed',
        dockets: [],
        items: [
          item({ url: 'https://news.example/a', title: 'Zephyr Mills sues the Board', publishedAt: '2025-03-05T12:00:00Z' }),
          item({ url: 'https://news.example/b', title: 'Judge rules for Zephyr Mills', publishedAt: '2025-03-12T12:00:00Z' }),
        ],
      },
      baseline: false,
    });

    const timeline = await matterTimeline(t.db, matter.id);
    expect(timeline.map((row) => [row.type, row.type === 'entry' ? row.entryNumber : row.title])).toEqual([
      ['item', 'Judge rules for Zephyr Mills'],
      ['entry', '2'],
      ['item', 'Zephyr Mills sues the Board'],
      ['entry', '1'],
    ]);
    const at = timeline.map((row) => row.at.getTime());
    expect(at).toEqual([...at].sort((a, b) => b - a));
    const byKey = new Map(timeline.map((row) => [`${row.type}:${row.type === 'entry' ? row.entryNumber : row.url}`, row]));
    expect(byKey.get('entry:2')!.sightings.map((s) => s.sourceName)).toEqual(['CL: Zephyr', 'NEF: Zephyr']);
    expect(byKey.get('entry:1')!.sightings.map((s) => s.sourceName)).toEqual(['CL: Zephyr']);
    expect(byKey.get('item:https://news.example/b')!.sightings.map((s) => s.sourceName)).toEqual(['Zephyr news']);
    const newsItem = byKey.get('item:https://news.example/b')!;
    expect(newsItem.type === 'item' && newsItem.reasons).toEqual([expect.objectContaining({ kind: 'alias', value: 'Zephyr Mills' })]);
    // Sightings carry when each source first saw the row.
    for (const row of timeline) for (const s of row.sightings) expect(Number.isNaN(Date.parse(s.firstSeenAt))).toBe(false);
  });
});
