import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseError } from '@docketwatch/core';
import type { ErrorCode, ParsedItem } from '@docketwatch/core';
import { harmonizeCaseName } from '../case-name';
import { MAX_SUMMARY_CHARS, parseFeed, parseIsoDateTime } from './index';

/** /work/main and /work/shared are siblings, locally and in CI. Fixtures are read in place, never copied. */
const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');

const readFixture = (relative: string): string => readFileSync(path.join(EXAMPLES, relative), 'utf8');

// ---------------------------------------------------------------------------------------------
// juriscraper's expected lists, and what of them a generic feed reader gives back
// ---------------------------------------------------------------------------------------------

/** The fields of a juriscraper opinion/oral-argument site's expected output (.compare.json) we compare. */
interface JuriscraperCase {
  case_names: string;
  case_dates: string;
  download_urls: string;
  docket_numbers: string;
}

/**
 * How one fixture maps onto our items. juriscraper is a per-court scraper; we are a generic feed
 * reader, so per court the test says where juriscraper's fields sit in a plain item:
 *  - download_urls: the item's URL (ca10 links its PDFs directly) or one of its enclosures (ca8's
 *    MP3 <enclosure>; cafc's PDF, linked from content:encoded, which we lift into enclosures).
 *  - case_names: the item's title, after the court's own decoration is cut off ("20-1046: " and
 *    " [OPINION], Precedential" on cafc, "15-6003: " on ca8) and juriscraper's clean-up is applied
 *    (harmonizeCaseName: "vs" -> "v.", "et al." dropped, "US" -> "United States"; cafc also titlecases,
 *    so there we compare case-insensitively). We deliberately keep titles as the feed writes them.
 *  - case_dates: the day of publishedAt. We keep the pubDate's time and offset; juriscraper keeps
 *    the day (ca8 reads it from the description's "on or about 06/02/2015", which agrees).
 *  - docket_numbers: not extracted. A generic reader does not know that ca10 writes "Docket#: 24-2057"
 *    in its description or that cafc and ca8 prefix titles with the number; the matter matcher finds
 *    docket numbers in an item's title and summary later. We assert they are there for it to find.
 * Nor do we extract what only a court scraper can (precedential status, lower court, short names):
 * that text stays in the summary.
 */
interface FixtureCase {
  file: string;
  count: number;
  /** Where juriscraper's download URL is among our item's addresses. */
  downloadUrl: (item: ParsedItem) => string[];
  /** Our title, reduced to what juriscraper calls the case name. */
  caseName: (title: string) => string;
  caseInsensitive?: boolean;
  publisher: string;
}

const afterNumber = (title: string): string => title.slice(title.indexOf(': ') + 2);

const FIXTURES: FixtureCase[] = [
  {
    file: 'opinions/united_states/ca10_example.xml',
    count: 4,
    downloadUrl: (item) => [item.url],
    caseName: (title) => harmonizeCaseName(title),
    publisher: 'Tenth Circuit Daily Decisions',
  },
  {
    file: 'opinions/united_states/cafc_example.xml',
    count: 100,
    downloadUrl: (item) => item.enclosures.map((enclosure) => enclosure.url),
    caseName: (title) => harmonizeCaseName(afterNumber(title).split(' [')[0]!),
    caseInsensitive: true,
    publisher: 'Opinion-Order \u2013 U.S. Court of Appeals for the Federal Circuit',
  },
  {
    file: 'oral_args/united_states/ca8_example.xml',
    count: 29,
    downloadUrl: (item) => item.enclosures.map((enclosure) => enclosure.url),
    caseName: (title) => harmonizeCaseName(afterNumber(title)),
    publisher: 'Eighth Circuit U.S. Court of Appeals',
  },
];

/**
 * juriscraper name, our title reduced as above. cafc titlecases names before harmonising them, and
 * between them they turn "S.A. DE C.V." into "S.A. De C v." (a stray "v." between parties). We do
 * not reproduce that artefact: we keep the feed's title as written.
 */
