/**
 * The presets written for live sites we could not fetch, each on a small synthetic page that follows
 * the markup the preset expects (see presets.ts: these presets are UNVERIFIED against the live
 * sites), and the listing parser's general behaviour: article pages, paging, the layout-change
 * error, hostile HTML.
 */
import { DocketwatchError, ParseError } from '@docketwatch/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listingUrlFor } from './court-term';
import { parseArticle, parseListing, presets, UNVERIFIED_PRESETS, validatePreset } from './index';
import type { Preset } from './index';

/** Synthetic saved pages beside this file (testdata/README.md says what each imitates). */
const readTestdata = (name: string): string => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');

const preset = (id: string): Preset => {
  const found = presets[id];
  if (!found) throw new Error(`no preset ${id}`);
  return found;
};

const page = (body: string, head = ''): string =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    return err as ParseError;
  }
  throw new Error('expected a ParseError');
}

/** Ids whose synthetic or fixture page a test here or in press-fixtures.test.ts parses. */
const COVERED = new Set(['justice-gov-olc', 'scotus-slip-opinions']);
const cover = (id: string): Preset => {
  COVERED.add(id);
  return preset(id);
};

// ---------------------------------------------------------------------------------------------
// justice.gov press releases (same Drupal/USWDS theme as the OLC fixture)
// ---------------------------------------------------------------------------------------------

const JUSTICE_ROW = (href: string, title: string, datetime: string, shown: string, teaser: string): string => `
  <div class="views-row">
    <article role="article" class="news-content-listing node-press-release">
      <div class="node-content">
        <h2 class="news-title"><a href="${href}" hreflang="en"><span class="field-formatter--string">${title}</span></a></h2>
        <div class="node-date"><time datetime="${datetime}">${shown}</time></div>
        <div class="field-formatter--text-default field_summary"><p>${teaser}</p></div>
        <div class="node-organization">Office of Public Affairs</div>
      </div>
    </article>
  </div>`;

const JUSTICE_LISTING = page(`
  <header><nav><ul><li><a href="/news">News</a></li><li><a href="/olc">OLC</a></li></ul></nav></header>
  <main id="main-content"><h1>Press Releases</h1>
    <div class="view-content"><div class="rows-wrapper">
      ${JUSTICE_ROW('/opa/pr/statement-abrego-garcia', 'Statement on Abrego Garcia v. Noem', '2025-04-07T12:00:00Z', 'April 7, 2025', 'The Department responds to the Supreme Court&rsquo;s order.')}
      ${JUSTICE_ROW('https://www.justice.gov/opa/pr/jgg-v-trump-filing', 'Filing in J.G.G. v. Trump', '2025-03-15T12:00:00Z', 'March 15, 2025', 'A filing in the District of Columbia.')}
    </div></div>
    <nav aria-label="Pagination" class="usa-pagination"><ul class="usa-pagination__list">
      <li class="usa-pagination__item"><a href="?page=0" class="usa-pagination__button usa-current">1</a></li>
      <li class="usa-pagination__item usa-pagination__arrow"><a href="?page=1" class="usa-pagination__link usa-pagination__next-page" aria-label="Next page">Next</a></li>
      <li class="usa-pagination__item usa-pagination__arrow"><a href="?page=57" class="usa-pagination__link usa-pagination__next-page" aria-label="Last page">Last</a></li>
    </ul></nav>
  </main>`);

