/**
 * From untrusted text to the raw fields of an RSS 2.0 channel, or a typed ParseError saying
 * why not. Knows nothing about CM/ECF; parse-pacer-rss.ts interprets the fields.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { clip, ParseError } from '@docketwatch/core';
import { checkFeedInput } from '../feed-input';
import { decodeXmlText } from '../xml-decode';
import { readRootName } from '../xml-prolog';

export interface RawFeedItem {
  title: string | null;
  link: string | null;
  /** The description's text once XML-decoded: for CM/ECF, an HTML fragment. */
  description: string | null;
  pubDate: string | null;
}

export interface RawFeed {
  channelLink: string | null;
  items: RawFeedItem[];
}

const ERROR_PAGE_ROOTS = new Set(['html', 'head', 'body']);
const MAX_CONTEXT_CHARS = 200;

/**
 * Leaves we read are stop nodes: the parser hands back their raw inner markup, CDATA and
 * references intact, for decodeXmlText; and a description holding unescaped HTML stays one string.
 * processEntities is off so no DOCTYPE entity is ever expanded (readRootName also refuses internal subsets).
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  stopNodes: ['*.title', '*.link', '*.description', '*.pubDate'],
  isArray: (_name: string, jpath: unknown) => jpath === 'rss.channel.item',
});

function checkRoot(rootName: string): void {
  if (ERROR_PAGE_ROOTS.has(rootName)) {
    throw new ParseError('PARSE_ERROR_PAGE', 'Got an HTML page where an RSS feed was expected');
  }
  if (rootName !== 'rss') {
    throw new ParseError('PARSE_UNRECOGNISED', 'XML document is not an RSS feed', { root: clip(rootName, MAX_CONTEXT_CHARS) });
  }
}

/** A feed that fails validation and never closes its root was cut off in transit. */
function endsWithRootClose(xml: string): boolean {
  return /<\/rss\s*>$/i.test(xml.trimEnd().slice(-16));
}

function validate(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result === true) return;
  const { code, msg, line, col } = result.err;
  const context = { xmlError: code, message: clip(msg, MAX_CONTEXT_CHARS), line, col };
  if (!endsWithRootClose(xml)) throw new ParseError('PARSE_TRUNCATED', 'Feed is cut off before its end', context);
  throw new ParseError('PARSE_MALFORMED', 'Feed is not well-formed XML', context);
}

function parseTree(xml: string): Record<string, unknown> {
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    // The validator accepts some documents the parser still refuses (nesting depth, reserved names).
    throw new ParseError('PARSE_MALFORMED', 'Feed could not be parsed', { message: clip(String(err), MAX_CONTEXT_CHARS) });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** A leaf's text, decoded and trimmed (feed readers trim titles; CM/ECF pads them with spaces). */
function leafText(value: unknown): string | null {
  const raw = first(value);
  return typeof raw === 'string' ? decodeXmlText(raw).trim() : null;
}

function toRawItem(node: unknown): RawFeedItem {
  const item = isRecord(node) ? node : {};
  return {
    title: leafText(item['title']),
    link: leafText(item['link']),
    description: leafText(item['description']),
    pubDate: leafText(item['pubDate']),
  };
}

function channelOf(tree: Record<string, unknown>): Record<string, unknown> {
  const rss = first(tree['rss']);
  const channel = isRecord(rss) ? first(rss['channel']) : undefined;
  if (!isRecord(channel)) throw new ParseError('PARSE_UNRECOGNISED', 'RSS document has no channel');
  return channel;
}

export function readRssFeed(input: string): RawFeed {
  const xml = checkFeedInput(input, 'Feed is too large to be a CM/ECF feed');
  checkRoot(readRootName(xml).toLowerCase());
  validate(xml);
  const channel = channelOf(parseTree(xml));
  const items = channel['item'];
  return {
    channelLink: leafText(channel['link']),
    items: Array.isArray(items) ? items.map(toRawItem) : [],
  };
}