const KNOWN_NAME_DIFFERENCES: Record<string, [string, string][]> = {
  'opinions/united_states/cafc_example.xml': [
    ['Alpek Polyester, S.A. De C v. v. Polymetrix Ag', 'ALPEK POLYESTER, S.A. DE C.V. v. POLYMETRIX AG'],
  ],
};

describe.each(FIXTURES)('$file', (fixture) => {
  const document = parseFeed(readFixture(fixture.file));
  const items = document.items ?? [];
  const expected = JSON.parse(readFixture(fixture.file.replace(/\.xml$/, '.compare.json'))) as JuriscraperCase[];

  it('is a feed document with exactly the expected number of items', () => {
    expect(document.format).toBe('feed');
    expect(document.dockets).toEqual([]);
    expect(items).toHaveLength(fixture.count);
    expect(expected).toHaveLength(fixture.count);
  });

  it('matches every juriscraper case to exactly one item: name, date and download URL', () => {
    // juriscraper sorts its list (by date, then other fields, descending); we keep feed order, so match by URL.
    const used = new Set<ParsedItem>();
    const nameDifferences: [string, string][] = [];
    for (const want of expected) {
      const matches = items.filter((item) => fixture.downloadUrl(item).includes(want.download_urls));
      expect({ url: want.download_urls, matches: matches.length }).toEqual({ url: want.download_urls, matches: 1 });
      const item = matches[0]!;
      used.add(item);
      const name = fixture.caseName(item.title);
      const same = fixture.caseInsensitive ? name.toLowerCase() === want.case_names.toLowerCase() : name === want.case_names;
      if (!same) nameDifferences.push([want.case_names, name]);
      expect(item.publishedAt?.slice(0, 10)).toBe(want.case_dates);
      // The docket number is in the text the matter matcher reads.
      expect(`${item.title} ${item.summary}`).toContain(want.docket_numbers);
    }
    expect(used.size).toBe(items.length);
    expect(nameDifferences).toEqual(KNOWN_NAME_DIFFERENCES[fixture.file] ?? []);
  });

  it('gives every item the generic fields', () => {
    for (const item of items) {
      expect(item.url).toMatch(/^https?:\/\/\S+$/);
      expect(item.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(item.title).toBe(item.title.replace(/\s+/g, ' ').trim());
      expect(item.summary).not.toMatch(/<[a-z]/i);
      expect(item.text).toBe('');
      expect(item.publisher).toBe(fixture.publisher);
    }
  });
});

describe('fixture details', () => {
  it('keeps each feed time with its own offset', () => {
    const ca10 = parseFeed(readFixture('opinions/united_states/ca10_example.xml')).items!;
    expect(ca10[0]).toEqual({
      url: 'https://www.ca10.uscourts.gov/sites/ca10/files/opinions/010111288732.pdf',
      title: 'United States v. Clay',
      publishedAt: '2025-08-26T08:40:02-06:00',
      summary: 'Docket#: 24-2057 - Date Issued: Tue Aug 26 2025 - Published Opinion',
      text: '',
      publisher: 'Tenth Circuit Daily Decisions',
      enclosures: [],
    });
    const ca8 = parseFeed(readFixture('oral_args/united_states/ca8_example.xml')).items!;
    // "Tue, 02 Jun 2015 09:00 CDT", a pubDate without seconds.
    expect(ca8[0]!.publishedAt).toBe('2015-06-02T09:00:00-05:00');
    expect(ca8[0]!.enclosures).toEqual([{ url: 'http://media-oa.ca8.uscourts.gov/OAaudio/2015/6/156003.MP3', type: 'audio/mpeg' }]);
    // Titles are collapsed ("Johnny Jr.  Gatewood") and entity-decoded ("Osceola Therapy &amp; Living").
    expect(ca8.map((item) => item.title)).toEqual(expect.arrayContaining(['15-6008: Johnny Jr. Gatewood vs CP Medical, LLC']));
    expect(ca8.some((item) => item.title.includes('Osceola Therapy & Living Cntr.'))).toBe(true);
  });

  it('lifts the PDF a cafc item links from its HTML into its enclosures, resolved against the item', () => {
    const cafc = parseFeed(readFixture('opinions/united_states/cafc_example.xml')).items!;
    expect(cafc[0]!.url).toBe(
      'https://cafc.uscourts.gov/01-21-2022-20-1046-kyocera-senco-indus-tools-inc-v-itc-opinion-20-1046-opinion-1-21-2022_1896055/',
    );
    expect(cafc[0]!.enclosures).toEqual([
      { url: 'https://cafc.uscourts.gov/opinions-orders/20-1046.OPINION.1-21-2022_1896055.pdf', type: 'application/pdf' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic feeds: Atom, RDF, the corners of RSS
// ---------------------------------------------------------------------------------------------

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://agency.example.gov/">
  <title type="text">Agency Newsroom</title>
  <author><name>Office of Public Affairs</name></author>
  <link rel="self" href="https://agency.example.gov/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://agency.example.gov/news"/>
  <updated>2025-04-07T18:00:00Z</updated>
  <id>tag:agency.example.gov,2025:news</id>
  <entry>
    <title type="html">Statement on &lt;em&gt;Abrego Garcia v. Noem&lt;/em&gt;</title>
    <link rel="alternate" type="text/html" href="/news/2025/04/07/statement"/>
    <link rel="enclosure" type="application/pdf" href="/files/statement.pdf" length="1234"/>
    <id>tag:agency.example.gov,2025:1</id>
    <published>2025-04-07T14:30:00-04:00</published>
    <updated>2025-04-08T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;The agency &lt;b&gt;will comply&lt;/b&gt; with the order in No. 8:25-cv-00951.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Updated only &amp; plain &lt;text&gt;</title>
    <link href="https://agency.example.gov/news/2"/>
    <id>tag:agency.example.gov,2025:2</id>
    <updated>2025-04-06</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; second</p><p>See <a href="/docs/order.pdf">the order</a>.</p></div></content>
  </entry>
  <entry>
    <title>No link at all</title>
    <id>tag:agency.example.gov,2025:3</id>
  </entry>
</feed>`;

describe('Atom', () => {
  const items = parseFeed(ATOM).items!;

  it('reads entries: alternate link, published date, HTML title and summary as text', () => {
    expect(items[0]).toEqual({
      url: 'https://agency.example.gov/news/2025/04/07/statement',
      title: 'Statement on Abrego Garcia v. Noem',
      publishedAt: '2025-04-07T14:30:00-04:00',
      summary: 'The agency will comply with the order in No. 8:25-cv-00951.',
      text: '',
      publisher: 'Office of Public Affairs',
      enclosures: [{ url: 'https://agency.example.gov/files/statement.pdf', type: 'application/pdf' }],
    });
  });

  it('falls back to updated and to content; text titles stay literal; XHTML content is read as markup', () => {
    expect(items[1]).toMatchObject({
      url: 'https://agency.example.gov/news/2',
      title: 'Updated only & plain <text>',
      publishedAt: '2025-04-06',
      summary: 'First & second See the order.',
      enclosures: [{ url: 'https://agency.example.gov/docs/order.pdf', type: 'application/pdf' }],
    });
  });

  it('leaves out an entry with no http(s) address (a tag: id is no URL)', () => {
    expect(items).toHaveLength(2);
  });

  it('reads Atom written with a prefix', () => {
    const prefixed = `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title>
      <atom:entry><atom:title>One</atom:title><atom:link href="https://x.example/1"/><atom:updated>2025-01-02T03:04:05.123Z</atom:updated></atom:entry>
    </atom:feed>`;
    expect(parseFeed(prefixed).items).toEqual([
      {
        url: 'https://x.example/1',
        title: 'One',
        publishedAt: '2025-01-02T03:04:05+00:00',
        summary: '',
        text: '',
        publisher: 'P',
        enclosures: [],
      },
    ]);
  });
});

describe('RSS corners', () => {
  const rss = (items: string, channel = '<title>Newsroom</title><link>https://news.example.org/</link>'): string =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`;

  it('falls back from link to a permalink guid, then to the enclosure; resolves relative links against the channel', () => {
    const items = parseFeed(
      rss(`
      <item><title>Relative</title><link>/a/1</link></item>
      <item><title>Guid</title><guid>https://news.example.org/a/2</guid></item>
      <item><title>Not a permalink</title><guid isPermaLink="false">abc-123</guid><enclosure url="https://cdn.example.org/3.mp3" type="audio/mpeg" length="1"/></item>
      <item><title>Nothing</title><guid isPermaLink="false">abc-124</guid></item>
      <item><title>Script link</title><link>javascript:alert(1)</link></item>`),
    ).items!;
    expect(items.map((item) => [item.title, item.url])).toEqual([
      ['Relative', 'https://news.example.org/a/1'],
      ['Guid', 'https://news.example.org/a/2'],
      ['Not a permalink', 'https://cdn.example.org/3.mp3'],
    ]);
  });

  it('reads media:content, dc:date, content:encoded and CDATA; strips HTML from summaries and clips long ones', () => {
    const long = 'word '.repeat(500);
    const [item, second] = parseFeed(
      rss(`
      <item><title><![CDATA[Court <b>rules</b> &amp; more]]></title><link>https://news.example.org/b</link>
        <dc:date>2025-04-07T10:00:00+02:00</dc:date>
        <description>&lt;p&gt;Hello&amp;nbsp;world&lt;script&gt;evil()&lt;/script&gt;&lt;/p&gt;</description>
        <media:group><media:content url="https://cdn.example.org/v.mp4" type="video/mp4"/></media:group>
        <media:content url="https://cdn.example.org/p.jpg" medium="image"/>
      </item>
      <item><title>Long</title><link>https://news.example.org/c</link><content:encoded><![CDATA[<p>${long}</p>]]></content:encoded><pubDate>not a date</pubDate></item>`),
    ).items!;
    expect(item).toEqual({
      url: 'https://news.example.org/b',
      title: 'Court rules & more',
      publishedAt: '2025-04-07T10:00:00+02:00',
      summary: 'Hello world',
      text: '',
      publisher: 'Newsroom',
      enclosures: [
        { url: 'https://cdn.example.org/p.jpg', type: 'image' },
        { url: 'https://cdn.example.org/v.mp4', type: 'video/mp4' },
      ],
    });
    expect(second!.publishedAt).toBeNull();
    expect(second!.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS + 1);
    expect(second!.summary.endsWith('…')).toBe(true);
  });

  it('tells apart items that share one link, by guid or enclosure, and drops exact repeats', () => {
    const items = parseFeed(
      rss(`
      <item><title>A</title><link>https://court.example.gov/opinions</link><guid isPermaLink="false">https://court.example.gov/?p=1</guid></item>
      <item><title>B</title><link>https://court.example.gov/opinions</link><guid isPermaLink="false">op-2</guid></item>
      <item><title>C</title><link>https://court.example.gov/opinions</link><enclosure url="https://court.example.gov/c.pdf" type="application/pdf"/></item>
      <item><title>D</title><link>https://court.example.gov/opinions</link></item>
      <item><title>D again</title><link>https://court.example.gov/opinions</link></item>
      <item><title>Own</title><link>https://court.example.gov/own</link></item>
      <item><title>Own again</title><link>https://court.example.gov/own</link></item>`),
    ).items!;
    expect(items.map((item) => [item.title, item.url])).toEqual([
      ['A', 'https://court.example.gov/?p=1'],
      ['B', 'https://court.example.gov/opinions#op-2'],
      ['C', 'https://court.example.gov/c.pdf'],
      ['D', 'https://court.example.gov/opinions'],
      ['Own', 'https://court.example.gov/own'],
    ]);
  });

  it('names an untitled item by its summary', () => {
    const [item] = parseFeed(
      rss('<item><link>https://news.example.org/d</link><description>Only a description</description></item>'),
    ).items!;
    expect(item!.title).toBe('Only a description');
  });

  it('reads RDF (RSS 1.0), whose items are siblings of the channel', () => {
    const rdf = `<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://old.example.org/"><title>Old Court</title><link>https://old.example.org/</link></channel>
      <item rdf:about="https://old.example.org/1"><title>One</title><dc:date>2004-05-06</dc:date></item>
    </rdf:RDF>`;
    expect(parseFeed(rdf).items).toEqual([
      {
        url: 'https://old.example.org/1',
        title: 'One',
        publishedAt: '2004-05-06',
        summary: '',
        text: '',
        publisher: 'Old Court',
        enclosures: [],
      },
    ]);
  });

  it('gives an empty but valid feed no items (a quiet day, not an error)', () => {
    expect(parseFeed(rss('')).items).toEqual([]);
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>').items).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad and hostile input
// ---------------------------------------------------------------------------------------------

function codeOf(run: () => unknown): ErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    return (err as ParseError).code;
  }
}

describe('bad input', () => {
  const good = readFixture('opinions/united_states/ca10_example.xml');

  it.each<[string, string, ErrorCode]>([
    ['empty text', '   ', 'PARSE_EMPTY'],
    ['not XML', 'Docket#: 24-2057 is not a feed', 'PARSE_UNRECOGNISED'],
    ['JSON', '{"items": []}', 'PARSE_UNRECOGNISED'],
    ['an HTML page', '<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>', 'PARSE_ERROR_PAGE'],
    ['bare HTML', '<html><head><title>Access Denied</title></head></html>', 'PARSE_ERROR_PAGE'],
    ['XML that is no feed', '<?xml version="1.0"?><sitemap><url>https://x</url></sitemap>', 'PARSE_UNRECOGNISED'],
    ['a truncated feed', good.slice(0, Math.floor(good.length / 2)), 'PARSE_TRUNCATED'],
    ['a feed cut inside its prolog', '<?xml version="1.0"', 'PARSE_TRUNCATED'],
    ['malformed XML that still closes its root', '<rss><channel><item><title>x</item></channel></rss>', 'PARSE_MALFORMED'],
    [
      'a DTD internal subset (billion laughs)',
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
      'PARSE_MALFORMED',
    ],
    ['every item without an address', '<rss><channel><item><title>a</title></item></channel></rss>', 'PARSE_MALFORMED'],
  ])('%s', (_name, input, code) => {
    expect(codeOf(() => parseFeed(input))).toBe(code);
  });

  it('refuses absurdly large input before parsing it', () => {
    const huge = `<rss><channel>${' '.repeat(8 * 1024 * 1024)}</channel></rss>`;
    expect(codeOf(() => parseFeed(huge))).toBe('PARSE_MALFORMED');
  });

  it('survives a description nested far too deep for an HTML parser', () => {
    const bomb = '<div>'.repeat(50_000) + 'deep text' + '</div>'.repeat(50_000);
    const xml = `<rss><channel><title>T</title><item><title>Bomb</title><link>https://x.example/1</link><description><![CDATA[${bomb}]]></description></item></channel></rss>`;
    const [item] = parseFeed(xml).items!;
    expect(item!.summary).toBe('deep text');
  });

  it('never expands entities, and leaves unknown ones as text', () => {
    const xml =
      '<rss><channel><title>T</title><item><title>A &unknown; B &#x41;</title><link>https://x.example/1</link></item></channel></rss>';
    expect(parseFeed(xml).items![0]!.title).toBe('A &unknown; B A');
  });
});

describe('parseIsoDateTime', () => {
  it.each<[string, string | null]>([
    ['2025-04-07', '2025-04-07'],
    ['2025-04-07T14:30:00Z', '2025-04-07T14:30:00+00:00'],
    ['2025-04-07T14:30:00.123-04:00', '2025-04-07T14:30:00-04:00'],
    ['2025-04-07 14:30:00+0530', '2025-04-07T14:30:00+05:30'],
    ['2025-04-07T14:30', '2025-04-07T14:30:00+00:00'],
    ['2025-02-30', null],
    ['2025-04-07T25:00:00Z', null],
    ['April 7, 2025', null],
  ])('%s -> %s', (raw, expected) => {
    expect(parseIsoDateTime(raw)).toBe(expected);
  });

  it('keeps only the day when asked', () => {
    expect(parseIsoDateTime('2023-01-04T12:00:00Z', { dayOnly: true })).toBe('2023-01-04');
  });
});