describe('justice-gov-news (UNVERIFIED preset, synthetic page)', () => {
  const news = cover('justice-gov-news');
  const listing = parseListing(JUSTICE_LISTING, news, 'https://www.justice.gov/news/press-releases');

  it('reads each row: title, absolute link, the day of <time datetime>, the teaser', () => {
    expect(listing.items).toEqual([
      {
        url: 'https://www.justice.gov/opa/pr/statement-abrego-garcia',
        title: 'Statement on Abrego Garcia v. Noem',
        publishedAt: '2025-04-07',
        summary: 'The Department responds to the Supreme Court\u2019s order.',
        text: '',
        publisher: 'U.S. Department of Justice',
        enclosures: [],
      },
      {
        url: 'https://www.justice.gov/opa/pr/jgg-v-trump-filing',
        title: 'Filing in J.G.G. v. Trump',
        publishedAt: '2025-03-15',
        summary: 'A filing in the District of Columbia.',
        text: '',
        publisher: 'U.S. Department of Justice',
        enclosures: [],
      },
    ]);
  });

  it('finds the next page, resolved against the page', () => {
    expect(listing.nextPageUrl).toBe('https://www.justice.gov/news/press-releases?page=1');
  });

  it('reads a press release page: body text by paragraph, its date and title', () => {
    const html = page(
      `<header><nav><a href="/">Home</a></nav></header>
      <main><h1 class="page-title"><span>Statement on Abrego Garcia v. Noem</span></h1>
        <div class="node-date"><time datetime="2025-04-07T12:00:00Z">April 7, 2025</time></div>
        <div class="field_body"><p>WASHINGTON &mdash; The Department of Justice today said:</p>
          <p>The order in <em>Abrego Garcia v. Noem</em>, No. 24A949, is under review.</p><script>track()</script></div>
        <div class="related">Related content</div></main>`,
      '<title>Statement | United States Department of Justice</title>',
    );
    expect(parseArticle(html, news)).toEqual({
      text: 'WASHINGTON \u2014 The Department of Justice today said:\nThe order in Abrego Garcia v. Noem, No. 24A949, is under review.',
      publishedAt: '2025-04-07',
      title: 'Statement on Abrego Garcia v. Noem',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// dhs.gov news releases
// ---------------------------------------------------------------------------------------------

describe('dhs-news-releases (UNVERIFIED preset, synthetic pages)', () => {
  const dhs = cover('dhs-news-releases');
  const pageUrl = 'https://www.dhs.gov/news-releases/press-releases';

  it('reads the USWDS collection of testdata/dhs-press-releases.html, and nothing of the navigation around it', () => {
    expect(parseListing(readTestdata('dhs-press-releases.html'), dhs, pageUrl)).toEqual({
      items: [
        {
          url: 'https://www.dhs.gov/news/2025/04/15/dhs-statement-abrego-garcia-v-noem',
          title: 'DHS Statement on Abrego Garcia v. Noem',
          publishedAt: '2025-04-15',
          summary: "The Department responds to the District of Maryland's order in 8:25-cv-00951.",
          text: '',
          publisher: 'U.S. Department of Homeland Security',
          enclosures: [],
        },
        {
          url: 'https://www.dhs.gov/news/2025/04/11/third-country-removals-update',
          title: 'Update on Third-Country Removals',
          publishedAt: '2025-04-11',
          summary: '',
          text: '',
          publisher: 'U.S. Department of Homeland Security',
          enclosures: [],
        },
        {
          // No <time>: the day is read from the meta item's text.
          url: 'https://www.dhs.gov/news/2025/04/10/secretary-statement-alien-enemies-act',
          title: 'Secretary\u2019s Statement on the Alien Enemies Act',
          publishedAt: '2025-04-10',
          summary: 'On the Supreme Court\u2019s decision in Trump v. J.G.G.',
          text: '',
          publisher: 'U.S. Department of Homeland Security',
          enclosures: [],
        },
      ],
      nextPageUrl: 'https://www.dhs.gov/news-releases/press-releases?page=1',
    });
  });

  it('is the press-release list, not the news landing page', () => {
    expect(dhs.listingUrl).toBe('https://www.dhs.gov/news-releases/press-releases');
    expect(dhs.item).toBe('li.usa-collection__item');
  });

  it('reads a release page', () => {
    const html = page(`<main><article><h1>DHS Statement on Court Order</h1><time datetime="2025-04-07T12:00:00Z">April 7, 2025</time>
      <div class="field--name-body"><p>First.</p><ul><li>One</li><li>Two</li></ul></div></article></main>`);
    expect(parseArticle(html, dhs)).toEqual({ text: 'First.\nOne\nTwo', publishedAt: '2025-04-07', title: 'DHS Statement on Court Order' });
  });
});

// ---------------------------------------------------------------------------------------------
// supremecourt.gov opinions relating to orders
// ---------------------------------------------------------------------------------------------

describe('scotus-opinions-relating-to-orders (UNVERIFIED preset, synthetic page)', () => {
  const relating = cover('scotus-opinions-relating-to-orders');
  const listing = parseListing(
    readTestdata('scotus-relating-to-orders.html'),
    relating,
    'https://www.supremecourt.gov/opinions/relatingtoorders/24',
  );

  it('reads every row of testdata/scotus-relating-to-orders.html: the ruling on an application, its date, docket and PDF', () => {
    expect(listing.items.map((item) => [item.docketNumber, item.publishedAt, item.title])).toEqual([
      ['24A1153', '2025-06-06', 'Department of Homeland Security v. D. V. D.'],
      ['24A1007', '2025-05-16', 'A. A. R. P. v. Trump'],
      ['24A949', '2025-04-10', 'Noem v. Abrego Garcia'],
      ['24A931', '2025-04-07', 'Trump v. J. G. G.'],
    ]);
    expect(listing.items[2]).toEqual({
      url: 'https://www.supremecourt.gov/opinions/24pdf/24a949_lkhn.pdf',
      title: 'Noem v. Abrego Garcia',
      publishedAt: '2025-04-10',
      summary: '',
      text: '',
      publisher: 'Supreme Court of the United States',
      enclosures: [{ url: 'https://www.supremecourt.gov/opinions/24pdf/24a949_lkhn.pdf', type: 'application/pdf' }],
      docketNumber: '24A949',
    });
    expect(listing.nextPageUrl).toBeNull();
  });

  it('follows the Court into each term, as the slip list does', () => {
    expect(listingUrlFor(relating.listingUrl, new Date('2025-10-06T12:00:00Z'))).toBe(
      'https://www.supremecourt.gov/opinions/relatingtoorders/25',
    );
  });

  it('takes a new term with only the header row as a quiet page, not a layout change', () => {
    const empty = readTestdata('scotus-relating-to-orders.html').replace(/<tr>\s*<td[\s\S]*?<\/table>/, '</table>');
    expect(parseListing(empty, relating, 'https://www.supremecourt.gov/opinions/relatingtoorders/25').items).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// whitehouse.gov
// ---------------------------------------------------------------------------------------------

describe('whitehouse-news (UNVERIFIED preset, synthetic page)', () => {
  const whitehouse = cover('whitehouse-news');
  const html = page(`<main><ul class="wp-block-post-template is-layout-flow">
    <li class="wp-block-post post-101 post type-post status-publish">
      <div class="wp-block-group"><h2 class="wp-block-post-title"><a href="https://www.whitehouse.gov/briefings-statements/2025/04/statement-on-ruling/" target="_self">Statement on the Ruling</a></h2>
      <div class="taxonomy-category wp-block-post-terms"><a href="https://www.whitehouse.gov/briefings-statements/">Briefings &amp; Statements</a></div>
      <div class="wp-block-post-date"><time datetime="2025-04-07T18:03:12-04:00">April 7, 2025</time></div></div>
    </li>
    <li class="wp-block-post post-100 post type-post status-publish">
      <h2 class="wp-block-post-title"><a href="/presidential-actions/2025/04/order/">An Order</a></h2>
      <div class="wp-block-post-date"><time datetime="2025-04-06T09:00:00-04:00">April 6, 2025</time></div>
    </li>
  </ul>
  <nav class="wp-block-query-pagination"><a href="https://www.whitehouse.gov/news/page/2/" class="wp-block-query-pagination-next">Next Page</a></nav></main>`);

  it('reads each post with its real time and offset, and the next page', () => {
    const listing = parseListing(html, whitehouse, 'https://www.whitehouse.gov/news/');
    expect(listing.items.map(({ url, title, publishedAt, publisher }) => ({ url, title, publishedAt, publisher }))).toEqual([
      {
        url: 'https://www.whitehouse.gov/briefings-statements/2025/04/statement-on-ruling/',
        title: 'Statement on the Ruling',
        publishedAt: '2025-04-07T18:03:12-04:00',
        publisher: 'The White House',
      },
      {
        url: 'https://www.whitehouse.gov/presidential-actions/2025/04/order/',
        title: 'An Order',
        publishedAt: '2025-04-06T09:00:00-04:00',
        publisher: 'The White House',
      },
    ]);
    expect(listing.nextPageUrl).toBe('https://www.whitehouse.gov/news/page/2/');
  });

  it('reads a statement page', () => {
    const article = page(
      `<main><h1 class="wp-block-post-title">Statement on the Ruling</h1><div class="wp-block-post-date"><time datetime="2025-04-07T18:03:12-04:00">April 7, 2025</time></div>
      <div class="entry-content wp-block-post-content"><p>Today the Court ruled.</p><p>More to come.</p></div></main>`,
      '<meta property="article:published_time" content="2025-04-07T22:03:12+00:00">',
    );
    expect(parseArticle(article, whitehouse)).toEqual({
      text: 'Today the Court ruled.\nMore to come.',
      publishedAt: '2025-04-07T18:03:12-04:00',
      title: 'Statement on the Ruling',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// aclu.org
// ---------------------------------------------------------------------------------------------

describe('aclu-press-releases (UNVERIFIED preset, synthetic page)', () => {
  const aclu = cover('aclu-press-releases');
  const html = page(`<header><nav><ul><li><a href="/press-releases">Press Releases</a></li></ul></nav></header>
    <main><ul class="cards">
      <li><article class="card"><a href="/press-releases/aclu-sues-over-alien-enemies-act"><h3 class="card__title">ACLU Sues Over Alien Enemies Act</h3></a>
        <p class="card__date">Press Release &mdash; April 7, 2025</p><p class="card__description">The ACLU filed suit in W.M.M. v. Trump.</p></article></li>
      <li><article class="card"><a href="https://www.aclu.org/press-releases/court-blocks-removals"><h3 class="card__title">Court Blocks Removals</h3></a>
        <time datetime="2025-04-05">April 5, 2025</time></article></li>
    </ul><a rel="next" href="/press-releases?page=2">Next</a></main>`);

  it('reads each card once (a card inside a list item is one item), with a date written in words', () => {
    const listing = parseListing(html, aclu, 'https://www.aclu.org/press-releases');
    expect(listing.items).toEqual([
      {
        url: 'https://www.aclu.org/press-releases/aclu-sues-over-alien-enemies-act',
        title: 'ACLU Sues Over Alien Enemies Act',
        publishedAt: '2025-04-07',
        summary: 'The ACLU filed suit in W.M.M. v. Trump.',
        text: '',
        publisher: 'ACLU',
        enclosures: [],
      },
      {
        url: 'https://www.aclu.org/press-releases/court-blocks-removals',
        title: 'Court Blocks Removals',
        publishedAt: '2025-04-05',
        summary: '',
        text: '',
        publisher: 'ACLU',
        enclosures: [],
      },
    ]);
    expect(listing.nextPageUrl).toBe('https://www.aclu.org/press-releases?page=2');
  });

  it('reads a press release page, falling back to <article> when its body class is unknown', () => {
    const article = page(
      `<main><article><h1>ACLU Sues Over Alien Enemies Act</h1><p>April 7, 2025</p><p>NEW YORK &mdash; The ACLU today...</p></article></main>`,
    );
    expect(parseArticle(article, aclu)).toEqual({
      text: 'ACLU Sues Over Alien Enemies Act\nApril 7, 2025\nNEW YORK \u2014 The ACLU today...',
      publishedAt: null,
      title: 'ACLU Sues Over Alien Enemies Act',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Court "cases of interest" pages
// ---------------------------------------------------------------------------------------------

describe('court-cases-of-interest (UNVERIFIED preset, synthetic pages)', () => {
  const courtPreset = cover('court-cases-of-interest');

  it('reads a D. Md.-style views table: case link, number, the date in its row', () => {
    const html = page(`<main><h1>Cases of Interest</h1><div class="view-content"><table class="views-table cols-3">
      <thead><tr><th>Case</th><th>Case Number</th><th>Last Updated</th></tr></thead>
      <tbody>
        <tr><td class="views-field views-field-title"><a href="/abrego-garcia-v-noem">Abrego Garcia v. Noem</a></td>
          <td class="views-field views-field-field-case-number">8:25-cv-00951-PX</td><td class="views-field views-field-changed">04/07/2025</td></tr>
        <tr><td class="views-field views-field-title"><a href="/other-case">Other Case</a></td>
          <td class="views-field views-field-field-case-number">1:24-cv-00001</td><td class="views-field views-field-changed">March 3, 2025</td></tr>
      </tbody></table></div></main>`);
    const listing = parseListing(html, courtPreset, 'https://www.mdd.uscourts.gov/cases-of-interest');
    expect(listing.items).toEqual([
      {
        url: 'https://www.mdd.uscourts.gov/abrego-garcia-v-noem',
        title: 'Abrego Garcia v. Noem',
        publishedAt: '2025-04-07',
        summary: '',
        text: '',
        publisher: 'U.S. District Court for the District of Maryland',
        enclosures: [],
        docketNumber: '8:25-cv-00951-PX',
      },
      {
        url: 'https://www.mdd.uscourts.gov/other-case',
        title: 'Other Case',
        publishedAt: '2025-03-03',
        summary: '',
        text: '',
        publisher: 'U.S. District Court for the District of Maryland',
        enclosures: [],
        docketNumber: '1:24-cv-00001',
      },
    ]);
    expect(listing.nextPageUrl).toBeNull();
  });

  it('serves another court as a catalogue override (D.D.C., a list in the page body, PDFs linked directly)', () => {
    const dcd = validatePreset({
      ...courtPreset,
      id: 'dcd-cases-of-interest',
      name: 'Cases of interest (D.D.C.)',
      publisher: 'U.S. District Court for the District of Columbia',
      baseUrl: 'https://www.dcd.uscourts.gov',
      listingUrl: 'https://www.dcd.uscourts.gov/cases-interest',
    });
    const html = page(`<header><ul><li><a href="/">Home</a></li></ul></header><main><article><div class="field--name-body"><ul>
      <li><a href="/sites/dcd/files/jgg-order.pdf">J.G.G. v. Trump, 1:25-cv-00766 (JEB): Order</a> (posted April 7, 2025)</li>
      <li><a href="/jgg-v-trump">J.G.G. v. Trump: case page</a></li>
    </ul></div></article></main>`);
    const { items } = parseListing(html, dcd, 'https://www.dcd.uscourts.gov/cases-interest');
    expect(
      items.map(({ url, title, publishedAt, publisher, enclosures, docketNumber }) => ({
        url,
        title,
        publishedAt,
        publisher,
        enclosures,
        docketNumber,
      })),
    ).toEqual([
      {
        url: 'https://www.dcd.uscourts.gov/sites/dcd/files/jgg-order.pdf',
        title: 'J.G.G. v. Trump, 1:25-cv-00766 (JEB): Order',
        publishedAt: '2025-04-07',
        publisher: 'U.S. District Court for the District of Columbia',
        enclosures: [{ url: 'https://www.dcd.uscourts.gov/sites/dcd/files/jgg-order.pdf', type: 'application/pdf' }],
        docketNumber: null,
      },
      {
        url: 'https://www.dcd.uscourts.gov/jgg-v-trump',
        title: 'J.G.G. v. Trump: case page',
        publishedAt: null,
        publisher: 'U.S. District Court for the District of Columbia',
        enclosures: [],
        docketNumber: null,
      },
    ]);
  });
});

describe('built-in presets', () => {
  it('has a page test for every preset', () => {
    expect([...COVERED].sort()).toEqual(Object.keys(presets).sort());
  });

  it('marks every preset not checked against a saved page as unverified', () => {
    expect([...UNVERIFIED_PRESETS].sort()).toEqual(
      Object.keys(presets)
        .filter((id) => id !== 'justice-gov-olc' && id !== 'scotus-slip-opinions')
        .sort(),
    );
  });

  it('are valid, and validation leaves them unchanged', () => {
    for (const builtIn of Object.values(presets)) expect(validatePreset(JSON.parse(JSON.stringify(builtIn)))).toEqual(builtIn);
  });
});

// ---------------------------------------------------------------------------------------------
// Listing behaviour: empty pages, layout changes, odd links, hostile HTML
// ---------------------------------------------------------------------------------------------

describe('a listing with no items', () => {
  const news = preset('justice-gov-news');

  it('is a layout change, not a quiet day', () => {
    const redesigned = page('<main><div class="new-card-grid"><div class="card"><a href="/opa/pr/x">X</a></div></div></main>');
    const error = parseError(() => parseListing(redesigned, news, 'https://www.justice.gov/news/press-releases'));
    expect(error.code).toBe('PARSE_LAYOUT_CHANGED');
    expect(error.message).toBe('layout changed? justice-gov-news found no items');
    expect(error.context).toMatchObject({ preset: 'justice-gov-news', matched: 0 });
  });

  it('is a layout change when blocks match but none has a title and link', () => {
    const hollow = page('<div class="rows-wrapper"><div class="views-row"><h2>No link here</h2></div><div class="views-row"></div></div>');
    const error = parseError(() => parseListing(hollow, news, 'https://www.justice.gov/news/press-releases'));
    expect(error.message).toBe('layout changed? justice-gov-news found no items');
    expect(error.context).toMatchObject({ matched: 2 });
  });

  it('names the error page when one came back instead', () => {
    const denied = page("<h1>Access Denied</h1><p>You don't have permission to access this server.</p>", '<title>Access Denied</title>');
    const error = parseError(() => parseListing(denied, news, 'https://www.justice.gov/news/press-releases'));
    expect(error.code).toBe('PARSE_ERROR_PAGE');
    expect(error.context).toMatchObject({ errorPage: 'Access Denied' });
  });

  it('is legitimate when the preset says what an empty page looks like (a new term with no opinions yet)', () => {
    const newTerm = page(
      `<table class="table table-bordered"><tr><th>R-</th><th>Date</th><th>Docket</th><th>Name</th><th>J.</th><th>Citation</th></tr></table>`,
    );
    expect(parseListing(newTerm, preset('scotus-slip-opinions'), 'https://www.supremecourt.gov/opinions/slipopinion/26')).toEqual({
      items: [],
      nextPageUrl: null,
    });
  });
});

describe('links', () => {
  const custom = validatePreset({
    id: 'custom',
    name: 'Custom',
    publisher: 'Custom Office',
    baseUrl: 'https://custom.example.gov',
    listingUrl: 'https://custom.example.gov/news/',
    item: 'li',
    title: 'a',
    link: 'a',
    date: { selector: '.when', format: 'us' },
    nextPage: 'a.next',
    maxPages: 2,
    articleBody: '.body',
  });

  it('resolves against <base href>, drops javascript: links and repeated URLs, and ignores a next link to this page', () => {
    const html = page(
      `<ul><li><a href="a.html">A</a><span class="when">4/7/25</span></li><li><a href="javascript:void(0)">Script</a></li>
      <li><a href="a.html">A again</a></li><li><a href="a.html#top">A, top</a></li><li><a href="/b.html">B</a></li></ul><a class="next" href="/news/">Next</a>`,
      '<base href="https://cdn.custom.example.gov/mirror/">',
    );
    const listing = parseListing(html, custom, 'https://custom.example.gov/news/');
    expect(listing.items.map((item) => [item.url, item.title, item.publishedAt])).toEqual([
      ['https://cdn.custom.example.gov/mirror/a.html', 'A', '2025-04-07'],
      // A fragment makes another address (a PDF's #page=3 is another item); only exact repeats go.
      ['https://cdn.custom.example.gov/mirror/a.html#top', 'A, top', null],
      ['https://cdn.custom.example.gov/b.html', 'B', null],
    ]);
    expect(
      parseListing(html.replace('<base href="https://cdn.custom.example.gov/mirror/">', ''), custom, 'https://custom.example.gov/news/')
        .nextPageUrl,
    ).toBeNull();
  });
});

describe('hostile HTML', () => {
  const news = preset('justice-gov-news');

  it.each<[string, string]>([
    ['nested far too deep', '<div>'.repeat(20_000)],
    ['far too many elements', '<p>x'.repeat(150_000)],
  ])('refuses a page %s before building a tree', (_name, html) => {
    const error = parseError(() => parseListing(html, news, 'https://www.justice.gov/news'));
    expect(error.code).toBe('PARSE_MALFORMED');
    expect(parseError(() => parseArticle(html, news)).code).toBe('PARSE_MALFORMED');
  });

  it('refuses no text at all', () => {
    expect(parseError(() => parseListing('  ', news, 'https://www.justice.gov/news')).code).toBe('PARSE_EMPTY');
  });

  it('caps what one page may yield', () => {
    const rows = Array.from({ length: 700 }, (_, i) => `<div class="views-row"><h2><a href="/pr/${i}">Item ${i}</a></h2></div>`).join('');
    expect(parseListing(page(`<div class="rows-wrapper">${rows}</div>`), news, 'https://www.justice.gov/news').items).toHaveLength(500);
  });

  it('reports a bad selector in an unvalidated preset as a catalogue error', () => {
    const broken = { ...news, item: 'div[' };
    expect(() => parseListing(page('<p>x</p>'), broken, 'https://www.justice.gov/news')).toThrow(DocketwatchError);
    try {
      parseListing(page('<p>x</p>'), broken, 'https://www.justice.gov/news');
    } catch (err) {
      expect((err as DocketwatchError).code).toBe('CATALOGUE_INVALID');
    }
  });
});
