/**
 * CourtListener's search API over the RECAP archive: GET /api/rest/v4/search/?type=r&q=…, one result
 * per docket (REST v4 docs, "Search API"). A result carries the docket's fields in camelCase
 * (`docket_id`, `caseName`, `docketNumber`, `court_id`, `dateFiled`, `suitNature`, `cause`,
 * `pacer_case_id`, `absolute_url`) and the documents that matched (`recap_documents[]`, each with
 * its `description` and a highlighted `snippet`). Pages are cursor-paginated: `next` is a URL
 * carrying the cursor, and `count` is not needed.
 */
import { clip, normaliseDocketNumber, ParseError, type ParsedCase } from '@docketwatch/core';
import { isObject, optionalArray, optionalInteger, optionalMatching, optionalText, readJsonObject } from './json-input';
import { readNextLink } from './parse-docket-entries';
import { SITE_BASE } from './to-parsed-entry';

const WHAT = 'CourtListener search';

/** Matched text kept per case: enough for a statute's words and their context. */
const MAX_CASE_TEXT_CHARS = 4_000;

export interface RecapSearchPage {
  cases: ParsedCase[];
  next: string | null;
}

/** Search highlighting wraps matched words in <mark>; the words are what is matched. */
const plain = (text: string): string =>
  text
    .replace(/<\/?mark>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();

export function readRecapSearchPage(json: string): RecapSearchPage {
  const body = readJsonObject(json, WHAT);
  if (!Array.isArray(body.results)) {
    const detail = typeof body.detail === 'string' ? `: CourtListener answered "${clip(body.detail, 200)}"` : '';
    throw new ParseError(detail ? 'PARSE_ERROR_PAGE' : 'PARSE_UNRECOGNISED', `${WHAT}: no "results" list${detail}`);
  }
  const cases = body.results.flatMap((raw, i): ParsedCase[] => {
    const path = `results[${i}]`;
    if (!isObject(raw)) throw new ParseError('PARSE_MALFORMED', `${WHAT}: ${path} should be an object`, { field: path });
    const id = optionalInteger(raw, 'docket_id', WHAT, path);
    const court = optionalText(raw, 'court_id', WHAT, path).trim().toLowerCase();
    const number = optionalText(raw, 'docketNumber', WHAT, path).trim();
    // A result without its docket's identity cannot be proposed or followed.
    if (id === null || !court || !number) return [];
    const documents = optionalArray(raw, 'recap_documents', WHAT, path).filter(isObject);
    const text = documents
      .flatMap((doc) => [plain(String(doc.description ?? '')), plain(String(doc.snippet ?? ''))])
      .filter(Boolean)
      .join('\n');
    const absoluteUrl = optionalText(raw, 'absolute_url', WHAT, path);
    return [
      {
        court,
        docketNumber: normaliseDocketNumber(number),
        caseName: plain(optionalText(raw, 'caseName', WHAT, path)) || number,
        pacerCaseId: optionalText(raw, 'pacer_case_id', WHAT, path).trim() || null,
        courtListenerId: id,
        filedOn: optionalMatching(raw, 'dateFiled', /^\d{4}-\d{2}-\d{2}/, 'a date', WHAT, path)?.slice(0, 10) ?? null,
        natureOfSuit: optionalText(raw, 'suitNature', WHAT, path).trim(),
        cause: optionalText(raw, 'cause', WHAT, path).trim(),
        text: clip(text, MAX_CASE_TEXT_CHARS),
        url: absoluteUrl.startsWith('/') && !absoluteUrl.startsWith('//') ? new URL(absoluteUrl.slice(1), SITE_BASE).href : null,
      },
    ];
  });
  return { cases, next: readNextLink(body, WHAT) };
}

/** A saved RECAP search: the query, the courts it is limited to (none: all), and the earliest filing day. */
export interface RecapSearch {
  query: string;
  courts?: string[];
  /** YYYY-MM-DD. */
  filedAfter?: string;
}

/** The first page's URL: newest filed first, so a page cap keeps the newest cases. */
export function recapSearchUrl(base: URL, search: RecapSearch): URL {
  const url = new URL('/api/rest/v4/search/', base);
  url.searchParams.set('type', 'r');
  url.searchParams.set('q', search.query);
  if (search.courts?.length) url.searchParams.set('court', search.courts.join(' '));
  if (search.filedAfter) url.searchParams.set('filed_after', search.filedAfter);
  url.searchParams.set('order_by', 'dateFiled desc');
  return url;
}
