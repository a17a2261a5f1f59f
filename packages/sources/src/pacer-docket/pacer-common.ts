/**
 * What the three CM/ECF docket parsers (district HTML, appellate HTML, ACMS JSON) share: input
 * limits, the court, the PACER case id, pages that are not dockets, and the final document.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { clip, ParseError, parseUsDate } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument } from '@docketwatch/core';
import { courtFromUrl } from '../pacer-rss/pacer-ids';
import { htmlComplexityProblem } from '../scotus-docket/html-complexity';
import type { HtmlLimits } from '../scotus-docket/html-complexity';
import { collapseWhitespace } from '../html-text';

export interface ParsePacerDocketOptions {
  /**
   * Court id (CourtListener's: "dcd", "ca9") for a docket that does not name its server: ACMS JSON
   * never does, and a saved page may have no document links. The page's own ECF host wins when
   * there is one, since it cannot be mistaken; this is only the fallback.
   */
  court?: string;
}

/**
 * The largest docket report we parse. CM/ECF prints roughly 600 bytes per entry, so this is
 * well over 10,000 entries; anything larger is not a docket report, and parse time grows with it.
 */
export const MAX_DOCKET_CHARS = 16 * 1024 * 1024;

/**
 * Element and nesting caps for docket pages. Real reports nest about 15 deep and carry under
 * 20 elements per entry (a few more with the multiple-documents table), so 400,000 elements is a
 * 10,000-entry docket with room to spare, and still parses in a few seconds.
 */
export const PACER_HTML_LIMITS: HtmlLimits = { maxDepth: 256, maxElements: 400_000 };

/** Strings longer than this are clipped in error context. */
export const CONTEXT_CHARS = 200;

/** The first character that is not whitespace or a byte-order mark, or '' for blank text. */
export function firstSignificantChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\uFEFF' && ch.trim() !== '') return ch;
  }
  return '';
}

