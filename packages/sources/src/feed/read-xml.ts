/**
 * From untrusted text to the element tree of an RSS, RDF (RSS 1.0) or Atom document, or a typed
 * ParseError saying why not. The same safety rules as the CM/ECF reader (pacer-rss/read-feed.ts):
 * the root is found by a cheap prolog walk before anything is parsed, DTD internal subsets are
 * refused, no entity is ever expanded, and leaves come back as raw markup that xml-text.ts decodes.
 * Unlike that reader we keep attributes: enclosures and Atom links live in them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '@docketwatch/core';
import { MAX_FEED_CHARS } from '../pacer-rss/read-feed';
import { decodeXmlText } from '../pacer-rss/xml-text';

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

const clip = (text: string): string => (text.length > MAX_CONTEXT_CHARS ? `${text.slice(0, MAX_CONTEXT_CHARS)}…` : text);

function checkInput(xml: unknown): string {
  if (typeof xml !== 'string') throw new ParseError('PARSE_UNRECOGNISED', 'Feed input is not text', { type: typeof xml });
  const text = xml.startsWith('\ufeff') ? xml.slice(1) : xml;
  if (text.trim() === '') throw new ParseError('PARSE_EMPTY', 'Feed is empty');
  if (text.length > MAX_FEED_CHARS) {
    throw new ParseError('PARSE_MALFORMED', 'Feed is too large', { length: text.length, limit: MAX_FEED_CHARS });
  }
  return text;
}

const ELEMENT_NAME = /[A-Za-z_:][-\w.:]*/y;

/** The XML name at `from` as written, or "" when there is none. */
function readName(xml: string, from: number): string {
  ELEMENT_NAME.lastIndex = from;
  const match = ELEMENT_NAME.exec(xml);
  return match ? match[0] : '';
}

function skipSpace(xml: string, from: number): number {
  let at = from;
  while (at < xml.length && /\s/.test(xml[at]!)) at++;
  return at;
}

function skipPast(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw new ParseError('PARSE_TRUNCATED', 'Feed ends inside its XML prolog');
  return end + terminator.length;
}

/** Skips a DOCTYPE, refusing an internal subset: entity declarations are how billion-laughs payloads arrive. */
function skipDoctype(xml: string, at: number): number {
  const end = xml.indexOf('>', at);
  const subset = xml.indexOf('[', at);
  if (subset !== -1 && (end === -1 || subset < end)) {
    throw new ParseError('PARSE_MALFORMED', 'Feed declares a DTD internal subset, which we refuse to process');
  }
  return skipPast(xml, '>', at);
}

/** The root element's name (or "html" for an HTML DOCTYPE), found without parsing anything big. */
function readRootName(xml: string): string {
  let at = skipSpace(xml, 0);
  for (;;) {
    if (xml.startsWith('<?', at)) at = skipPast(xml, '?>', at + 2);
    else if (xml.startsWith('<!--', at)) at = skipPast(xml, '-->', at + 4);
    else if (xml.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      if (readName(xml, skipSpace(xml, at + 9)).toLowerCase() === 'html') return 'html';
      at = skipDoctype(xml, at);
    } else if (xml[at] === '<' && readName(xml, at + 1) !== '') return readName(xml, at + 1);
    else break;
    at = skipSpace(xml, at);
  }
  throw new ParseError('PARSE_UNRECOGNISED', 'Feed is not XML', { start: clip(xml.slice(at, at + 40)) });
}

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
  throw new ParseError('PARSE_UNRECOGNISED', 'XML document is not a feed (RSS, RDF or Atom)', { root: clip(rootName) });
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
  const context = { xmlError: code, message: clip(msg), line, col };
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
    throw new ParseError('PARSE_MALFORMED', 'Feed could not be parsed', { message: clip(String(err)) });
  }
}

/**
 * @throws ParseError PARSE_EMPTY, PARSE_ERROR_PAGE (an HTML page), PARSE_UNRECOGNISED (not XML, or
 *   XML that is no feed), PARSE_TRUNCATED (cut off), PARSE_MALFORMED (broken XML, a DTD subset, too large).
 */
export function readFeedTree(input: string): FeedTree {
  const xml = checkInput(input);
  const rootName = readRootName(xml);
  const kind = kindOf(rootName);
  validate(xml, rootName);
  const atomPrefix = kind === 'atom' ? prefixOf(rootName) : '';
  const tree = parseTree(xml, atomPrefix ? makeParser([atomPrefix]) : defaultParser);
  const root = child(tree, rootName);
  if (!root) throw new ParseError('PARSE_MALFORMED', 'Feed has no root element', { root: clip(rootName) });
  return { kind, rootName, root, atomPrefix };
}
