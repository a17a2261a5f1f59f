/**
 * The two presets we can check against saved pages: juriscraper's olc and scotus_slip fixtures,
 * compared item by item with juriscraper's expected lists (.compare.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanString, harmonizeCaseName } from '../case-name';
import { parseListing, parsePressListing, presets } from './index';
import type { ListingItem } from './index';

const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const OPINIONS = path.join(EXAMPLES, 'opinions', 'united_states');

const read = (name: string): string => readFileSync(path.join(OPINIONS, name), 'utf8');

interface JuriscraperOpinion {
  case_names: string;
  case_dates: string;
  download_urls: string;
  docket_numbers: string;
  summaries?: string;
}

const expectedOf = (name: string): JuriscraperOpinion[] => JSON.parse(read(name)) as JuriscraperOpinion[];

/** juriscraper sorts its list (date descending, ties by other fields); we keep page order. So: by URL, one to one. */
function pairByUrl(items: ListingItem[], expected: JuriscraperOpinion[]): [ListingItem, JuriscraperOpinion][] {
  expect(new Set(items.map((item) => item.url)).size).toBe(items.length);
  const byUrl = new Map(items.map((item) => [item.url, item]));
  return expected.map((want) => {
    const item = byUrl.get(want.download_urls);
    expect(item ? want.download_urls : `missing: ${want.download_urls}`).toBe(want.download_urls);
    return [item!, want];
  });
}

describe('justice-gov-olc on olc_example.html', () => {
  const pageUrl = 'https://www.justice.gov/olc/opinions?items_per_page=40';
  const listing = parseListing(read('olc_example.html'), presets['justice-gov-olc']!, pageUrl);
  const expected = expectedOf('olc_example.compare.json');

  it('finds exactly the 10 opinions juriscraper finds', () => {
    expect(listing.items).toHaveLength(10);
    expect(expected).toHaveLength(10);
  });

  it('reproduces every name, date, URL and summary', () => {
    for (const [item, want] of pairByUrl(listing.items, expected)) {
      // juriscraper's harness runs clean_string over names and summaries: smart quotes become
      // straight ones, NBSPs spaces. We keep the page's typography; cleanString puts us on its side.
      expect(cleanString(item.title)).toBe(want.case_names);
      expect(item.publishedAt).toBe(want.case_dates);
      expect(cleanString(item.summary)).toBe(want.summaries);
      expect(want.docket_numbers).toBe(''); // OLC opinions have none; neither do our items.
      expect(item.docketNumber).toBeUndefined();
      expect(item.publisher).toBe('Office of Legal Counsel, U.S. Department of Justice');
      expect(item.enclosures).toEqual([{ url: item.url, type: 'application/pdf' }]);
    }
  });

  it('keeps the page order and the page typography', () => {
    expect(listing.items[0]).toEqual({
      url: 'https://www.justice.gov/d9/2023-02/2023-01-04-dhs-impeachment-representation.pdf',
      title: 'Retaining Private Counsel to Represent the DHS Secretary in Impeachment Processes',
      publishedAt: '2023-01-04',
      summary:
        'The Department of Homeland Security may retain private counsel to assist the Department in representing itself and the ' +
        'Secretary in impeachment proceedings aimed at decisions or actions within the scope of the Secretary\u2019s official duties ' +
        'and unaccompanied by any allegations of personal misconduct.',
      text: '',
      publisher: 'Office of Legal Counsel, U.S. Department of Justice',
      enclosures: [{ url: 'https://www.justice.gov/d9/2023-02/2023-01-04-dhs-impeachment-representation.pdf', type: 'application/pdf' }],
    });
  });

  it('follows the pager to the next page (not to "Last page", which shares its class)', () => {
    expect(listing.nextPageUrl).toBe('https://www.justice.gov/olc/opinions?items_per_page=40&page=1');
  });

  it('is a press-listing document through parsePressListing', () => {
    const document = parsePressListing(read('olc_example.html'), presets['justice-gov-olc']!, pageUrl);
    expect(document.format).toBe('press-listing');
    expect(document.dockets).toEqual([]);
    expect(document.items).toHaveLength(10);
  });
});

describe('scotus-slip-opinions on scotus_slip_example.html', () => {
  const pageUrl = 'https://www.supremecourt.gov/opinions/slipopinion/22';
  const listing = parseListing(read('scotus_slip_example.html'), presets['scotus-slip-opinions']!, pageUrl);
  const expected = expectedOf('scotus_slip_example.compare.json');

  it('finds exactly the 58 opinions juriscraper finds, in both tables (the top ten and "More")', () => {
    expect(listing.items).toHaveLength(58);
    expect(expected).toHaveLength(58);
  });

  it('reproduces every name, date, URL and docket number', () => {
    for (const [item, want] of pairByUrl(listing.items, expected)) {
      // juriscraper stores names through harmonize(); the page's own text is our title.
      expect(harmonizeCaseName(item.title)).toBe(want.case_names);
      expect(item.publishedAt).toBe(want.case_dates);
      expect(item.docketNumber).toBe(want.docket_numbers);
      expect(item.summary).toBe('');
    }
  });

  it('reads the first row as the page writes it', () => {
    expect(listing.items[0]).toEqual({
      url: 'https://www.supremecourt.gov/opinions/22pdf/600us1r58_7khn.pdf',
      title: '303 Creative LLC v. Elenis',
      publishedAt: '2023-06-30',
      summary: '',
      text: '',
      publisher: 'Supreme Court of the United States',
      enclosures: [{ url: 'https://www.supremecourt.gov/opinions/22pdf/600us1r58_7khn.pdf', type: 'application/pdf' }],
      docketNumber: '21-476',
    });
  });

  it('has no next page: one page per term', () => {
    expect(listing.nextPageUrl).toBeNull();
  });
});
