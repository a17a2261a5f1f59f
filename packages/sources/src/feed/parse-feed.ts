/**
 * Any RSS 2.0 (and 0.9x), RDF/RSS 1.0 or Atom feed, iTunes podcast feeds included, as press-style
 * items: a court's opinion feed, an agency's news feed, an oral-argument podcast.
 * Pure: text in, ParsedDocument (format "feed") out, or a ParseError saying what the text was instead.
 *
 * A generic reader on purpose. Court feeds bury case data in free text (juriscraper's ca10 scraper
 * reads the docket number from the description, cafc's from the title, ca8's from "15-6003: Robb vs
 * Harder"); we keep titles and summaries as the feed writes them and leave docket numbers and case
 * names to the matter matcher, which reads every item's text anyway.
 */
import { clipAtWord, ParseError, parseRfc822DateTime, parseUsDate } from '@docketwatch/core';
import type { ParsedDocument, ParsedItem } from '@docketwatch/core';
import { wellFormed } from '../html-load';
import { fragmentText } from '../page-watch/visible-text';
import { parseIsoDateTime } from './iso-date';
import { attribute, child, children, leafText, rawText } from './read-xml';
import type { FeedTree, XmlNode } from './read-xml';
import { readFeedTree } from './read-xml';

/** A teaser, not the article: summaries longer than this are cut at a word. */
export const MAX_SUMMARY_CHARS = 1_000;
const MAX_TITLE_CHARS = 500;
const MAX_ENCLOSURES = 50;

type Enclosure = ParsedItem['enclosures'][number];

/** Absolute http(s) URL for `href`, resolved against `base`; null for anything else (javascript:, mailto:, garbage). */
export function resolveHttpUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  const text = href?.trim();
  if (!text) return null;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A text construct read as HTML: tags stripped, entities decoded, one line. */
function htmlText(html: string | null): { text: string; links: string[] } {
  if (!html) return { text: '', links: [] };
  const { lines, links } = fragmentText(html);
  return { text: lines.join(' '), links };
}

/**
 * RSS titles are nominally plain text but often carry entity-escaped HTML; Atom says which it is
 * (type="text", "html" or "xhtml"). Either way, the item's title is plain text.
 */
function textConstruct(node: XmlNode | undefined, isAtom: boolean): { text: string; links: string[] } {
  const type = isAtom ? (attribute(node, 'type') ?? 'text').trim().toLowerCase() : 'html';
  // XHTML content is markup already: the HTML parser decodes its references itself.
  if (type === 'xhtml') return htmlText(rawText(node));
  const decoded = leafText(node);
  if (decoded === null) return { text: '', links: [] };
  if (type === 'text' || type === 'text/plain') return { text: collapse(decoded), links: [] };
  return htmlText(decoded);
}

function firstText(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const text = candidate ? collapse(candidate) : '';
    if (text) return text;
  }
  return null;
}

/** ISO for Atom and Dublin Core, RFC 822 for RSS; each kind tolerates the other, as feeds in the wild mix them. */
function dateOf(...raw: (string | null | undefined)[]): string | null {
  for (const candidate of raw) {
    const text = candidate ? collapse(candidate) : '';
    if (!text || text.length > 64) continue;
    const parsed = parseRfc822DateTime(text) ?? parseIsoDateTime(text) ?? parseUsDate(text);
    if (parsed) return parsed;
  }
  return null;
}

const isPdf = (url: string): boolean => /\.pdf$/i.test(new URL(url).pathname);

class EnclosureList {
  readonly items: Enclosure[] = [];
  private readonly seen = new Set<string>();

  add(href: string | null, base: string | null, type: string | null): void {
    const url = resolveHttpUrl(href, base);
    if (!url || this.seen.has(url) || this.items.length >= MAX_ENCLOSURES) return;
    this.seen.add(url);
    this.items.push({ url, type: type ? collapse(type) || null : null });
  }
}

/**
 * Documents an item links from its HTML (a court's "Opinion (pdf)" link in content:encoded) are
 * its enclosures too: that is where the document is. Only PDF links count; other links are navigation.
 */
function addDocumentLinks(enclosures: EnclosureList, links: string[], base: string | null): void {
  for (const href of links) {
    const url = resolveHttpUrl(href, base);
    if (url && isPdf(url)) enclosures.add(url, null, 'application/pdf');
  }
}

