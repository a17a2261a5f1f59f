/**
 * From untrusted text to the element tree of an RSS, RDF (RSS 1.0) or Atom document, or a typed
 * ParseError saying why not. The same safety rules as the CM/ECF reader (pacer-rss/read-feed.ts):
 * the root is found by a cheap prolog walk before anything is parsed, DTD internal subsets are
 * refused, no entity is ever expanded, and leaves come back as raw markup that xml-decode.ts decodes.
 * Unlike that reader we keep attributes: enclosures and Atom links live in them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { clip, ParseError } from '@docketwatch/core';
import { checkFeedInput } from '../feed-input';
import { decodeXmlText } from '../xml-decode';
import { readRootName } from '../xml-prolog';

export type FeedKind = 'rss' | 'rdf' | 'atom';

export type XmlNode = Record<string, unknown>;

export interface FeedTree {
  kind: FeedKind;
  /** The root element as written ("rss", "feed", "atom:feed", "rdf:RDF"). */
  rootName: string;
  root: XmlNode;
  /** Namespace prefix of the Atom elements ("" for the default namespace, "atom" for <atom:feed>). */
  atomPrefix: string;
}

const MAX_CONTEXT_CHARS = 200;

/**
 * Elements whose content we read as text. As stop nodes the parser hands back their inner markup
 * verbatim, CDATA and references intact, and an HTML description with unescaped tags stays one string.
 */
const TEXT_LEAVES = [
  'title',
  'link',
  'description',
  'pubDate',
  'guid',
  'summary',
  'content',
  'content:encoded',
  'subtitle',
  'published',
  'updated',
  'id',
  'name',
  'itunes:summary',
  'itunes:subtitle',
  'itunes:author',
  'dc:creator',
  'dc:date',
  'dc:publisher',
  'managingEditor',
];

export const ATTRIBUTE_PREFIX = '@_';

function stopNodes(prefixes: string[]): string[] {
  const names = new Set(TEXT_LEAVES);
  // Atom documents that prefix their elements (<atom:entry><atom:title>) need the prefixed names too.
  for (const prefix of prefixes) for (const leaf of TEXT_LEAVES) if (!leaf.includes(':')) names.add(`${prefix}:${leaf}`);
  return [...names].map((name) => `*.${name}`);
}

function makeParser(prefixes: string[]): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    stopNodes: stopNodes(prefixes),
  });
}

const defaultParser = makeParser([]);

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string): string => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

function kindOf(rootName: string): FeedKind {
  const lower = rootName.toLowerCase();
  if (lower === 'html' || lower === 'head' || lower === 'body') {
    throw new ParseError('PARSE_ERROR_PAGE', 'Got an HTML page where a feed was expected');
  }
  if (lower === 'rss') return 'rss';
  if (localName(rootName) === 'RDF') return 'rdf';
  if (localName(rootName) === 'feed') return 'atom';
  throw new ParseError('PARSE_UNRECOGNISED', 'XML document is not a feed (RSS, RDF or Atom)', { root: clip(rootName, MAX_CONTEXT_CHARS) });
}

/** A document that fails validation and never closes its root was cut off in transit. */
function endsWithRootClose(xml: string, rootName: string): boolean {
  const tail = xml.trimEnd().slice(-(rootName.length + 16));
  const close = tail.lastIndexOf(`</${rootName}`);
  return close !== -1 && /^\s*>$/.test(tail.slice(close + rootName.length + 2));
}

function validate(xml: string, rootName: string): void {
  const result = XMLValidator.validate(xml);
  if (result === true) return;
  const { code, msg, line, col } = result.err;
  const context = { xmlError: code, message: clip(msg, MAX_CONTEXT_CHARS), line, col };
  if (!endsWithRootClose(xml, rootName)) throw new ParseError('PARSE_TRUNCATED', 'Feed is cut off before its end', context);
  throw new ParseError('PARSE_MALFORMED', 'Feed is not well-formed XML', context);
}

export const isRecord = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A child or children of an element, always as a list of elements. Text-only children count as elements with no attributes. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || !Object.prototype.hasOwnProperty.call(node, name)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => (isRecord(entry) ? entry : { '#text': typeof entry === 'string' ? entry : '' }));
}

export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => children(node, name)[0];

/** An attribute's value, references decoded; null when absent. */
export function attribute(node: XmlNode | undefined, name: string): string | null {
  const value = node?.[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof value === 'string' ? decodeXmlText(value) : null;
}

/** A leaf's raw inner markup, CDATA and references undecoded; "" for an empty element, null when absent. */
export function rawText(node: XmlNode | undefined): string | null {
  if (!node) return null;
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

/** A leaf's text: CDATA taken literally, references decoded once. */
export function leafText(node: XmlNode | undefined): string | null {
  const raw = rawText(node);
  return raw === null ? null : decodeXmlText(raw);
}

function parseTree(xml: string, parser: XMLParser): XmlNode {
  try {
    return parser.parse(xml) as XmlNode;
  } catch (err) {
    // The validator accepts some documents the parser still refuses (nesting depth, reserved names).
    throw new ParseError('PARSE_MALFORMED', 'Feed could not be parsed', { message: clip(String(err), MAX_CONTEXT_CHARS) });
  }
}

/**
 * @throws ParseError PARSE_EMPTY, PARSE_ERROR_PAGE (an HTML page), PARSE_UNRECOGNISED (not XML, or
 *   XML that is no feed), PARSE_TRUNCATED (cut off), PARSE_MALFORMED (broken XML, a DTD subset, too large).
 */
export function readFeedTree(input: string): FeedTree {
  const xml = checkFeedInput(input, 'Feed is too large');
  const rootName = readRootName(xml);
  const kind = kindOf(rootName);
  validate(xml, rootName);
  const atomPrefix = kind === 'atom' ? prefixOf(rootName) : '';
  const tree = parseTree(xml, atomPrefix ? makeParser([atomPrefix]) : defaultParser);
  const root = child(tree, rootName);
  if (!root) throw new ParseError('PARSE_MALFORMED', 'Feed has no root element', { root: clip(rootName, MAX_CONTEXT_CHARS) });
  return { kind, rootName, root, atomPrefix };
}
