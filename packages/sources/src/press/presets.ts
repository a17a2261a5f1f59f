/**
 * Built-in presets. Each is plain data, checked by validatePreset when this module loads, and a
 * catalogue can define more in the same shape (or reuse one with another listingUrl and publisher:
 * `court-cases-of-interest` serves any court's "cases of interest" page).
 *
 * VERIFICATION STATUS — read before relying on a preset:
 *  - `justice-gov-olc` and `scotus-slip-opinions` are verified against saved pages: juriscraper's
 *    olc_example.html and scotus_slip_example.html reproduce its expected lists (press-fixtures.test.ts).
 *  - `justice-gov-news`, `dhs-news-releases`, `whitehouse-news`, `aclu-press-releases`,
 *    `scotus-opinions-relating-to-orders` and `court-cases-of-interest` are UNVERIFIED against the
 *    live sites. They were written without network access, from knowledge of each site's markup
 *    (justice.gov's listing shares the Drupal/USWDS theme the OLC fixture shows, which makes that one
 *    the most likely to be right), and are tested only on synthetic pages that follow that markup
 *    (testdata/README.md). Where a site's markup was uncertain the
 *    selectors list several plausible forms. Check each against a live page before enabling it; a
 *    wrong one fails loudly ("layout changed? <preset> found no items"), it does not go quiet.
 */
import { validatePreset } from './preset';
import type { Preset } from './preset';

/** justice.gov (Drupal, USWDS theme): pager links as on the OLC fixture. "Last page" shares the class, hence the label. */
const JUSTICE_GOV_NEXT_PAGE = 'a.usa-pagination__next-page[aria-label="Next page"], a[rel="next"]';