/** Media RSS: <media:content>, alone or grouped in <media:group>. */
function addMediaContent(enclosures: EnclosureList, item: XmlNode, base: string | null): void {
  const contents = [
    ...children(item, 'media:content'),
    ...children(item, 'media:group').flatMap((group) => children(group, 'media:content')),
  ];
  for (const content of contents) {
    const type = attribute(content, 'type') ?? attribute(content, 'medium');
    enclosures.add(attribute(content, 'url'), base, type);
  }
}

interface ItemDraft {
  url: string | null;
  /** The item's guid (RSS) or id (Atom) as written, whether or not it is a URL. */
  guid: string | null;
  title: string;
  publishedAt: string | null;
  summary: string;
  enclosures: Enclosure[];
}

function finishItem(draft: ItemDraft, publisher: string | null): ParsedItem | null {
  const url = draft.url ?? draft.enclosures[0]?.url ?? null;
  // An item with no address has no identity within its source: nothing to store it under.
  if (!url) return null;
  const summary = clipAtWord(draft.summary, MAX_SUMMARY_CHARS);
  // A title-less item (RSS allows one, given a description) is named by its summary.
  const title = clipAtWord(draft.title || clipAtWord(summary, 120) || url, MAX_TITLE_CHARS);
  return { url, title, publishedAt: draft.publishedAt, summary, text: '', publisher, enclosures: draft.enclosures };
}

// ---------------------------------------------------------------- RSS 2.0 / 0.9x and RDF (RSS 1.0)

