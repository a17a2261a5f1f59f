/**
 * Supreme Court (supremecourt.gov) docket parsers: the docket JSON feed and the docket HTML pages.
 */
import { ParseError } from '@docketwatch/core';
import type { ParsedDocument } from '@docketwatch/core';
import { parseScotusDocketHtml } from './parse-scotus-html';
import { parseScotusDocketJson } from './parse-scotus-json';
import { assertParseableText, firstSignificantChar } from './scotus-common';

export { parseScotusDocketHtml } from './parse-scotus-html';
export { parseScotusDocketJson } from './parse-scotus-json';

/**
 * Parses a supremecourt.gov docket in whichever form it came: JSON (starts with "{") or an HTML page
 * (starts with "<"). An HTML error page served where JSON was expected is reported as PARSE_ERROR_PAGE.
 */
export function parseScotusDocket(text: string): ParsedDocument {
  assertParseableText(text, 'SCOTUS docket');
  const first = firstSignificantChar(text);
  if (first === '{' || first === '[') return parseScotusDocketJson(text);
  if (first === '<') return parseScotusDocketHtml(text);
  throw new ParseError('PARSE_UNRECOGNISED', 'SCOTUS docket: neither JSON nor HTML');
}
