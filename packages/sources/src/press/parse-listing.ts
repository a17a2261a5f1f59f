/**
 * A press room's listing page read through its preset: one item per `preset.item` match, with the
 * link after it; and an item's own page, read for its text.
 *
 * A listing that suddenly lists nothing is not a quiet day: press rooms keep their old items, so
 * zero items means the markup changed (or an error page came back) and the preset needs attention.
 * We say so loudly (PARSE_LAYOUT_CHANGED, "layout changed? <preset> found no items") rather than report
 * an empty page that would silently stop every alert from that source.
 */
import { loadHtml } from '../html-load';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { clip, clipAtWord, DocketwatchError, ParseError } from '@docketwatch/core';
import type { ParsedDocument, ParsedItem } from '@docketwatch/core';
import { MAX_SUMMARY_CHARS, resolveHttpUrl } from '../feed/parse-feed';
import { assertSafeHtml, visibleText } from '../page-watch/visible-text';
import { describeHtmlError } from '../scotus-docket/html-error-page';
import { parseListingDate } from './dates';
import type { DateRule, Preset } from './preset';

/** A listing item; `docketNumber` is present when the preset names where it is printed. */
export interface ListingItem extends ParsedItem {
  docketNumber?: string | null;
}

export interface Listing {
  items: ListingItem[];
  /** The next (older) page, absolute; null on the last page or when the preset has no nextPage. */
  nextPageUrl: string | null;
}

export interface Article {
  /** The article's visible text, one line per paragraph. */
  text: string;
  publishedAt: string | null;
  title: string | null;
}

/** Listings show 10 to 50 items a page; more than this many matches is not a press listing. */
export const MAX_ITEMS_PER_PAGE = 500;
/** Candidates tried for a date before giving up on an item's date. */
const MAX_DATE_CANDIDATES = 10;
/** An article's text, kept for matching; enough for any press release. */
export const MAX_ARTICLE_CHARS = 200_000;
const MAX_TITLE_CHARS = 500;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Runs a selector, turning cheerio's complaint about bad CSS into a catalogue error. */
function select(presetId: string, field: string, run: () => Cheerio<AnyNode>): Element[] {
  try {
    return run().toArray().filter(isTag);
  } catch (err) {
    throw new DocketwatchError('CATALOGUE_INVALID', `preset "${presetId}": ${field} is not a valid CSS selector`, { cause: err });
  }
}

const oneLine = (nodes: AnyNode[]): string => visibleText(nodes).lines.join(' ');

function checkText(html: unknown, what: string): string {
  if (typeof html !== 'string') throw new ParseError('PARSE_UNRECOGNISED', `${what}: input is not text`, { type: typeof html });
  if (html.trim() === '') throw new ParseError('PARSE_EMPTY', `${what}: page is empty`);
  assertSafeHtml(html, what);
  return html;
}

/** The page's own base: <base href> when it has one, else the address it was fetched from. */
function baseOf($: CheerioAPI, pageUrl: string): string {
  const declared = $('base[href]').first().attr('href');
  return resolveHttpUrl(declared, pageUrl) ?? pageUrl;
}

function readDate(presetId: string, field: string, rule: DateRule, find: (selector: string) => Cheerio<AnyNode>): string | null {
  const candidates = select(presetId, field, () => find(rule.selector)).slice(0, MAX_DATE_CANDIDATES);
  for (const candidate of candidates) {
    // An element without the attribute (a <time> with no datetime) is read for its text instead.
    const raw = (rule.attr ? candidate.attribs[rule.attr] : undefined) ?? oneLine([candidate]);
    const date = raw ? parseListingDate(raw, rule.format, rule.dayOnly) : null;
    if (date) return date;
  }
  return null;
}

const isPdf = (url: string): boolean => /\.pdf$/i.test(new URL(url).pathname);

function readItem($: CheerioAPI, node: Element, preset: Preset, base: string): ListingItem | null {
  const find = (selector: string): Cheerio<AnyNode> => $(node).find(selector);
  const title = clipAtWord(oneLine(select(preset.id, 'title', () => find(preset.title)).slice(0, 1)), MAX_TITLE_CHARS);
  const attr = preset.link.attr ?? 'href';
  const url =
    select(preset.id, 'link', () => find(preset.link.selector))
      .map((anchor) => resolveHttpUrl(anchor.attribs[attr], base))
      .find((href) => href !== null) ?? null;
  // A block without a title and a link is not an item (a header row, an advertisement).
  if (!title || !url) return null;
  const item: ListingItem = {
    url,
    title,
    publishedAt: preset.date ? readDate(preset.id, 'date', preset.date, find) : null,
    summary: preset.summary
      ? clipAtWord(oneLine(select(preset.id, 'summary', () => find(preset.summary!)).slice(0, 1)), MAX_SUMMARY_CHARS)
      : '',
    text: '',
    publisher: preset.publisher,
    // The item is itself a document (an opinion's PDF): that is where its content is.
    enclosures: isPdf(url) ? [{ url, type: 'application/pdf' }] : [],
  };
  if (preset.docketNumber) {
    item.docketNumber = collapse(oneLine(select(preset.id, 'docketNumber', () => find(preset.docketNumber!)).slice(0, 1))) || null;
  }
  return item;
}

