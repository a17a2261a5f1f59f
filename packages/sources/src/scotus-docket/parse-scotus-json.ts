/**
 * supremecourt.gov docket JSON (https://www.supremecourt.gov/RSS/Cases/JSON/24A949.json).
 *
 * Field mapping follows juriscraper's SCOTUSDocketReport so our output matches its test fixtures:
 * case name = "PetitionerTitle v. RespondentTitle" verbatim, entry number = the DocketPDF filing id of
 * the entry's first link, description = the entry's Text with HTML markup removed.
 */
import { loadHtml } from '../html-load';
import { ParseError, normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { HTML_LIMITS, htmlComplexityProblem, scanHtml } from './html-complexity';
import { describeHtmlError } from './html-error-page';
import { splitLowerCourtCases } from './lower-court-cases';
import {
  assertParseableText,
  buildDocument,
  buildEntry,
  docketPdfFilingId,
  entryDate,
  firstSignificantChar,
  resolveDocumentUrl,
} from './scotus-common';
import type { EntryLink } from './scotus-common';
import { jsonEndsMidValue } from '../json-truncation';

type JsonRecord = Record<string, unknown>;

const WHAT = 'SCOTUS docket JSON';
/** Keys only a supremecourt.gov docket has; a JSON object with none of them is some other document. */
const DOCKET_KEYS = ['CaseNumber', 'ProceedingsandOrder', 'PetitionerTitle', 'RespondentTitle', 'DocketedDate'];

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: JsonRecord, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

function malformed(message: string, context: Record<string, unknown> = {}): ParseError {
  return new ParseError('PARSE_MALFORMED', `${WHAT}: ${message}`, context);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (jsonEndsMidValue(text)) {
      throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the document ends part-way through`, { reason });
    }
    throw malformed('not valid JSON', { reason });
  }
}

/** Something other than JSON was handed to the JSON parser: most often the court's HTML error page. */
function notJson(text: string): ParseError {
  if (firstSignificantChar(text) === '<') {
    const errorPage = htmlComplexityProblem(text) ? null : describeHtmlError(loadHtml(text));
    if (errorPage) return new ParseError('PARSE_ERROR_PAGE', `${WHAT}: supremecourt.gov returned an error page`, { errorPage });
    return new ParseError('PARSE_UNRECOGNISED', `${WHAT}: got HTML, not JSON`);
  }
  return new ParseError('PARSE_UNRECOGNISED', `${WHAT}: not JSON`);
}

function docketRecord(data: unknown): JsonRecord {
  if (!isRecord(data) || !DOCKET_KEYS.some((key) => key in data)) {
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: JSON, but not a supremecourt.gov docket`);
  }
  return data;
}

/** "23-7483 " and "24-5 *** CAPITAL CASE ***" both name the docket; the marker is not part of it. */
function docketNumberOf(record: JsonRecord): string {
  const raw = stringField(record, 'CaseNumber').replace('*** CAPITAL CASE ***', '').trim();
  if (!raw) throw malformed('no CaseNumber');
  return normaliseDocketNumber(raw);
}

/** juriscraper's case_name: the two titles joined by " v. ", or the petitioner's alone ("In Re Grand Jury"). */
function caseNameOf(record: JsonRecord): string {
  const petitioner = stringField(record, 'PetitionerTitle');
  const respondent = stringField(record, 'RespondentTitle');
  const name = (respondent ? `${petitioner} v. ${respondent}` : petitioner).trim();
  if (!name) throw malformed('no PetitionerTitle');
  return name;
}

/**
 * Markup in entry texts is parsed, so it gets the same limits as a docket page, counted across the
 * whole docket: thousands of entries each just under a per-entry limit would be as slow as one page.
 */
class MarkupBudget {
  private remaining = HTML_LIMITS.maxElements;

  spend(html: string, entryIndex: number): void {
    const scan = scanHtml(html, { maxDepth: HTML_LIMITS.maxDepth, maxElements: this.remaining });
    if (scan.exceeded) {
      throw malformed(`proceeding ${entryIndex + 1}: too much markup (${scan.exceeded})`, { entryIndex });
    }
    this.remaining -= scan.elements;
  }
}

/** Entry text may carry markup (an inline link to the opinion); we keep its text and that link. */
function readEntryText(html: string, entryIndex: number, budget: MarkupBudget): { description: string; inlineUrl: string | null } {
  if (!/[<&\r]/.test(html)) return { description: html, inlineUrl: null };
  budget.spend(html, entryIndex);
  const $ = loadHtml(html, null, false);
  $('script, style, noscript').remove();
  return { description: $.root().text(), inlineUrl: resolveDocumentUrl($('a[href]').first().attr('href')) };
}

function readLinks(value: unknown, entryIndex: number): EntryLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(`proceeding ${entryIndex + 1} has Links that are not a list`, { entryIndex });
  const links: EntryLink[] = [];
  for (const link of value) {
    if (!isRecord(link)) continue;
    const url = resolveDocumentUrl(stringField(link, 'DocumentUrl'));
    if (url) links.push({ description: stringField(link, 'Description').trim(), url });
  }
  return links;
}

/** juriscraper numbers an entry by the filing id in its first link's URL only. */
function firstLinkFilingId(value: unknown): string | null {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return isRecord(first) ? docketPdfFilingId(stringField(first, 'DocumentUrl')) : null;
}

function readEntry(row: unknown, entryIndex: number, budget: MarkupBudget): ParsedEntry {
  if (!isRecord(row)) throw malformed(`proceeding ${entryIndex + 1} is not an object`, { entryIndex });
  const { description, inlineUrl } = readEntryText(stringField(row, 'Text'), entryIndex, budget);
  return buildEntry({
    filedAt: entryDate(stringField(row, 'Date'), entryIndex),
    entryNumber: firstLinkFilingId(row['Links']),
    description,
    links: readLinks(row['Links'], entryIndex),
    inlineUrl,
  });
}

/** A docket with no proceedings yet is valid; a docket whose proceedings key is missing is not. */
function readEntries(record: JsonRecord): ParsedEntry[] {
  if (!('ProceedingsandOrder' in record)) throw malformed('no ProceedingsandOrder');
  const rows = record['ProceedingsandOrder'];
  if (rows === null) return [];
  if (!Array.isArray(rows)) throw malformed('ProceedingsandOrder is not a list');
  const budget = new MarkupBudget();
  return rows.map((row, index) => readEntry(row, index, budget));
}

/** Parses a supremecourt.gov docket JSON document. Throws ParseError for anything that is not one. */
export function parseScotusDocketJson(json: string): ParsedDocument {
  assertParseableText(json, WHAT);
  const first = firstSignificantChar(json);
  if (first !== '{' && first !== '[') throw notJson(json);
  const record = docketRecord(parseJsonText(json.trimStart()));
  return buildDocument({
    docketNumber: docketNumberOf(record),
    caseName: caseNameOf(record),
    lowerCourtCases: splitLowerCourtCases(stringField(record, 'LowerCourtCaseNumbers')),
    entries: readEntries(record),
  });
}
