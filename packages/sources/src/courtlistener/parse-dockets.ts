/**
 * Finding a case's CourtListener docket: GET /api/rest/v4/dockets/?court=<id>&docket_number_core=<core>
 * (or &docket_number=<n>). The filters are the docket API's (cl/search/filters.py DocketFilter:
 * docket_number exact; docket_number_core exact/startswith; court by id); the response is a
 * list page like any other ({"next", "results": [dockets]}).
 */
import { ParseError, parseDistrictDocketNumber, sameDocketNumber } from '@docketwatch/core';
import { isObject, optionalInteger, optionalText, readJsonObject } from './json-input';
import { readNextLink } from './parse-docket-entries';
import { SITE_BASE } from './to-parsed-entry';

const WHAT = 'CourtListener dockets';

export interface CourtListenerDocket {
  /** CourtListener's docket id: what the docket-entry API filters by and Docket Alerts name. */
  id: number;
  court: string;
  /** As CourtListener writes it ("8:25-cv-00951"). */
  docketNumber: string;
  caseName: string;
  pacerCaseId: string | null;
  /** The docket's page on CourtListener. */
  url: string | null;
}

/**
 * CourtListener's docket_number_core for district numbers: two-digit year then the five-digit
 * sequence ("8:25-cv-951" -> "2500951"; CourtListener's make_docket_number_core: "2:12-cv-01032 …
 * Into: 1201032"). It ignores the
 * office and case type, so results are still matched on the full number. Null for other forms,
 * whose core rules differ by court; those are looked up by docket_number.
 */
export function docketNumberCore(docketNumber: string): string | null {
  const district = parseDistrictDocketNumber(docketNumber);
  return district ? `${district.year}${district.sequence}` : null;
}

/** "https://www.courtlistener.com/api/rest/v4/courts/mdd/" -> "mdd". */
function courtOf(docket: Record<string, unknown>): string {
  if (typeof docket.court_id === 'string' && docket.court_id) return docket.court_id;
  if (typeof docket.court === 'string') {
    const m = /\/courts\/([a-z0-9]+)\/?$/i.exec(docket.court);
    return m ? m[1]!.toLowerCase() : docket.court;
  }
  return '';
}

export function readDocketsPage(json: string): { dockets: CourtListenerDocket[]; next: string | null } {
  const body = readJsonObject(json, WHAT);
  if (!Array.isArray(body.results)) {
    const detail = typeof body.detail === 'string' ? `: CourtListener answered "${body.detail.slice(0, 200)}"` : '';
    throw new ParseError(detail ? 'PARSE_ERROR_PAGE' : 'PARSE_UNRECOGNISED', `${WHAT}: no "results" list${detail}`);
  }
  const dockets = body.results.map((raw, i): CourtListenerDocket => {
    const path = `results[${i}]`;
    if (!isObject(raw)) throw new ParseError('PARSE_MALFORMED', `${WHAT}: ${path} should be an object`, { field: path });
    const id = optionalInteger(raw, 'id', WHAT, path);
    if (id === null) throw new ParseError('PARSE_MALFORMED', `${WHAT}: ${path} has no id`, { field: `${path}.id` });
    const absoluteUrl = optionalText(raw, 'absolute_url', WHAT, path);
    return {
      id,
      court: courtOf(raw),
      docketNumber: optionalText(raw, 'docket_number', WHAT, path).trim(),
      caseName: (optionalText(raw, 'case_name', WHAT, path) || optionalText(raw, 'case_name_full', WHAT, path)).trim(),
      pacerCaseId: optionalText(raw, 'pacer_case_id', WHAT, path).trim() || null,
      url: absoluteUrl.startsWith('/') && !absoluteUrl.startsWith('//') ? new URL(absoluteUrl.slice(1), SITE_BASE).href : null,
    };
  });
  return { dockets, next: readNextLink(body, WHAT) };
}

/**
 * The docket for our case among search results: same court, same number in canonical form (the
 * core filter also matches other case types with that year and sequence). CourtListener can hold
 * more than one docket for a case (one from RECAP, one from an opinion scraper); the one with a
 * PACER case id is the RECAP one, whose entries we want, and ties go to the lowest id.
 */
export function pickDocket(candidates: readonly CourtListenerDocket[], court: string, docketNumber: string): CourtListenerDocket | null {
  const wanted = court.trim().toLowerCase();
  const matches = candidates
    .filter((docket) => (docket.court === '' || docket.court === wanted) && sameDocketNumber(docket.docketNumber, docketNumber))
    .sort((a, b) => Number(b.pacerCaseId !== null) - Number(a.pacerCaseId !== null) || a.id - b.id);
  return matches[0] ?? null;
}