function nextPageOf($: CheerioAPI, preset: Preset, base: string, pageUrl: string): string | null {
  if (!preset.nextPage) return null;
  const anchors = select(preset.id, 'nextPage', () => $(preset.nextPage!));
  const next = anchors.map((anchor) => resolveHttpUrl(anchor.attribs['href'], base)).find((href) => href !== null) ?? null;
  if (!next) return null;
  const withoutHash = (url: string): string => url.split('#')[0]!;
  // A "next" link back to this very page (the last page, on some sites) ends the listing.
  return withoutHash(next) === withoutHash(resolveHttpUrl(pageUrl, null) ?? pageUrl) ? null : next;
}

/**
 * The items of one listing page, in page order (duplicates of a URL dropped), and the next page.
 * URLs are absolute, resolved against `pageUrl` (or the page's <base href>).
 *
 * @throws ParseError PARSE_LAYOUT_CHANGED "layout changed? <preset> found no items" when the page has
 *   no item (unless the preset's emptyMarker is present); PARSE_MALFORMED for HTML too large or too
 *   complex to parse safely; PARSE_EMPTY for no text.
 * @throws DocketwatchError CATALOGUE_INVALID for a selector that is not CSS (validatePreset catches these first).
 */
export function parseListing(html: string, preset: Preset, pageUrl: string): Listing {
  checkText(html, preset.id);
  const $ = loadHtml(html);
  const base = baseOf($, pageUrl);
  const nodes = select(preset.id, 'item', () => $(preset.item));
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (const node of nodes.slice(0, MAX_ITEMS_PER_PAGE)) {
    const item = readItem($, node, preset, base);
    if (!item || seen.has(item.url)) continue;
    seen.add(item.url);
    items.push(item);
  }
  if (items.length === 0) {
    const legitimatelyEmpty = preset.emptyMarker !== undefined && select(preset.id, 'emptyMarker', () => $(preset.emptyMarker!)).length > 0;
    if (!legitimatelyEmpty) {
      // An error page in place of the listing is the site failing, not its layout changing.
      const errorPage = describeHtmlError($);
      throw new ParseError(errorPage ? 'PARSE_ERROR_PAGE' : 'PARSE_LAYOUT_CHANGED', `layout changed? ${preset.id} found no items`, {
        preset: preset.id,
        pageUrl,
        matched: nodes.length,
        errorPage,
      });
    }
  }
  return { items, nextPageUrl: nextPageOf($, preset, base, pageUrl) };
}

/** parseListing as a parse-contract document (format "press-listing"); the next page is the caller's to follow. */
export function parsePressListing(html: string, preset: Preset, pageUrl: string): ParsedDocument {
  return { format: 'press-listing', dockets: [], items: parseListing(html, preset, pageUrl).items };
}

/** Matches minus those inside another match, so nested matches are not read twice. */
function outermost(elements: Element[]): Element[] {
  const matched = new Set<AnyNode>(elements);
  return elements.filter((element) => {
    for (let parent = element.parent; parent; parent = parent.parent) if (matched.has(parent)) return false;
    return true;
  });
}

/** Where the article is when the preset's selectors find nothing (a redesign): the page's main content. */
const FALLBACK_BODY = ['article', 'main', '[role="main"]', 'body'];

function articleRegion($: CheerioAPI, preset: Preset): Element[] {
  for (const [index, selector] of [...preset.articleBody, ...FALLBACK_BODY].entries()) {
    const matched = select(preset.id, `articleBody[${index}]`, () => $(selector));
    if (matched.length > 0) return outermost(matched);
  }
  return [];
}

function articleTitle($: CheerioAPI, preset: Preset): string | null {
  if (preset.articleTitle) {
    const title = oneLine(select(preset.id, 'articleTitle', () => $(preset.articleTitle!)).slice(0, 1));
    if (title) return clipAtWord(title, MAX_TITLE_CHARS);
  }
  const og = collapse($('meta[property="og:title"]').first().attr('content') ?? '');
  const title =
    og ||
    oneLine($('h1').toArray().slice(0, 1)) ||
    collapse(
      $('title')
        .first()
        .text()
        .slice(0, MAX_TITLE_CHARS * 2),
    );
  return title ? clipAtWord(title, MAX_TITLE_CHARS) : null;
}

function articleDate($: CheerioAPI, preset: Preset, region: Element[]): string | null {
  if (preset.articleDate) {
    const date = readDate(preset.id, 'articleDate', preset.articleDate, (selector) => $(selector));
    if (date) return date;
  }
  const published = $('meta[property="article:published_time"]').first().attr('content');
  const fromMeta = published ? parseListingDate(published, 'iso') : null;
  if (fromMeta) return fromMeta;
  const times = region.length > 0 ? $(region).find('time[datetime]') : $('time[datetime]');
  const time = times.first().attr('datetime');
  return time ? parseListingDate(time) : null;
}

/**
 * An item's own page: its text (the preset's articleBody, else the page's main content), date and title.
 * @throws ParseError PARSE_MALFORMED for HTML too large or too complex to parse safely; PARSE_EMPTY for no text.
 */
export function parseArticle(html: string, preset: Preset): Article {
  checkText(html, preset.id);
  const $ = loadHtml(html);
  const region = articleRegion($, preset);
  const text = clip(visibleText(region).lines.join('\n'), MAX_ARTICLE_CHARS);
  return { text, publishedAt: articleDate($, preset, region), title: articleTitle($, preset) };
}