function rssItem(item: XmlNode, base: string | null): ItemDraft {
  const link = resolveHttpUrl(leafText(child(item, 'link')), base);
  const guidNode = child(item, 'guid');
  const guidText = firstText(leafText(guidNode));
  const guidIsLink = (attribute(guidNode, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false';
  const permalink = guidIsLink ? resolveHttpUrl(guidText, base) : null;
  const rdfAbout = resolveHttpUrl(attribute(item, 'rdf:about'), base);
  const url = link ?? permalink ?? rdfAbout;

  const enclosures = new EnclosureList();
  for (const enclosure of children(item, 'enclosure')) enclosures.add(attribute(enclosure, 'url'), base, attribute(enclosure, 'type'));
  addMediaContent(enclosures, item, base);

  const description = htmlText(leafText(child(item, 'description')));
  const encoded = htmlText(leafText(child(item, 'content:encoded')));
  const itunesSummary = collapse(leafText(child(item, 'itunes:summary')) ?? '');
  addDocumentLinks(enclosures, [...description.links, ...encoded.links], url ?? base);

  return {
    url,
    guid: guidText ?? firstText(attribute(item, 'rdf:about')),
    title: textConstruct(child(item, 'title'), false).text,
    publishedAt: dateOf(leafText(child(item, 'pubDate')), leafText(child(item, 'dc:date'))),
    summary: description.text || itunesSummary || encoded.text,
    enclosures: enclosures.items,
  };
}

function rssItems(tree: FeedTree): { items: ItemDraft[]; publisher: string | null } {
  const channel = child(tree.root, 'channel');
  // RSS 2.0 nests items in the channel; RDF (RSS 1.0) makes them the channel's siblings.
  const itemNodes = tree.kind === 'rdf' ? children(tree.root, 'item') : children(channel, 'item');
  const base = resolveHttpUrl(attribute(tree.root, 'xml:base'), null) ?? resolveHttpUrl(leafText(child(channel, 'link')), null);
  const publisher = firstText(
    leafText(child(channel, 'itunes:author')),
    leafText(child(channel, 'dc:publisher')),
    leafText(child(channel, 'dc:creator')),
    textConstruct(child(channel, 'title'), false).text,
  );
  return { items: itemNodes.map((item) => rssItem(item, base)), publisher };
}

// ---------------------------------------------------------------- Atom

function atomItems(tree: FeedTree): { items: ItemDraft[]; publisher: string | null } {
  const n = (name: string): string => (tree.atomPrefix ? `${tree.atomPrefix}:${name}` : name);
  const feed = tree.root;
  const feedBase = resolveHttpUrl(attribute(feed, 'xml:base'), null);
  const links = (node: XmlNode | undefined): { rel: string; href: string | null; type: string | null }[] =>
    children(node, n('link')).map((link) => ({
      rel: (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase(),
      href: attribute(link, 'href'),
      type: attribute(link, 'type'),
    }));
  const alternate = (node: XmlNode | undefined, base: string | null): string | null => {
    const candidates = links(node).filter((link) => link.rel === 'alternate');
    const html = candidates.find((link) => link.type === null || /html/i.test(link.type));
    return resolveHttpUrl((html ?? candidates[0])?.href, base);
  };
  const base = feedBase ?? alternate(feed, null);
  const publisher = firstText(
    leafText(child(child(feed, n('author')), n('name'))),
    leafText(child(feed, 'itunes:author')),
    textConstruct(child(feed, n('title')), true).text,
  );

  const items = children(feed, n('entry')).map((entry): ItemDraft => {
    const entryBase = resolveHttpUrl(attribute(entry, 'xml:base'), base) ?? base;
    const url = alternate(entry, entryBase) ?? resolveHttpUrl(leafText(child(entry, n('id'))), null);
    const enclosures = new EnclosureList();
    for (const link of links(entry)) if (link.rel === 'enclosure') enclosures.add(link.href, entryBase, link.type);
    addMediaContent(enclosures, entry, entryBase);
    const summary = textConstruct(child(entry, n('summary')), true);
    const content = textConstruct(child(entry, n('content')), true);
    addDocumentLinks(enclosures, [...summary.links, ...content.links], url ?? entryBase);
    return {
      url,
      guid: firstText(leafText(child(entry, n('id')))),
      title: textConstruct(child(entry, n('title')), true).text,
      publishedAt: dateOf(leafText(child(entry, n('published'))), leafText(child(entry, n('updated'))), leafText(child(entry, 'dc:date'))),
      summary: summary.text || content.text,
      enclosures: enclosures.items,
    };
  });
  return { items, publisher };
}

/**
 * Items are known by their URL, but some feeds give every item the same <link> (a court's
 * "Opinions" page). Items sharing a URL are then told apart by their guid (itself, when it is a
 * URL; else as a fragment of the shared link) or their first enclosure. What still repeats an
 * earlier item's URL is the same item listed twice, and is dropped.
 */
function identify(entries: { item: ParsedItem; guid: string | null }[]): ParsedItem[] {
  const counts = new Map<string, number>();
  for (const { item } of entries) counts.set(item.url, (counts.get(item.url) ?? 0) + 1);
  const seen = new Set<string>();
  const items: ParsedItem[] = [];
  for (const { item, guid } of entries) {
    let url = item.url;
    if (counts.get(url)! > 1) {
      const shared = url.split('#')[0]!;
      const candidates = [
        resolveHttpUrl(guid, null),
        item.enclosures[0]?.url ?? null,
        // encodeURIComponent throws a URIError on a lone surrogate; a feed handed over as a string can carry one.
        guid ? `${shared}#${encodeURIComponent(wellFormed(guid))}` : null,
      ];
      url = candidates.find((candidate) => candidate !== null && !counts.has(candidate) && !seen.has(candidate)) ?? url;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    items.push(url === item.url ? item : { ...item, url });
  }
  return items;
}

/**
 * Parses an RSS, RDF or Atom feed into items in feed order. An empty feed is a quiet day: items is [].
 * A date the feed garbles gives publishedAt null rather than failing the feed; an item with no
 * usable link, guid or enclosure is left out (it has no identity), and a feed whose every item is
 * so is refused. Items sharing one link are told apart by guid or enclosure (see identify).
 *
 * @throws ParseError PARSE_EMPTY (no text), PARSE_ERROR_PAGE (an HTML page), PARSE_UNRECOGNISED
 *   (not XML, or XML that is no feed), PARSE_TRUNCATED (cut off), PARSE_MALFORMED (broken XML, a
 *   refused DTD, no item with an address, or absurdly large input).
 */
export function parseFeed(xml: string): ParsedDocument {
  const tree = readFeedTree(xml);
  const { items: drafts, publisher } = tree.kind === 'atom' ? atomItems(tree) : rssItems(tree);
  const items = identify(
    drafts.flatMap((draft) => {
      const item = finishItem(draft, publisher);
      return item ? [{ item, guid: draft.guid }] : [];
    }),
  );
  if (drafts.length > 0 && items.length === 0) {
    throw new ParseError('PARSE_MALFORMED', 'No item in the feed has a link', { items: drafts.length });
  }
  return { format: 'feed', dockets: [], items };
}
