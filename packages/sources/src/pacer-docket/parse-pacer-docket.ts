/**
 * A CM/ECF docket report in whichever of its three forms a PACER user saved it: a district docket
 * page (DktRpt.pl), an appellate docket page (TransportRoom), or ACMS docket JSON.
 */
import { ParseError } from '@docketwatch/core';
import type { ParsedDocument } from '@docketwatch/core';
import { parseAcmsDocket } from './parse-acms-docket';
import { parseAppellateDocket } from './parse-appellate-docket';
import { parseDistrictDocket } from './parse-district-docket';
import {
  APPELLATE_DOCKET_MARK,
  DISTRICT_DOCKET_MARK,
  assertDocketText,
  firstSignificantChar,
  isPacerPage,
  isXmlFeed,
} from './pacer-common';
import type { ParsePacerDocketOptions } from './pacer-common';

const WHAT = 'CM/ECF docket report';

/** Marks only appellate CM/ECF pages carry: the case-stub label, the report's section comments, the servlet. */
const APPELLATE_PAGE = /Court of Appeals Docket\s*#|NEW SECTION - (?:Case Stub|DOCKET ENTRIES)|TransportRoom/i;

/** How much of a document detection reads: the marks sit in the page head or the first table. */
const DETECT_CHARS = 300_000;

/**
 * A cheap test for `detectFormat`: true for a CM/ECF docket report (district or appellate HTML,
 * ACMS JSON), false for everything else, including RSS feeds, NEF e-mails, supremecourt.gov
 * dockets and the pages PACER serves instead of a docket (those are PARSE_ERROR_PAGE when this
 * parser is asked for explicitly).
 *
 * - ACMS: a JSON object with "caseDetails" and "docketInfo" keys.
 * - HTML (first character "<", not an RSS feed) carrying a CM/ECF mark (see isPacerPage: the
 *   menu, the logo, an ecf.<court>.uscourts.gov host, the TransportRoom servlet) and a docket
 *   mark: the district heading "DOCKET FOR CASE #", the entries header cell "Docket Text", or the
 *   appellate "Court of Appeals Docket #" / "NEW SECTION - DOCKET ENTRIES".
 */
export function detectPacerDocket(text: string): boolean {
  const first = firstSignificantChar(text.slice(0, 1024));
  const body = text.slice(0, DETECT_CHARS);
  if (first === '{') return /"caseDetails"\s*:/.test(body) && /"docketInfo"\s*:/.test(body);
  if (first !== '<' || isXmlFeed(body)) return false;
  return (DISTRICT_DOCKET_MARK.test(body) || APPELLATE_DOCKET_MARK.test(body)) && isPacerPage(body);
}

/**
 * Parses a CM/ECF docket report: ACMS JSON, an appellate page or a district page, told apart by content.
 * options.court names the court when the document does not (ACMS JSON never does).
 *
 * @throws ParseError with the code of the parser it dispatched to; PARSE_EMPTY for blank text and
 *   PARSE_UNRECOGNISED for text that is neither JSON nor HTML.
 */
export function parsePacerDocket(text: string, options: ParsePacerDocketOptions = {}): ParsedDocument {
  assertDocketText(text, WHAT);
  const first = firstSignificantChar(text);
  if (first === '{') return parseAcmsDocket(text, options);
  if (first !== '<') throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: neither HTML nor ACMS JSON`);
  if (APPELLATE_PAGE.test(text) && isPacerPage(text)) return parseAppellateDocket(text, options);
  return parseDistrictDocket(text, options);
}
