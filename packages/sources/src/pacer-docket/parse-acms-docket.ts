/**
 * ACMS docket JSON: the docket as the courts of appeals' newer case-management system (ACMS,
 * used by the 2nd and 9th Circuits) serves it to its web client. Field rules follow juriscraper's
 * ACMSDocketReport (juriscraper/pacer/acms_docket.py).
 *
 * Shape: { caseDetails: { caseId (a GUID), caseNumber, name, ... }, docketInfo: { docketEntries: [
 *   { entryNumber, endDate "2023-09-29", docketEntryText "<p>… [Entered: 10/02/2023 11:17 AM]</p>",
 *     docketEntryId (a GUID), pageCount, ... } ] } }.
 * The JSON names no court, so the caller must (options.court).
 */
import { loadHtml } from '../html-load';
import { clip, ParseError, normaliseDocketNumber, parseUsDate } from '@docketwatch/core';
import type { ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { scanHtml } from '../scotus-docket/html-complexity';
import { assertDocketText, buildDocument, CONTEXT_CHARS, firstSignificantChar, PACER_HTML_LIMITS, resolveCourt } from './pacer-common';
import type { ParsePacerDocketOptions } from './pacer-common';
import { cleanCourtText, textContent } from './html-text';
import { collapseWhitespace } from '../html-text';
import { jsonEndsMidValue } from '../json-truncation';

type JsonRecord = Record<string, unknown>;

const WHAT = 'ACMS docket JSON';

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(message: string, context: Record<string, unknown> = {}): ParseError {
  return new ParseError('PARSE_MALFORMED', `${WHAT}: ${message}`, context);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (jsonEndsMidValue(text)) throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the document ends part-way through`, { reason });
    throw malformed('not valid JSON', { reason });
  }
}

function requiredString(record: JsonRecord, key: string, where: string): string {
  const value = record[key];
  const text = typeof value === 'string' ? collapseWhitespace(value) : '';
  if (!text) throw malformed(`${where} has no ${key}`);
  return text;
}

/** The plain text of an entry's HTML ("<p><strong>MOTION</strong> to proceed…</p>"). */
function entryText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return cleanCourtText(html);
  return cleanCourtText(textContent(loadHtml(html, null, false).root()[0]));
}

function readEntry(raw: unknown, index: number): ParsedEntry {
  if (!isRecord(raw)) throw malformed(`docket entry ${index + 1} is not an object`);
  const { entryNumber, endDate, docketEntryText, docketEntryId } = raw;
  if (typeof docketEntryText !== 'string') throw malformed(`docket entry ${index + 1} has no docketEntryText`);
  // endDate is the entry's filing date (juriscraper's date_filed); the "[Entered: …]" stamp is when the clerk docketed it.
  const filedAt = typeof endDate === 'string' ? parseUsDate(endDate.slice(0, 10)) : null;
  if (!filedAt) throw malformed(`docket entry ${index + 1} has no readable endDate`, { endDate: clip(String(endDate), CONTEXT_CHARS) });
  const number =
    typeof entryNumber === 'number' && Number.isFinite(entryNumber)
      ? String(entryNumber)
      : typeof entryNumber === 'string'
        ? entryNumber.trim()
        : '';
  return {
    entryNumber: number || null,
    filedAt,
    shortDescription: '',
    description: entryText(docketEntryText),
    // ACMS documents are fetched through its API by entry id; there is no stable document URL.
    documentUrl: null,
    pacerDocId: typeof docketEntryId === 'string' && docketEntryId.trim() ? docketEntryId.trim() : null,
    attachments: [],
  };
}

/** The entries' HTML is checked as one document, so many small fragments cannot add up to an expensive parse. */
function assertEntriesComplexity(rawEntries: unknown[]): void {
  const html = rawEntries
    .map((raw) => (isRecord(raw) && typeof raw['docketEntryText'] === 'string' ? raw['docketEntryText'] : ''))
    .join('\n');
  const { exceeded } = scanHtml(html, PACER_HTML_LIMITS);
  if (exceeded) throw malformed(`docket entry text too complex (${exceeded})`);
}

/**
 * Parses ACMS docket JSON. Entries keep the order ACMS lists them in (not always by number).
 *
 * @throws ParseError PARSE_EMPTY, PARSE_UNRECOGNISED (not JSON, or JSON that is not an ACMS docket),
 *   PARSE_TRUNCATED (JSON cut short), PARSE_MALFORMED (invalid JSON, missing case number or name,
 *   an entry without a date or text, no court given, or absurd input).
 */
export function parseAcmsDocket(text: string, options: ParsePacerDocketOptions = {}): ParsedDocument {
  assertDocketText(text, WHAT);
  const first = firstSignificantChar(text);
  if (first !== '{') throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: ${first === '<' ? 'got HTML' : 'not a JSON object'}`);
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (!isRecord(json) || !isRecord(json['caseDetails']) || !isRecord(json['docketInfo'])) {
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: JSON without caseDetails and docketInfo is not an ACMS docket`);
  }
  const details = json['caseDetails'];
  const rawEntries = json['docketInfo']['docketEntries'] ?? [];
  if (!Array.isArray(rawEntries)) throw malformed('docketInfo.docketEntries is not a list');
  assertEntriesComplexity(rawEntries);

  const caseId = details['caseId'];
  return buildDocument({
    court: resolveCourt(null, options, WHAT),
    docketNumber: normaliseDocketNumber(requiredString(details, 'caseNumber', 'caseDetails')),
    // ACMS's own caption, kept as juriscraper keeps it (not harmonised: "United States of America v. Raji").
    caseName: requiredString(details, 'name', 'caseDetails'),
    pacerCaseId: typeof caseId === 'string' && caseId.trim() ? caseId.trim() : null,
    entries: rawEntries.map(readEntry),
  });
}
