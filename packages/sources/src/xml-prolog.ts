import { clip, ParseError } from '@docketwatch/core';

/**
 * The root element of an XML document, found by walking its prolog (declarations, comments, a
 * DOCTYPE) without parsing anything big, so what is plainly not a feed is turned away before any
 * validator runs. Shared by the CM/ECF RSS reader and the generic feed reader.
 */
const ELEMENT_NAME = /[A-Za-z_:][-\w.:]*/y;
const MAX_CONTEXT_CHARS = 200;

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

/** The root element's name as written (or "html" for an HTML DOCTYPE). */
export function readRootName(xml: string): string {
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
  throw new ParseError('PARSE_UNRECOGNISED', 'Feed is not XML', { start: clip(xml.slice(at, at + 40), MAX_CONTEXT_CHARS) });
}
