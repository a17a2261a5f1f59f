import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseDocketNumber, ParseError } from '@docketwatch/core';
import type { ErrorCode, ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { parsePacerRss, UNKNOWN_CASE_TITLE } from './parse-pacer-rss';
import { MAX_FEED_CHARS } from '../feed-input';
import { readRssFeed } from './read-feed';

/** /work/main and /work/shared are siblings, locally and in CI. Fixtures are read in place, never copied. */
const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const RSS_FEEDS = path.join(EXAMPLES, 'pacer', 'rss_feeds');

const fixtureNames = readdirSync(RSS_FEEDS)
  .filter((name) => name.endsWith('.xml'))
  .sort();

/** CM/ECF serves feeds as ISO-8859-1. */
const readFixture = (name: string): string => readFileSync(path.join(RSS_FEEDS, name), 'latin1');

// ---------------------------------------------------------------------------------------------
// juriscraper's expected output, and how we compare with it
// ---------------------------------------------------------------------------------------------

interface JuriscraperEntry {
  date_filed: string;
  description: string;
  document_number: string | null;
  pacer_doc_id: string;
  short_description: string;
}

interface JuriscraperDocket {
  court_id: string;
  docket_number: string;
  case_name: string;
  pacer_case_id: string | null;
  docket_entries: JuriscraperEntry[];
}

/**
 * juriscraper's test harness names the court after the fixture file ("sdny_1.xml" -> "sdny"),
 * but that feed's host is ecf.nysd.uscourts.gov and "nysd" is the court's real CM/ECF and
 * CourtListener id. We derive the court from the host, so we expect "nysd".
 */
const COURT_FROM_FIXTURE_NAME: Record<string, string> = { sdny: 'nysd' };

type ComparedEntry = Pick<ParsedEntry, 'filedAt' | 'entryNumber' | 'pacerDocId' | 'shortDescription' | 'description'>;
type ComparedDocket = Pick<ParsedDocket, 'court' | 'docketNumber' | 'caseName' | 'pacerCaseId'> & {
  entries: ComparedEntry[];
};

function compared(document: ParsedDocument): ComparedDocket[] {
  return document.dockets.map(({ court, docketNumber, caseName, pacerCaseId, entries }) => ({
    court,
    docketNumber,
    caseName,
    pacerCaseId,
    entries: entries.map(({ filedAt, entryNumber, pacerDocId, shortDescription, description }) => ({
      filedAt,
      entryNumber,
      pacerDocId,
      shortDescription,
      description,
    })),
  }));
}

/**
 * Why we group: juriscraper returns one docket per RSS item (each with a single entry), so a busy
 * case appears many times. Our contract is one docket per case with its entries, which is what
 * the timeline and the alerting want. To compare, we regroup juriscraper's list the same way:
 * dockets in order of first appearance, each docket's entries in feed order. That checks order
 * as well as content. Differences we normalise on their side:
 *  - docket numbers to our canonical form (normaliseDocketNumber);
 *  - pacer_doc_id "" to null (our contract's "none");
 *  - short descriptions trimmed: juriscraper leaves a trailing space on some nyed ones
 *    ("Order on Motion to Travel ") but strips the same text when it merges events.
 */
function regroupJuriscraper(expected: JuriscraperDocket[]): ComparedDocket[] {
  const dockets = new Map<string, ComparedDocket>();
  for (const item of expected) {
    const court = COURT_FROM_FIXTURE_NAME[item.court_id] ?? item.court_id;
    const docketNumber = normaliseDocketNumber(item.docket_number);
    const key = `${docketNumber}|${item.pacer_case_id ?? ''}`;
    let docket = dockets.get(key);
    if (!docket) {
      docket = { court, docketNumber, caseName: item.case_name, pacerCaseId: item.pacer_case_id, entries: [] };
      dockets.set(key, docket);
    }
    for (const entry of item.docket_entries) {
      docket.entries.push({
        filedAt: entry.date_filed,
        entryNumber: entry.document_number,
        pacerDocId: entry.pacer_doc_id || null,
        shortDescription: entry.short_description.replace(/\s+/g, ' ').trim(),
        description: entry.description,
      });
    }
  }
  return [...dockets.values()];
}

const readExpected = (name: string): JuriscraperDocket[] =>
  JSON.parse(readFileSync(path.join(RSS_FEEDS, name.replace(/\.xml$/, '.json')), 'utf8')) as JuriscraperDocket[];

/**
 * Exact counts per fixture, so a regression cannot pass by producing less. `items` is what the feed
 * holds; `entries` is juriscraper's count after merging multi-event filings (sdny_1: 358 -> 341);
 * `dockets` is ours after grouping entries by case.
 */
const FIXTURE_COUNTS: Record<string, { items: number; entries: number; dockets: number }> = {
  'ca10.xml': { items: 6, entries: 6, dockets: 6 },
  'ca2_1.xml': { items: 4, entries: 4, dockets: 4 },
  'ca4_1.xml': { items: 20, entries: 20, dockets: 17 },
  'ca6.xml': { items: 9, entries: 9, dockets: 9 },
  'cadc.xml': { items: 13, entries: 13, dockets: 13 },
  'cafc.xml': { items: 2, entries: 2, dockets: 1 },
  'mdb_1.xml': { items: 2, entries: 2, dockets: 2 },
  'nyed_1.xml': { items: 432, entries: 357, dockets: 333 },
  'sdny_1.xml': { items: 358, entries: 341, dockets: 249 },
};

const entryCount = (document: ParsedDocument): number => document.dockets.reduce((sum, docket) => sum + docket.entries.length, 0);

describe('parsePacerRss against juriscraper fixtures', () => {
  it('finds every fixture we hold counts for, and no others', () => {
    // An added or missing fixture must be looked at, not silently skipped or silently passed.
    expect(fixtureNames).toEqual(Object.keys(FIXTURE_COUNTS).sort());
  });

  it.each(fixtureNames)('%s matches juriscraper field for field', (name) => {
    expect(compared(parsePacerRss(readFixture(name)))).toEqual(regroupJuriscraper(readExpected(name)));
  });

  it.each(fixtureNames)('%s has the exact item, entry and docket counts', (name) => {
    const xml = readFixture(name);
    const document = parsePacerRss(xml);
    const counts = FIXTURE_COUNTS[name]!;
    expect(readRssFeed(xml).items).toHaveLength(counts.items);
    expect(entryCount(document)).toBe(counts.entries);
    expect(entryCount(document)).toBe(readExpected(name).length);
    expect(document.dockets).toHaveLength(counts.dockets);
    expect(document.format).toBe('pacer-rss');
  });

  it.each(fixtureNames)('%s gives every document id a document URL, and ISO times with offsets', (name) => {
    for (const entry of parsePacerRss(readFixture(name)).dockets.flatMap((docket) => docket.entries)) {
      expect(entry.filedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(entry.attachments).toEqual([]);
      if (entry.pacerDocId !== null) expect(entry.documentUrl).toMatch(/^https:\/\/ecf\.[a-z0-9]+\.uscourts\.gov\/docs?1\//);
    }
  });

  it('merges the items of one multi-event filing the way juriscraper does (sdny_1)', () => {
    const dockets = parsePacerRss(readFixture('sdny_1.xml')).dockets;
    const thomas = dockets.find((docket) => docket.docketNumber === '1:17-cv-06954');
    // Two items, "[Discovery]" then "[Compel]", same time and document: one entry, events sorted.
    expect(thomas?.entries).toEqual([expect.objectContaining({ entryNumber: '42', shortDescription: 'Compel AND Discovery' })]);
    expect(thomas?.caseName).toBe('Thomas v. River Greene Construction Group LLC');
  });

  it('reads mdb_1: padded titles, bare numbers, entity-encoded links', () => {
    const [dozier, untitled] = parsePacerRss(readFixture('mdb_1.xml')).dockets;
    expect(dozier).toMatchObject({
      court: 'mdb',
      docketNumber: '18-00079',
      caseName: 'Dozier v. CN of Dundalk, Inc. d/b/a CNAC of D',
      pacerCaseId: '711557',
    });
    expect(dozier?.entries[0]).toMatchObject({ entryNumber: null, pacerDocId: null, documentUrl: null });
    expect(untitled?.caseName).toBe(UNKNOWN_CASE_TITLE);
    expect(untitled?.entries[0]).toMatchObject({
      entryNumber: '1',
      pacerDocId: '092041355320',
      documentUrl: 'https://ecf.mdb.uscourts.gov/doc1/092041355320?pdf_header=&de_seq_num=2&caseid=713212',
      filedAt: '2018-04-24T11:20:01+00:00',
      shortDescription: 'Miscellaneous Motion',
    });
  });

  it('reads nyed_1: CDATA, judge initials, show_case_doc links without document ids', () => {
    const dockets = parsePacerRss(readFixture('nyed_1.xml')).dockets;
    expect(dockets[0]).toMatchObject({
      court: 'nyed',
      docketNumber: '1:17-cr-00554',
      caseName: 'United States v. Shargorodskaya',
      pacerCaseId: '408124',
    });
    const foerster = dockets.find((docket) => docket.docketNumber === '2:17-cv-06029');
    expect(foerster?.entries).toEqual([
      expect.objectContaining({
        entryNumber: '12',
        pacerDocId: null,
        documentUrl: 'https://ecf.nyed.uscourts.gov/cgi-bin/show_case_doc?12,408299,,,',
        shortDescription: 'Order AND Stipulation and Order of Remand to SSA',
      }),
    ]);
  });

  it('reads appellate feeds: "Document" links number the entry by document id, MST and EST offsets', () => {
    const [kahn] = parsePacerRss(readFixture('ca10.xml')).dockets;
    expect(kahn).toMatchObject({ court: 'ca10', docketNumber: '19-8054', pacerCaseId: null });
    expect(kahn?.entries[0]).toMatchObject({
      entryNumber: '010010807970',
      pacerDocId: '010010807970',
      documentUrl: 'https://ecf.ca10.uscourts.gov/docs1/010010807970',
      filedAt: '2023-02-03T09:05:16-07:00',
    });
    const cafc = parsePacerRss(readFixture('cafc.xml')).dockets;
    expect(cafc).toHaveLength(1);
    expect(cafc[0]?.entries.map((entry) => [entry.entryNumber, entry.filedAt])).toEqual([
      ['102', '2023-02-03T09:56:28-05:00'],
      ['101', '2023-02-03T09:55:10-05:00'],
    ]);
  });

  it('decodes double-escaped titles (cadc)', () => {
    const [foodAndWater] = parsePacerRss(readFixture('cadc.xml')).dockets;
    expect(foodAndWater?.caseName).toBe('Food & Water Watch v. FERC');
  });

  it('derives the court from the feed host, and lets options.court override it', () => {
    expect(parsePacerRss(readFixture('ca4_1.xml')).dockets[0]?.court).toBe('ca4');
    expect(parsePacerRss(readFixture('sdny_1.xml')).dockets[0]?.court).toBe('nysd');
    const renamed = parsePacerRss(readFixture('sdny_1.xml'), { court: ' SDNY ' });
    expect(new Set(renamed.dockets.map((docket) => docket.court))).toEqual(new Set(['sdny']));
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic feeds
// ---------------------------------------------------------------------------------------------

interface ItemSpec {
  title?: string;
  link?: string;
  description?: string;
  pubDate?: string;
}

const MDD = 'https://ecf.mdd.uscourts.gov';
const doc1Link = (docId: string, number: string) =>
  `(&lt;a href="${MDD}/doc1/${docId}?caseid=123456&amp;amp;de_seq_num=42"&gt;${number}&lt;/a&gt;)`;

const DEFAULT_ITEM: Required<ItemSpec> = {
  title: '8:25-cv-00951-PX Doe v. Roe',
  link: `${MDD}/cgi-bin/DktRpt.pl?123456`,
  description: `[Order] ${doc1Link('093112345678', '12')}`,
  pubDate: 'Mon, 06 Feb 2023 10:00:00 GMT',
};

function item(spec: ItemSpec = {}): string {
  const fields = { ...DEFAULT_ITEM, ...spec };
  const element = (name: keyof ItemSpec) => (spec[name] === undefined && name in spec ? '' : `<${name}>${fields[name]}</${name}>`);
  return `<item>${element('title')}${element('link')}${element('description')}${element('pubDate')}</item>`;
}

function feed(items: string[], channelLink = MDD): string {
  return [
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<rss version="2.0">',
    '<channel>',
    '<title>District of Maryland - Recent Entries</title>',
    `<link>${channelLink}</link>`,
    '<description>Docket entries of type: all</description>',
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}

const parseOne = (spec: ItemSpec = {}) => parsePacerRss(feed([item(spec)])).dockets;
const onlyEntry = (spec: ItemSpec = {}) => parseOne(spec)[0]!.entries[0]!;

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

const codeFor = (input: string): ErrorCode => parseErrorOf(() => parsePacerRss(input)).code;

describe('parsePacerRss on synthetic feeds', () => {
  it('returns no dockets for a CM/ECF feed with no items: a quiet day', () => {
    expect(parsePacerRss(feed([]))).toEqual({ format: 'pacer-rss', dockets: [] });
  });

  it('reads one district item in full', () => {
    expect(parseOne()).toEqual([
      {
        court: 'mdd',
        docketNumber: '8:25-cv-00951',
        caseName: 'Doe v. Roe',
        pacerCaseId: '123456',
        entries: [
          {
            entryNumber: '12',
            filedAt: '2023-02-06T10:00:00+00:00',
            shortDescription: 'Order',
            description: '',
            documentUrl: `${MDD}/doc1/093112345678?caseid=123456&de_seq_num=42`,
            // The fourth digit only tells PACER to skip the attachment page; juriscraper zeroes it.
            pacerDocId: '093012345678',
            attachments: [],
          },
        ],
      },
    ]);
  });

  it.each([
    ['Mon, 06 Feb 2023 10:00:00 GMT', '2023-02-06T10:00:00+00:00'],
    ['Fri, 03 Feb 2023 12:20:16 EST', '2023-02-03T12:20:16-05:00'],
    ['Mon, 03 Jul 2023 12:20:16 EDT', '2023-07-03T12:20:16-04:00'],
    ['Fri, 03 Feb 2023 10:58:42 MST', '2023-02-03T10:58:42-07:00'],
    ['Mon, 06 Feb 2023 10:00:00 -0700', '2023-02-06T10:00:00-07:00'],
    ['Mon, 06 Feb 2023 10:00:00', '2023-02-06T10:00:00+00:00'],
    ['  Mon,  06 Feb 2023   10:00:00   GMT ', '2023-02-06T10:00:00+00:00'],
  ])('dates pubDate %j as %s', (pubDate, filedAt) => {
    expect(onlyEntry({ pubDate }).filedAt).toBe(filedAt);
  });

  it('decodes double-escaped entities in titles and descriptions', () => {
    const [docket] = parseOne({
      title: '8:25-cv-951 Food &amp;amp; Water Watch v. FERC',
      description: `[Motion to Seal &amp;amp; Strike] ${doc1Link('093112345678', '12')}`,
    });
    expect(docket?.caseName).toBe('Food & Water Watch v. FERC');
    expect(docket?.entries[0]?.shortDescription).toBe('Motion to Seal & Strike');
  });

  it('reads CDATA and unescaped HTML in descriptions alike', () => {
    const html = `[Order] (<a href="${MDD}/doc1/093112345678">12</a>)`;
    for (const description of [`<![CDATA[${html}]]>`, html]) {
      expect(onlyEntry({ description })).toMatchObject({ entryNumber: '12', pacerDocId: '093012345678' });
    }
    expect(parseOne({ title: '<![CDATA[8:25-cv-951 Doe &amp; Co. v. Roe]]>' })[0]?.caseName).toBe('Doe & Co. v. Roe');
  });

  it('keeps non-ASCII names read as ISO-8859-1, and trims padded titles', () => {
    const bytes = Buffer.from(feed([item({ title: '8:25-cv-951 Peña v. Müller GmbH            ' })]), 'latin1');
    expect(parsePacerRss(bytes.toString('latin1')).dockets[0]?.caseName).toBe('Peña v. Müller GmbH');
  });

  it('harmonizes case names and falls back to "Unknown Case Title"', () => {
    expect(parseOne({ title: '1:18-cv-04423 USA v. Gorg &amp; Smith, et al' })[0]?.caseName).toBe('United States v. Gorg & Smith');
    expect(parseOne({ title: '8:25-cv-951   ' })[0]?.caseName).toBe(UNKNOWN_CASE_TITLE);
    // Nothing left once the party-role word goes.
    expect(parseOne({ title: '8:25-cv-951 Plaintiff' })[0]?.caseName).toBe(UNKNOWN_CASE_TITLE);
  });

  it('reads the PACER case id from nonce-style links', () => {
    const link = 'https://ecf.mdd.uscourts.gov/cgi-bin/iquery.pl?625371913403797-L_9999_1-0-663150';
    expect(parseOne({ link })[0]?.pacerCaseId).toBe('663150');
    expect(parseOne({ link: `${MDD}/cgi-bin/DktRpt.pl` })[0]?.pacerCaseId).toBeNull();
  });

  it('resolves relative document links and refuses non-web ones', () => {
    expect(onlyEntry({ description: '[Order] (&lt;a href="/doc1/093112345678"&gt;12&lt;/a&gt;)' }).documentUrl).toBe(
      `${MDD}/doc1/093112345678`,
    );
    expect(onlyEntry({ description: '[Order] (&lt;a href="javascript:alert(1)"&gt;12&lt;/a&gt;)' })).toMatchObject({
      entryNumber: '12',
      documentUrl: null,
      pacerDocId: null,
    });
  });

  it('gives an entry with no link no number, document or URL', () => {
    expect(onlyEntry({ description: '[Minute Entry]' })).toMatchObject({
      shortDescription: 'Minute Entry',
      entryNumber: null,
      pacerDocId: null,
      documentUrl: null,
    });
    expect(onlyEntry({ description: 'no brackets here' }).shortDescription).toBe('');
  });

  it("groups one case's items into one docket, entries in feed order", () => {
    const dockets = parsePacerRss(
      feed([
        item({ pubDate: 'Mon, 06 Feb 2023 11:00:00 GMT', description: `[Answer] ${doc1Link('093112345679', '13')}` }),
        item({ title: '8:25-cv-00123 Other v. Case', link: `${MDD}/cgi-bin/DktRpt.pl?777` }),
        item({ title: '8:25-cv-951-PX-TDC Doe v. Roe' }),
      ]),
    ).dockets;
    expect(dockets.map((docket) => [docket.docketNumber, docket.entries.map((entry) => entry.entryNumber)])).toEqual([
      ['8:25-cv-00951', ['13', '12']],
      ['8:25-cv-00123', ['12']],
    ]);
  });

  it('keeps apart cases that share a docket number but not a PACER case id', () => {
    const dockets = parsePacerRss(
      feed([item(), item({ link: `${MDD}/cgi-bin/DktRpt.pl?999999`, pubDate: 'Mon, 06 Feb 2023 09:00:00 GMT' })]),
    ).dockets;
    expect(dockets.map((docket) => docket.pacerCaseId)).toEqual(['123456', '999999']);
  });

  it('merges the items of one filing, sorting its events', () => {
    const events = ['Order(Other)', 'Scheduling Order', 'Order'];
    const document = parsePacerRss(feed(events.map((event) => item({ description: `[${event}] ${doc1Link('093112345678', '12')}` }))));
    expect(entryCount(document)).toBe(1);
    expect(document.dockets[0]?.entries[0]?.shortDescription).toBe('Order AND Order(Other) AND Scheduling Order');
  });

  it('merges linkless items of one docket at one second, as juriscraper does', () => {
    const document = parsePacerRss(feed([item({ description: '[Order]' }), item({ description: '[~Util - Set Hearings]' })]));
    expect(document.dockets[0]?.entries.map((entry) => entry.shortDescription)).toEqual(['Order AND ~Util - Set Hearings']);
  });

  it('does not merge different documents filed in the same second', () => {
    const byDocId = parsePacerRss(feed([item(), item({ description: `[Order] ${doc1Link('093112345699', '14')}` })]));
    expect(entryCount(byDocId)).toBe(2);
    // No document ids (nyed's show_case_doc links) but different entry numbers: juriscraper merges these; we do not.
    const showCaseDoc = (number: string) =>
      `[Order] (&lt;a href="https://ecf.nyed.uscourts.gov/cgi-bin/show_case_doc?${number},408299,,,"&gt;${number}&lt;/a&gt;)`;
    const byNumber = parsePacerRss(feed([item({ description: showCaseDoc('12') }), item({ description: showCaseDoc('13') })]));
    expect(byNumber.dockets[0]?.entries.map((entry) => entry.entryNumber)).toEqual(['12', '13']);
  });

  it('skips items that name no docket, as juriscraper does', () => {
    const dockets = parsePacerRss(feed([item({ title: 'Court closed on Monday' }), item()])).dockets;
    expect(dockets.map((docket) => docket.docketNumber)).toEqual(['8:25-cv-00951']);
  });

  it("reads appellate and bankruptcy docket numbers by the court's kind", () => {
    const appellate = feed(
      [
        item({
          title: '11-8 Alden Harden v. Jamel Jackson',
          link: 'https://ecf.ca4.uscourts.gov/n/beam/servlet/TransportRoom?servlet=DocketReportFilter.jsp&amp;caseNum=11-8',
          description: "[Order filed] (&lt;a href='https://ecf.ca4.uscourts.gov/docs1/00409219058'>Document&lt;/a>)",
        }),
      ],
      'https://ecf.ca4.uscourts.gov',
    );
    expect(parsePacerRss(appellate).dockets[0]).toMatchObject({
      court: 'ca4',
      docketNumber: '11-8',
      pacerCaseId: null,
      entries: [expect.objectContaining({ entryNumber: '00409219058', pacerDocId: '00409219058' })],
    });
    const bankruptcy = feed([item({ title: '23-10042 In re Acme Corp.' })], 'https://ecf.mdb.uscourts.gov');
    expect(parsePacerRss(bankruptcy).dockets[0]).toMatchObject({ court: 'mdb', docketNumber: '23-10042' });
  });
});

describe('parsePacerRss errors', () => {
  it.each([
    ['empty text', '', 'PARSE_EMPTY'],
    ['whitespace', ' \n\t ', 'PARSE_EMPTY'],
    ['plain text', 'Service Unavailable', 'PARSE_UNRECOGNISED'],
    ['JSON', '{"items": []}', 'PARSE_UNRECOGNISED'],
    ['an Atom feed', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', 'PARSE_UNRECOGNISED'],
    ['RSS without a channel', '<rss version="2.0"></rss>', 'PARSE_UNRECOGNISED'],
    [
      'a blog feed',
      '<rss version="2.0"><channel><title>Blog</title><link>https://example.com/</link><item><title>1:18-cv-1 Post</title></item></channel></rss>',
      'PARSE_UNRECOGNISED',
    ],
    [
      'the uscourts.gov news feed',
      feed([item({ title: 'Judiciary news', link: 'https://www.uscourts.gov/news/2023/01/01/x' })], 'https://www.uscourts.gov/news'),
      'PARSE_UNRECOGNISED',
    ],
    ['a court feed of non-docket items', feed([item({ title: 'Court closed Monday' })]), 'PARSE_UNRECOGNISED'],
    ['an HTML page', '<html><head><title>Error</title></head><body><p>CM/ECF is down<br></body></html>', 'PARSE_ERROR_PAGE'],
    ['an HTML5 page', '\n<!DOCTYPE html>\n<html lang="en"><body>Maintenance</body></html>', 'PARSE_ERROR_PAGE'],
    [
      'an HTML 4 page behind a comment',
      '<!-- server 3 -->\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">\n<HTML><BODY>Error</BODY></HTML>',
      'PARSE_ERROR_PAGE',
    ],
    ['a body fragment', '<body>Login required</body>', 'PARSE_ERROR_PAGE'],
    ['a bare ampersand', feed([item({ title: '8:25-cv-951 AT&T v. Roe' })]), 'PARSE_MALFORMED'],
    ['mismatched tags', feed([item().replace('</title>', '</link>')]), 'PARSE_MALFORMED'],
    ['an item without a pubDate', feed([item({ pubDate: undefined })]), 'PARSE_MALFORMED'],
    ['an unreadable pubDate', feed([item({ pubDate: 'yesterday' })]), 'PARSE_MALFORMED'],
    ['an unknown zone', feed([item({ pubDate: 'Mon, 06 Feb 2023 10:00:00 XYZ' })]), 'PARSE_MALFORMED'],
  ] as const)('rejects %s', (_label, input, code) => {
    expect(codeFor(input)).toBe(code);
  });

  it('calls a feed cut off anywhere truncated', () => {
    const xml = readFixture('sdny_1.xml');
    for (const cut of [10, 300, 1234, Math.floor(xml.length / 2), xml.length - 20, xml.trimEnd().length - 3]) {
      expect([cut, codeFor(xml.slice(0, cut))]).toEqual([cut, 'PARSE_TRUNCATED']);
    }
  });

  it('reports where the XML broke', () => {
    const error = parseErrorOf(() => parsePacerRss(feed([item({ title: '8:25-cv-951 AT&T v. Roe' })])));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.retryable).toBe(false);
    expect(error.context).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
  });

  it('refuses DTD entity declarations instead of expanding them', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${laughs}]>${feed([item({ title: '8:25-cv-951 &l9;' })]).replace(/^<\?xml[^>]*>/, '')}`;
    expect(codeFor(bomb)).toBe('PARSE_MALFORMED');
  });

  it('accepts a DOCTYPE without an internal subset (RSS 0.91 style)', () => {
    const xml = feed([item()]).replace(
      '<rss',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss',
    );
    expect(parsePacerRss(xml).dockets).toHaveLength(1);
  });

  it('refuses input too large to be a feed before parsing it', () => {
    const huge = feed([item()]).replace('</channel>', `${' '.repeat(MAX_FEED_CHARS)}</channel>`);
    const error = parseErrorOf(() => parsePacerRss(huge));
    expect(error.code).toBe('PARSE_MALFORMED');
    expect(error.context).toMatchObject({ limit: MAX_FEED_CHARS });
  });

  it('refuses prototype-polluting element names without polluting anything', () => {
    const xml = feed([item().replace('<title>', '<__proto__><polluted>yes</polluted></__proto__><title>')]);
    expect(codeFor(xml)).toBe('PARSE_MALFORMED');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses absurd nesting', () => {
    const xml = feed([item().replace('<title>', `${'<x>'.repeat(500)}${'</x>'.repeat(500)}<title>`)]);
    expect(codeFor(xml)).toBe('PARSE_MALFORMED');
    // Inside a description, markup is only HTML text to us: nesting there is harmless.
    expect(parseOne({ description: `[Order] ${'&lt;b&gt;'.repeat(500)}` })[0]?.entries[0]?.shortDescription).toBe('Order');
  });

  it('survives hostile strings (regex backtracking would time the test out)', () => {
    const hostile = [
      item({ pubDate: `Mon, 06 Feb 2023 10:00:00${' '.repeat(200_000)}!` }),
      item({ description: `${'['.repeat(200_000)} x` }),
      item({ title: `8:25-cv-951 Doe${','.repeat(200_000)}x v. Roe${' '.repeat(200_000)}` }),
    ];
    for (const hostileItem of hostile) {
      try {
        parsePacerRss(feed([hostileItem]));
      } catch (err) {
        expect(err).toBeInstanceOf(ParseError);
      }
    }
  });
});