/** Rejects what no parser should try: non-strings, blank text, oversized text. */
export function assertDocketText(text: unknown, what: string): asserts text is string {
  if (typeof text !== 'string') throw new ParseError('PARSE_UNRECOGNISED', `${what}: expected text, got ${typeof text}`);
  if (firstSignificantChar(text) === '') throw new ParseError('PARSE_EMPTY', `${what}: the document is empty`);
  if (text.length > MAX_DOCKET_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${what}: too large to be a docket report`, { length: text.length, limit: MAX_DOCKET_CHARS });
  }
}

/** Root elements of XML feeds (RSS, Atom, RDF): documents that start like a page but are not one. */
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf']);

/** The name of the first element, past any XML declaration, doctype and comments; '' when there is none. */
function firstTagName(text: string): string {
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open === -1) return '';
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close === -1) return '';
      i = close + 3;
    } else if (text[open + 1] === '!' || text[open + 1] === '?') {
      const close = text.indexOf('>', open);
      if (close === -1) return '';
      i = close + 1;
    } else {
      return /^[a-zA-Z][\w:-]*/.exec(text.slice(open + 1, open + 64))?.[0].toLowerCase() ?? '';
    }
  }
  return '';
}

/** True for an RSS, Atom or RDF feed. */
export function isXmlFeed(text: string): boolean {
  return FEED_ROOTS.has(firstTagName(text));
}

/**
 * Rejects what is not an HTML page (plain text, JSON, an XML feed) and HTML whose tree would be
 * too costly to build (see html-complexity).
 */
export function assertHtmlPage(html: unknown, what: string): asserts html is string {
  assertDocketText(html, what);
  if (firstSignificantChar(html) !== '<') throw new ParseError('PARSE_UNRECOGNISED', `${what}: not HTML`);
  if (isXmlFeed(html)) throw new ParseError('PARSE_UNRECOGNISED', `${what}: an XML feed, not a docket page`);
  const problem = htmlComplexityProblem(html, PACER_HTML_LIMITS);
  if (problem) throw new ParseError('PARSE_MALFORMED', `${what}: too complex to be a docket report: ${problem}`);
}

/** Marks of a district docket report: the heading "CIVIL DOCKET FOR CASE #:", the entries header cell. */
export const DISTRICT_DOCKET_MARK = /DOCKET FOR CASE #|>\s*Docket Text\s*</i;
/** Marks of an appellate docket report: the case-stub label, the entries section's comment. */
export const APPELLATE_DOCKET_MARK = /Court of Appeals Docket\s*#|NEW SECTION - DOCKET ENTRIES/i;

// ---------------------------------------------------------------- court and case id

const COURT_ID = /^[a-z][a-z0-9]{1,7}$/;

/** The value seen most often (ties go to the first seen), or null. */
export function mostCommon(values: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The court whose server the docket's own document links point at. Links are counted, not just
 * taken first, because entries can cite another court's documents and appellate pages link the
 * originating court's docket.
 */
export function courtFromDocumentLinks(hrefs: Iterable<string>): string | null {
  const courts: string[] = [];
  for (const href of hrefs) {
    const court = /^https?:\/\//i.test(href) ? courtFromUrl(href) : null;
    if (court) courts.push(court);
  }
  return mostCommon(courts);
}

/** The court the page names, else the caller's; a docket with neither cannot be stored, so it is refused. */
export function resolveCourt(fromPage: string | null, options: ParsePacerDocketOptions, what: string): string {
  if (fromPage) return fromPage;
  const given = options.court?.trim().toLowerCase() ?? '';
  if (COURT_ID.test(given)) return given;
  throw new ParseError('PARSE_MALFORMED', `${what}: the docket does not name its court; pass the court id (options.court, --court)`, {
    court: options.court === undefined ? null : clip(options.court, CONTEXT_CHARS),
  });
}

// ---------------------------------------------------------------- URLs

/** Longer than any real URL; keeps work on hostile "URLs" bounded. */
const MAX_URL_CHARS = 4096;

/**
 * An absolute http(s) URL for a link: absolute hrefs kept as the court wrote them, relative ones
 * resolved against the court's server when we know it; anything else (javascript:, #) is null.
 */
export function absoluteUrl(href: string | undefined, base: string | null): string | null {
  const raw = href?.trim();
  if (!raw || raw.length > MAX_URL_CHARS) return null;
  if (/^https?:\/\//i.test(raw)) return raw;
  if (!base) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Where a court's docket report lives, to resolve the page's relative links against: district
 * reports come from /cgi-bin/DktRpt.pl, appellate ones from /n/beam/servlet/TransportRoom.
 */
export function reportBaseUrl(court: string, kind: 'district' | 'appellate'): string {
  const host = court === 'psc' ? 'dcecf.psc.uscourts.gov' : `ecf.${court}.uscourts.gov`;
  return `https://${host}/${kind === 'district' ? 'cgi-bin/' : 'n/beam/servlet/'}`;
}

// ---------------------------------------------------------------- entries

/** An entry's "12/28/2017" (anything after it ignored) as YYYY-MM-DD; a date we cannot read makes the docket malformed. */
export function entryDate(text: string, index: number, what: string): string {
  const match = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.exec(text);
  const date = match ? parseUsDate(match[0]) : null;
  if (!date)
    throw new ParseError('PARSE_MALFORMED', `${what}: entry ${index + 1} has no readable date`, { date: clip(text, CONTEXT_CHARS) });
  return date;
}

// ---------------------------------------------------------------- pages that are not dockets

/**
 * Marks of a page served by PACER or a CM/ECF server (menus, logo, servlet, receipt, host names).
 * supremecourt.gov pages and the rest of the web carry none of them.
 */
const PACER_PAGE_MARKS =
  /id=["']?cmecf(?:MainContent|Logo)|alt=["']?CM\/ECF|\bCM\/ECF\b|TransportRoom|PACER Service Center|\b(?:dc)?ecf\.[a-z0-9]+\.uscourts\.gov\b|\bpacer\.(?:psc\.)?uscourts\.gov\b/i;

export function isPacerPage(html: string): boolean {
  return PACER_PAGE_MARKS.test(html);
}

/** Only ever read a message's first few hundred characters; an error page's are short. */
const MAX_MESSAGE_CHARS = 300;

/** Headings a docket page itself carries ("U.S. District Court … CIVIL DOCKET FOR CASE #"): not an error message. */
const DOCKET_HEADING = /DOCKET FOR CASE|District Court|Court of Appeals|Judicial Panel/i;

function firstText($: CheerioAPI, selector: string): string {
  return collapseWhitespace($(selector).first().text().slice(0, MAX_MESSAGE_CHARS));
}

/**
 * What a PACER page says instead of a docket: the main-content heading of a CM/ECF page
 * ("Incomplete request. Please try your query again…"), else a page heading (a web server's
 * "Request Time-out"). Empty when the page says nothing of the kind.
 */
function pacerPageMessage($: CheerioAPI): string {
  for (const selector of ['#cmecfMainContent h3', '#cmecfMainContent h2', 'h1', 'h2', 'h3']) {
    const text = firstText($, selector);
    if (text && !DOCKET_HEADING.test(text)) return text;
  }
  return '';
}

/** True when the page's </body> or </html> is in the text: it was not cut short. */
export function pageEnded($: CheerioAPI): boolean {
  return hasEndTag($('body').get(0)) || hasEndTag($('html').get(0));
}

/**
 * The error for HTML that is no docket: a PACER page saying something else (an error, a warning,
 * a charge confirmation), a PACER page cut off before it said anything, or not a PACER page at all.
 * `knownMessage` is what the caller found the page saying, for a page whose headings say nothing.
 */
export function notADocket(
  $: CheerioAPI,
  html: string,
  what: string,
  otherKind: { mark: RegExp; name: string },
  knownMessage: string | null = null,
): ParseError {
  if (!isPacerPage(html)) return new ParseError('PARSE_UNRECOGNISED', `${what}: not a CM/ECF docket report`);
  if (otherKind.mark.test(html)) return new ParseError('PARSE_UNRECOGNISED', `${what}: this is ${otherKind.name}`);
  const message = pacerPageMessage($) || (knownMessage ?? '');
  if (!message && !pageEnded($)) return new ParseError('PARSE_TRUNCATED', `${what}: the page ends before the docket begins`);
  const shown = message || firstText($, 'title');
  return new ParseError('PARSE_ERROR_PAGE', `${what}: PACER returned a page that is not a docket${shown ? `: ${shown}` : ''}`, {
    errorPage: shown,
  });
}

// ---------------------------------------------------------------- truncation

/**
 * True when the element was closed by its own end tag in the text. A page cut short loses the
 * end of its docket table first, and HTML parsers close open elements silently at the end of
 * input, so only the parser's source locations (load with sourceCodeLocationInfo) can tell.
 */
export function hasEndTag(element: Element | undefined): boolean {
  return Boolean(element?.sourceCodeLocation?.endTag);
}

// ---------------------------------------------------------------- output

export function buildDocument(docket: ParsedDocket): ParsedDocument {
  return { format: 'pacer-docket', dockets: [docket] };
}
