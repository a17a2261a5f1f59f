/**
 * Parser for CM/ECF "recent entries" RSS feeds (district, bankruptcy and appellate courts).
 * Pure: text in, ParsedDocument out, or a ParseError saying what the text was instead.
 *
 * Field rules follow juriscraper's PacerRssFeed (juriscraper/pacer/rss_feeds.py) so what we
 * extract matches CourtListener; the fixtures in its test suite are our regression tests.
 */
import { clip, ParseError, parseRfc822DateTime } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { harmonizeCaseName } from '../case-name';
import { readHtmlFragment } from './html-fragment';
import type { FragmentAnchor, HtmlFragment } from './html-fragment';
import { courtFromUrl, courtKind, docketNumberFromTitle, isDoc1Url, isDocs1Url, pacerCaseIdFromLink, pacerDocIdFromUrl } from './pacer-ids';
import type { CourtKind } from './pacer-ids';
import { readRssFeed } from './read-feed';
import type { RawFeed, RawFeedItem } from './read-feed';

export interface ParsePacerRssOptions {
  /** Court id to report instead of the one the feed's host names. */
  court?: string;
}

/** What juriscraper (and so CourtListener) calls a case whose title carries only a number. */
export const UNKNOWN_CASE_TITLE = 'Unknown Case Title';

/** Joins the event names of one filing that CM/ECF split into several items. */
const MERGED_EVENT_SEPARATOR = ' AND ';

/** RFC 822 dates are ~31 characters; a cap keeps core's date pattern away from pathological input. */
const MAX_PUB_DATE_CHARS = 64;

interface FeedItem {
  docketNumber: string;
  caseName: string;
  pacerCaseId: string | null;
  entry: ParsedEntry;
  /** filedAt as an instant: two items are one filing when their times are equal, whatever the zone's spelling. */
  filedAtMs: number;
}

interface DraftEntry {
  entry: ParsedEntry;
  filedAtMs: number;
  eventNames: string[];
}

/** Strings longer than this are clipped in error context. */
const MAX_CONTEXT_CHARS = 80;

interface DraftDocket {
  docket: Omit<ParsedDocket, 'entries'>;
  entries: DraftEntry[];
}

function resolveCourt(feed: RawFeed, override: string | undefined): string {
  // Appellate and district feeds both name their server in the channel link; the item links are a fallback.
  const fromFeed = courtFromUrl(feed.channelLink) ?? feed.items.map((item) => courtFromUrl(item.link)).find(Boolean);
  if (!fromFeed) {
    throw new ParseError('PARSE_UNRECOGNISED', 'RSS feed is not a CM/ECF feed', { channelLink: clip(feed.channelLink, MAX_CONTEXT_CHARS) });
  }
  return override?.trim().toLowerCase() || fromFeed;
}

function filedAtOf(pubDate: string | null, index: number): { filedAt: string; filedAtMs: number } {
  const text = (pubDate ?? '').replace(/\s+/g, ' ');
  const filedAt = text.length <= MAX_PUB_DATE_CHARS ? parseRfc822DateTime(text) : null;
  if (!filedAt) {
    // An item we cannot date cannot be ordered or alerted on; fail loudly rather than drop it.
    throw new ParseError('PARSE_MALFORMED', 'Feed item has no usable pubDate', { item: index, pubDate: clip(pubDate, MAX_CONTEXT_CHARS) });
  }
  return { filedAt, filedAtMs: Date.parse(filedAt) };
}

/** The title after the docket number, cleaned as juriscraper does ("USA v. Doe et al" -> "United States v. Doe"). */
function caseNameOf(title: string): string {
  const space = title.indexOf(' ');
  if (space === -1) return UNKNOWN_CASE_TITLE;
  return harmonizeCaseName(title.slice(space + 1)) || UNKNOWN_CASE_TITLE;
}

