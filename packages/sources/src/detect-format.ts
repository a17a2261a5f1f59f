import { ParseError, type DocumentFormat, type ParsedDocument } from '@docketwatch/core';
import { parsePacerRss } from './pacer-rss/parse-pacer-rss';
import { parseScotusDocket } from './scotus-docket';

export interface ParseOptions {
  format?: DocumentFormat;
  /** Court id for feeds that do not name their own. */
  court?: string;
}

/** Every format `parseDocument` knows; formats join here as their parsers land. */
const parsers: Partial<Record<DocumentFormat, (text: string, options: ParseOptions) => ParsedDocument>> = {
  'pacer-rss': (text, options) => parsePacerRss(text, options.court ? { court: options.court } : {}),
  'scotus-docket': (text) => parseScotusDocket(text),
};

export const documentFormats = Object.keys(parsers) as DocumentFormat[];

/** Guesses a document's format from its content; null when nothing fits. */
export function detectFormat(text: string): DocumentFormat | null {
  const head = text.slice(0, 8192);
  const body = text.slice(0, 300_000);
  if (/<rss[\s>]/i.test(head) && /ecf\.[a-z0-9-]+\.uscourts\.gov|Recent Entries|Docket entries of type/i.test(body)) return 'pacer-rss';
  if (/^\s*\{/.test(head) && /"(CaseNumber|ProceedingsandOrder)"\s*:/.test(body)) return 'scotus-docket';
  const html = /<html|<!doctype/i.test(head);
  // Current pages wrap the docket in #docketinfo; legacy pages are titled "Docket for 02A1002".
  if (html && /Supreme Court/i.test(body) && /id="docket(?:info|wrappers?)"|<title>\s*Docket for /i.test(body)) return 'scotus-docket';
  return null;
}

/** Parses a document of a known or detected format into the `docketwatch parse` contract. */
export function parseDocument(text: string, options: ParseOptions = {}): ParsedDocument {
  const format = options.format ?? detectFormat(text);
  if (!format) throw new ParseError('PARSE_UNRECOGNISED', 'not a recognised court document (tried: ' + documentFormats.join(', ') + ')');
  const parser = parsers[format];
  if (!parser) throw new ParseError('PARSE_UNRECOGNISED', `no parser for format ${format}`);
  return parser(text, options);
}
