import { ParseError, type DocumentFormat, type ParsedDocument } from '@docketwatch/core';
import { parsePacerRss } from './pacer-rss/parse-pacer-rss';
import { parseScotusDocket } from './scotus-docket';

export interface ParseOptions {
  format?: DocumentFormat;
  /** Court id for feeds that do not name their own. */
  court?: string;
}

const parsers: Record<DocumentFormat, (text: string, options: ParseOptions) => ParsedDocument> = {
  'pacer-rss': (text, options) => parsePacerRss(text, options.court ? { court: options.court } : {}),
  'scotus-docket': (text) => parseScotusDocket(text),
};

export const documentFormats = Object.keys(parsers) as DocumentFormat[];

/** Guesses a document's format from its first few kilobytes; null when nothing fits. */
export function detectFormat(text: string): DocumentFormat | null {
  const head = text.slice(0, 8192);
  if (/<rss[\s>]/i.test(head) && /uscourts\.gov|Recent Entries|Docket entries of type/i.test(text.slice(0, 20000))) return 'pacer-rss';
  if (/^\s*\{/.test(head) && /"(CaseNumber|ProceedingsandOrder)"/.test(text)) return 'scotus-docket';
  if (/supremecourt\.gov/i.test(head) || /id="docketinfo"|DocketPDF|Proceedings and Orders/i.test(text.slice(0, 200000))) {
    if (/<html|<!doctype/i.test(head)) return 'scotus-docket';
  }
  return null;
}

/** Parses a document of a known or detected format into the `docketwatch parse` contract. */
export function parseDocument(text: string, options: ParseOptions = {}): ParsedDocument {
  const format = options.format ?? detectFormat(text);
  if (!format) throw new ParseError('PARSE_UNRECOGNISED', 'not a recognised court document (tried: ' + documentFormats.join(', ') + ')');
  return parsers[format](text, options);
}