/** The event name CM/ECF puts in brackets: "[Order on Motion to Dismiss] (<a …>12</a>)". */
function shortDescriptionOf(text: string): string {
  const open = text.indexOf('[');
  const close = open === -1 ? -1 : text.indexOf(']', open + 1);
  if (close === -1) return '';
  return text
    .slice(open + 1, close)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Absolute http(s) URL for a link, resolved against the feed's server when relative; null for anything else. */
function documentUrlOf(href: string, base: string | null): string | null {
  if (/^https?:\/\//i.test(href)) return href;
  try {
    const url = new URL(href, base ?? undefined);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

interface DocumentLink {
  entryNumber: string | null;
  pacerDocId: string | null;
  href: string | null;
}

const hasHref = (predicate: (href: string) => boolean) => (anchor: FragmentAnchor) => anchor.href !== null && predicate(anchor.href);

/**
 * The entry's document from the description's links. The entry number is the first link whose
 * text is a number; appellate courts often link "Document" instead, and there, as in juriscraper,
 * the PACER document id stands in for the number.
 */
function documentLinkOf(fragment: HtmlFragment, kind: CourtKind): DocumentLink {
  const docAnchor = fragment.anchors.find(hasHref(isDoc1Url)) ?? fragment.anchors.find(hasHref(isDocs1Url));
  const numberAnchor = fragment.anchors.find((anchor) => /^\d+$/.test(anchor.text));
  const pacerDocId = docAnchor?.href ? pacerDocIdFromUrl(docAnchor.href) : null;
  let entryNumber = numberAnchor?.text ?? null;
  if (entryNumber === null && kind === 'appellate') entryNumber = pacerDocId;
  // nyed links show_case_doc pages rather than doc1: no document id, but still the document's address.
  return { entryNumber, pacerDocId, href: docAnchor?.href ?? numberAnchor?.href ?? null };
}

function readItem(raw: RawFeedItem, index: number, kind: CourtKind, base: string | null): FeedItem | null {
  const docketNumber = raw.title ? docketNumberFromTitle(raw.title, kind) : null;
  // juriscraper skips items that name no docket; so do we (parsePacerRss rejects a feed of nothing else).
  if (!raw.title || !docketNumber) return null;
  const { filedAt, filedAtMs } = filedAtOf(raw.pubDate, index);
  const fragment = readHtmlFragment(raw.description ?? '');
  const link = documentLinkOf(fragment, kind);
  return {
    docketNumber,
    caseName: caseNameOf(raw.title),
    pacerCaseId: pacerCaseIdFromLink(raw.link),
    filedAtMs,
    entry: {
      entryNumber: link.entryNumber,
      filedAt,
      shortDescription: shortDescriptionOf(fragment.text),
      // The feed carries only the event name; the docket text itself is not in it.
      description: '',
      documentUrl: link.href ? documentUrlOf(link.href, base) : null,
      pacerDocId: link.pacerDocId,
      attachments: [],
    },
  };
}

/**
 * One filing can carry several events ("Order" and "Order(Other)"); CM/ECF's feed then repeats the
 * item once per event, same time and same document. juriscraper's append_or_merge_entry folds
 * those into one entry whose short description lists the events sorted, joined by " AND ".
 * Its test is same docket number, PACER case id, time and PACER document id; the first two are
 * our docket key, so the search stays inside the docket. Like juriscraper we merge items without
 * any document id too (nyed links no doc1 pages): same docket, same second, same entry is one filing.
 * We also require the same entry number, which juriscraper does not: without document ids, two
 * numbered documents filed in the same second would otherwise be folded into one. (No fixture has such a pair.)
 */
function addOrMerge(entries: DraftEntry[], item: FeedItem): void {
  const sameFiling = entries.find(
    (draft) =>
      draft.filedAtMs === item.filedAtMs &&
      draft.entry.pacerDocId === item.entry.pacerDocId &&
      draft.entry.entryNumber === item.entry.entryNumber,
  );
  if (sameFiling) sameFiling.eventNames.push(item.entry.shortDescription);
  else entries.push({ entry: item.entry, filedAtMs: item.filedAtMs, eventNames: [item.entry.shortDescription] });
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function finishEntry(draft: DraftEntry): ParsedEntry {
  const shortDescription = [...draft.eventNames].sort(byCodePoint).join(MERGED_EVENT_SEPARATOR);
  return { ...draft.entry, shortDescription };
}

/**
 * Items of one docket become one docket with its entries in feed order. The key includes the
 * PACER case id: two bankruptcy offices can both have a "18-00079", and they are different cases.
 */
function groupByDocket(items: FeedItem[], court: string): ParsedDocket[] {
  const dockets = new Map<string, DraftDocket>();
  for (const item of items) {
    const key = `${item.docketNumber}\u0000${item.pacerCaseId ?? ''}`;
    let draft = dockets.get(key);
    if (!draft) {
      const { docketNumber, caseName, pacerCaseId } = item;
      draft = { docket: { court, docketNumber, caseName, pacerCaseId }, entries: [] };
      dockets.set(key, draft);
    }
    addOrMerge(draft.entries, item);
  }
  return [...dockets.values()].map(({ docket, entries }) => ({ ...docket, entries: entries.map(finishEntry) }));
}

/**
 * Parses a CM/ECF RSS feed. The court comes from the feed's host (ecf.mdb.uscourts.gov -> "mdb")
 * unless options.court names it. A feed with no items is a quiet day: dockets is [].
 *
 * @throws ParseError PARSE_EMPTY (no text), PARSE_ERROR_PAGE (an HTML page), PARSE_UNRECOGNISED
 *   (not XML, not RSS, or RSS that is not CM/ECF), PARSE_TRUNCATED (cut off), PARSE_MALFORMED
 *   (broken XML, a refused DTD, an item without a usable date, or absurdly large input).
 */
export function parsePacerRss(xml: string, options: ParsePacerRssOptions = {}): ParsedDocument {
  const feed = readRssFeed(xml);
  const court = resolveCourt(feed, options.court);
  const kind = courtKind(court);
  const items = feed.items.flatMap((raw, index) => readItem(raw, index, kind, feed.channelLink) ?? []);
  if (feed.items.length > 0 && items.length === 0) {
    throw new ParseError('PARSE_UNRECOGNISED', 'No item in the feed names a docket', { items: feed.items.length });
  }
  return { format: 'pacer-rss', dockets: groupByDocket(items, court) };
}
