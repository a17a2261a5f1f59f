import { decodeBody } from '@docketwatch/http';
import { ParseError, type DocumentFormat, type ParsedDocument } from '@docketwatch/core';
import { parsePacerRss } from './pacer-rss/parse-pacer-rss';
import { parseScotusDocket } from './scotus-docket';
import { parseScotusEmail } from './scotus-email';
import { parseFeed } from './feed';
import { looksLikeNefEmail, parseNefEmail } from './nef-email';
import { detectPacerDocket, parsePacerDocket } from './pacer-docket';

export interface ParseOptions {
  format?: DocumentFormat;
  /** Court id for feeds that do not name their own. */
  court?: string;
}

/** `text` is the decoded document; `raw` is what arrived, for formats that decode themselves (mail). */
type Parser = (text: string, options: ParseOptions, raw: string | Buffer) => ParsedDocument | Promise<ParsedDocument>;

/** Every format `parseDocument` knows; formats join here as their parsers land. */
const parsers: Partial<Record<DocumentFormat, Parser>> = {
  'pacer-rss': (text, options) => parsePacerRss(text, options.court ? { court: options.court } : {}),
  'scotus-docket': (text) => parseScotusDocket(text),
  'scotus-email': (_text, _options, raw) => parseScotusEmail(raw),
  feed: (text) => parseFeed(text),
  'nef-email': (_text, options, raw) => parseNefEmail(raw, options.court ? { court: options.court } : {}),
  'pacer-docket': (text, options) => parsePacerDocket(text, options.court ? { court: options.court } : {}),
};

export const documentFormats = Object.keys(parsers) as DocumentFormat[];

/** Guesses a document's format from its content; null when nothing fits. */
export function detectFormat(text: string): DocumentFormat | null {
  const head = text.slice(0, 8192);
  // Mail: the Subject can sit kilobytes down, behind relay headers.
  const mailHead = text.slice(0, 32_768);
  const isMail = /^(?:From|Date|MIME-Version|Received|Return-Path):/im.test(mailHead);
  if (isMail && /^Subject:[ \t]*Supreme Court (?:Electronic Filing System|Case Notification)\b/im.test(mailHead)) return 'scotus-email';
  if (isMail && looksLikeNefEmail(text)) return 'nef-email';
  if (detectPacerDocket(text)) return 'pacer-docket';
  const body = text.slice(0, 300_000);
  if (/<rss[\s>]/i.test(head) && /ecf\.[a-z0-9-]+\.uscourts\.gov|Recent Entries|Docket entries of type/i.test(body)) return 'pacer-rss';
  // Any other RSS, RDF or Atom feed (court opinions, oral arguments, newsrooms); CM/ECF feeds are RSS too.
  if (
    /<rss[\s>]/i.test(head) ||
    (/<(?:\w+:)?feed[\s>]/.test(head) && head.includes('http://www.w3.org/2005/Atom')) ||
    (/<rdf:RDF[\s>]/.test(head) && head.includes('http://purl.org/rss/1.0/'))
  ) {
    return 'feed';
  }
  if (/^\s*\{/.test(head) && /"(CaseNumber|ProceedingsandOrder)"\s*:/.test(body)) return 'scotus-docket';
  const html = /<html|<!doctype/i.test(head);
  // Current pages wrap the docket in #docketinfo; legacy pages are titled "Docket for 02A1002".
  if (html && /Supreme Court/i.test(body) && /id="docket(?:info|wrappers?)"|<title>\s*Docket for /i.test(body)) return 'scotus-docket';
  return null;
}

/** Parses a document of a known or detected format into the `docketwatch parse` contract. */
export async function parseDocument(input: string | Buffer, options: ParseOptions = {}): Promise<ParsedDocument> {
  const text = typeof input === 'string' ? input : decodeBody(input, null);
  const format = options.format ?? detectFormat(text);
  if (!format) throw new ParseError('PARSE_UNRECOGNISED', 'not a recognised court document (tried: ' + documentFormats.join(', ') + ')');
  const parser = parsers[format];
  if (!parser) throw new ParseError('PARSE_UNRECOGNISED', `no parser for format ${format}`);
  return parser(text, options, input);
}