const definitions: Record<string, unknown>[] = [
  {
    // UNVERIFIED. The press-release list: .views-row > article.news-content-listing, with an h2 link,
    // <time datetime> (Drupal's placeholder noon UTC on a date-only field, hence dayOnly) and a teaser.
    id: 'justice-gov-news',
    name: 'Justice Department press releases',
    publisher: 'U.S. Department of Justice',
    baseUrl: 'https://www.justice.gov',
    listingUrl: 'https://www.justice.gov/news/press-releases',
    item: '.rows-wrapper .views-row, .view-content .views-row',
    title: 'h2, h3',
    link: { selector: 'h2 a, h3 a', attr: 'href' },
    date: { selector: 'time', attr: 'datetime', dayOnly: true },
    summary: '.field_summary, .field_teaser, .field_overview, .node-teaser, p',
    nextPage: JUSTICE_GOV_NEXT_PAGE,
    maxPages: 3,
    articleBody: ['.field_body', '.node-body', 'article .field--name-body'],
    articleTitle: 'h1',
    articleDate: { selector: '.node-date time, time', attr: 'datetime', dayOnly: true },
  },
  {
    // VERIFIED against olc_example.html: juriscraper's olc scraper reads each <article>'s h2, first
    // link, <time> and first <p>. Items link the opinions' PDFs, so there are no article pages.
    id: 'justice-gov-olc',
    name: 'Office of Legal Counsel opinions',
    publisher: 'Office of Legal Counsel, U.S. Department of Justice',
    baseUrl: 'https://www.justice.gov',
    listingUrl: 'https://www.justice.gov/olc/opinions?items_per_page=40',
    item: '.views-row article',
    title: 'h2',
    link: { selector: 'h2 a, a', attr: 'href' },
    date: { selector: 'time', attr: 'datetime', dayOnly: true },
    summary: '.field_overview, p',
    nextPage: JUSTICE_GOV_NEXT_PAGE,
    maxPages: 2,
    articleBody: [],
  },
  {
    // UNVERIFIED. dhs.gov's press-release list, as other scrapers read it: a USWDS collection,
    // li.usa-collection__item with its .usa-collection__heading link and a <time> (or the day as text)
    // in .usa-collection__meta. Tested on testdata/dhs-press-releases.html (synthetic).
    id: 'dhs-news-releases',
    name: 'DHS press releases',
    publisher: 'U.S. Department of Homeland Security',
    baseUrl: 'https://www.dhs.gov',
    listingUrl: 'https://www.dhs.gov/news-releases/press-releases',
    item: 'li.usa-collection__item',
    title: '.usa-collection__heading',
    link: { selector: '.usa-collection__heading a' },
    date: { selector: '.usa-collection__meta time, .usa-collection__meta-item', attr: 'datetime', dayOnly: true },
    summary: '.usa-collection__description',
    nextPage: 'a.usa-pagination__next-page, li.pager__item--next a, a[rel="next"]',
    maxPages: 3,
    articleBody: ['.field--name-body', 'article .usa-prose', 'article'],
    articleTitle: 'h1',
    articleDate: { selector: 'time', attr: 'datetime', dayOnly: true },
  },
  {
    // UNVERIFIED. whitehouse.gov (WordPress block theme): ul.wp-block-post-template > li.wp-block-post,
    // h2.wp-block-post-title a, .wp-block-post-date <time datetime> (a real time with offset);
    // the 2021-25 theme's article.news-item is accepted too. /briefings-statements/ has the same markup.
    id: 'whitehouse-news',
    name: 'The White House: news, briefings and statements',
    publisher: 'The White House',
    baseUrl: 'https://www.whitehouse.gov',
    listingUrl: 'https://www.whitehouse.gov/news/',
    item: 'li.wp-block-post, article.news-item',
    title: '.wp-block-post-title, .news-item__title',
    link: { selector: '.wp-block-post-title a, a.news-item__title, .news-item__title a' },
    date: { selector: '.wp-block-post-date time, time, .news-item__date', attr: 'datetime' },
    summary: '.wp-block-post-excerpt__excerpt, .wp-block-post-excerpt, .news-item__excerpt',
    nextPage: 'a.wp-block-query-pagination-next, a.next.page-numbers, a[rel="next"]',
    maxPages: 3,
    articleBody: ['.entry-content', '.wp-block-post-content', '.body-content', '.page-content'],
    articleTitle: 'h1',
    articleDate: { selector: '.wp-block-post-date time, time', attr: 'datetime' },
  },
  {
    // UNVERIFIED. aclu.org: cards (an <article> or <li>) linking /press-releases/<slug>, a heading,
    // a date printed as "April 7, 2025" (or a <time>), sometimes a description.
    id: 'aclu-press-releases',
    name: 'ACLU press releases',
    publisher: 'ACLU',
    baseUrl: 'https://www.aclu.org',
    listingUrl: 'https://www.aclu.org/press-releases',
    item: 'article:has(a[href*="/press-releases/"]), li:has(> a[href*="/press-releases/"]), li:has(h2 a[href*="/press-releases/"], h3 a[href*="/press-releases/"])',
    title: 'h2, h3, [class*="title"]',
    link: { selector: 'a[href*="/press-releases/"]' },
    date: { selector: 'time, [class*="date"]', attr: 'datetime' },
    summary: '[class*="description"], [class*="summary"], [class*="excerpt"]',
    nextPage: 'a[rel="next"], .pager__item--next a, a[aria-label="Next page"]',
    maxPages: 3,
    articleBody: ['.rich-text', '[class*="article-body"]', 'article'],
    articleTitle: 'h1',
  },
  {
    // VERIFIED against scotus_slip_example.html: juriscraper's scotus_slip reads every row of six
    // cells (R-, Date, Docket, Name, J., Citation). The justice's initials and the U.S. Reports
    // citation are not press-item fields and are left out. The list is per term
    // (/opinions/slipopinion/26 is October Term 2026): `{term}` is filled in at each poll
    // (court-term.ts), so the preset follows the Court into each October. Items are PDFs.
    // emptyMarker (an opinion table with only its header row: a new term) is unverified: no such
    // page was at hand.
    id: 'scotus-slip-opinions',
    name: 'Supreme Court slip opinions',
    publisher: 'Supreme Court of the United States',
    baseUrl: 'https://www.supremecourt.gov',
    listingUrl: 'https://www.supremecourt.gov/opinions/slipopinion/{term}',
    item: 'table.table-bordered tr:has(> td:nth-child(6))',
    title: 'td:nth-child(4) a',
    link: { selector: 'td:nth-child(4) a' },
    date: { selector: 'td:nth-child(2)', format: 'us' },
    docketNumber: 'td:nth-child(3)',
    maxPages: 1,
    articleBody: [],
    emptyMarker: 'table.table-bordered tr th',
  },
  {
    // UNVERIFIED. The Court's "Opinions Relating to Orders" (/opinions/relatingtoorders/24 is October
    // Term 2024): what a Justice writes when the Court rules by order, rulings on applications among
    // them. Its table is taken to be the slip list's (R-, Date, Docket, Name, J., and perhaps a
    // citation), so rows of five cells or more are read; tested on the synthetic
    // testdata/scotus-relating-to-orders.html, modelled on the saved slip-opinion page. Items are PDFs.
    id: 'scotus-opinions-relating-to-orders',
    name: 'Supreme Court opinions relating to orders',
    publisher: 'Supreme Court of the United States',
    baseUrl: 'https://www.supremecourt.gov',
    listingUrl: 'https://www.supremecourt.gov/opinions/relatingtoorders/{term}',
    item: 'table.table-bordered tr:has(> td:nth-child(5))',
    title: 'td:nth-child(4) a',
    link: { selector: 'td:nth-child(4) a' },
    date: { selector: 'td:nth-child(2)', format: 'us' },
    docketNumber: 'td:nth-child(3)',
    maxPages: 1,
    articleBody: [],
    emptyMarker: 'table.table-bordered tr th',
  },
  {
    // UNVERIFIED. A generic court "cases of interest" page (uscourts.gov district sites are Drupal):
    // a views table or list with one row per case, a link to the case's page, perhaps its number
    // and an updated date. Defaults to D. Md.; a catalogue reuses it with another court's listingUrl,
    // publisher and id (D.D.C.: https://www.dcd.uscourts.gov/cases-interest, also unverified).
    id: 'court-cases-of-interest',
    name: 'Cases of interest (U.S. District Court for the District of Maryland)',
    publisher: 'U.S. District Court for the District of Maryland',
    baseUrl: 'https://www.mdd.uscourts.gov',
    listingUrl: 'https://www.mdd.uscourts.gov/cases-of-interest',
    item: '.view-content .views-row, .view-content tbody tr, main table tbody tr:has(a), .field--name-body li:has(a)',
    title: '.views-field-title, h2, h3, a',
    link: { selector: '.views-field-title a, h2 a, h3 a, a' },
    // Court pages print dates anywhere in a row ("Updated 04/07/2025"): the first date in the item's text.
    date: { selector: ':scope' },
    summary: '.views-field-body, .views-field-field-description, [class*="description"]',
    docketNumber: '.views-field-field-case-number, [class*="case-number"], [class*="docket"]',
    nextPage: 'li.pager__item--next a, a[rel="next"]',
    maxPages: 2,
    articleBody: ['.field--name-body', '.node__content', 'article'],
    articleTitle: 'h1',
  },
];

/** The built-in presets by id. */
export const presets: Readonly<Record<string, Preset>> = Object.freeze(
  Object.fromEntries(
    definitions.map((definition) => {
      const preset = validatePreset(definition);
      return [preset.id, preset];
    }),
  ),
);

/** Ids of the presets not yet checked against their live site. */
export const UNVERIFIED_PRESETS: readonly string[] = [
  'justice-gov-news',
  'dhs-news-releases',
  'whitehouse-news',
  'aclu-press-releases',
  'scotus-opinions-relating-to-orders',
  'court-cases-of-interest',
];
