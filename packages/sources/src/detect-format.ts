import { decodeBody } from '@docketwatch/http';
import { ParseError, type ParsedDocument } from '@docketwatch/core';
import { documentFormats, sourceKindList, sourceKinds, type DocumentFormat } from './source-kinds';

export interface ParseOptions {
  format?: DocumentFormat;
  /** Court id for feeds that do not name their own. */
  court?: string;
}

/** Guesses a document's format from its content: the first kind, in registry order, that recognises it; null when none does. */
export function detectFormat(text: string): DocumentFormat | null {
  return sourceKindList.find((kind) => kind.detect?.(text))?.id ?? null;
}

/** Parses a document of a known or detected format into the `docketwatch parse` contract. */
export async function parseDocument(input: string | Buffer, options: ParseOptions = {}): Promise<ParsedDocument> {
  const text = typeof input === 'string' ? input : decodeBody(input, null);
  const format = options.format ?? detectFormat(text);
  if (!format) throw new ParseError('PARSE_UNRECOGNISED', 'not a recognised court document (tried: ' + documentFormats.join(', ') + ')');
  const parse = sourceKinds[format]?.parse;
  if (!parse) throw new ParseError('PARSE_UNRECOGNISED', `no parser for format ${format}`);
  return parse(text, options.court ? { court: options.court } : {}, input);
}
