/**
 * CM/ECF district (and JPML, and bankruptcy-style) docket reports: the HTML page DktRpt.pl
 * returns, as a PACER user saves it. Field rules follow juriscraper's DocketReport
 * (juriscraper/pacer/docket_report.py) so that what we extract matches CourtListener.
 *
 * Page shape: an <h3> naming the case ("CIVIL DOCKET FOR CASE #: 1:20-cv-03010-APM"), a metadata
 * table holding the caption and "Date Filed:", party tables, then the entries table headed
 * "Date Filed | # | Docket Text" ("Date Entered" when sorted so). With "View multiple documents" on,
 * a checkbox column is added and each entry with attachments is followed by a row holding a table
 * of its documents. Bankruptcy courts add a column of their own.
 */
import { loadHtml } from '../html-load';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { isText } from 'domhandler';
import { ParseError, normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedAttachment, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { cleanString, harmonize } from '../case-name';
import { isDoc1Url, pacerDocIdFromUrl } from '../pacer-rss/pacer-ids';
import {
  absoluteUrl,
  APPELLATE_DOCKET_MARK,
  assertHtmlPage,
  buildDocument,
  courtFromDocumentLinks,
  entryDate,
  hasEndTag,
  mostCommon,
  notADocket,
  pageEnded,
  reportBaseUrl,
  resolveCourt,
} from './pacer-common';
import type { ParsePacerDocketOptions } from './pacer-common';
import { brSegments, cellText, cleanCourtText, closest, descendants, findFirst, firstDescendant, rowCells, tableRows } from './html-text';
import { isElement, walkHtml } from '../html-text';

const WHAT = 'CM/ECF docket report';
const OTHER_KIND = { mark: APPELLATE_DOCKET_MARK, name: 'an appellate docket report' };

/** What juriscraper (and so CourtListener) calls a case whose caption it cannot find. */
const UNKNOWN_CASE_TITLE = 'Unknown Case Title';

// juriscraper's docket-number patterns: district ("1:17-cr-00201", judge initials and defendant
// number left off), the JPML's "MDL No. 2168", and bankruptcy's "#: 18-00079".
const DISTRICT_NUMBER = /(?<!\d)(?:\d{1,2}:)?\d\d-[a-zA-Z]{1,4}-\d{1,10}/;
const MDL_NUMBER = /MDL No\.\s*\d+/;
const BANKRUPTCY_NUMBER = /#:\s+((?:\d-)?\d\d-\d+)/;

/** Shown instead of the entries table when a date or number range selects nothing: an empty docket, not an error. */
const NO_ENTRIES_SELECTED = /none satisfy the selection criteria/i;

/**
 * What CM/ECF says at DktRpt.pl instead of a report (from juriscraper's DocketReport.ERROR_STRINGS).
 * Only consulted for a page without an entries table: a real docket may quote any of these.
 */
const INTERSTITIAL_PAGES = [
  /The report may take a long time to run because this case has many docket entries/i,
  /The page ID does not exist/i,
  /There are no documents in this case/i,
  /Incomplete request\. Please try your query again/i,
  /To accept charges shown below, click on the .View Report. button/i,
  /Unable to create PDF file/i,
  /This case was administratively closed/i,
  /The start date must be less than or equal to the end date/i,
  /The starting document number must be less than or equal to the ending document number/i,
  /Case not found/i,
  /Server timeout waiting for the HTTP request/i,
  /This case is in the process of being opened/i,
  /Submission already made, please wait for response/i,
];

/** Where the entries are: the table, its header row and which column holds what. */
interface EntryTable {
  table: Element;
  /** Tables after it holding more entry rows without a header (CM/ECF splits long reports so). */
  continuations: Element[];
  header: Element;
  width: number;
  dateColumn: number;
  numberColumn: number | null;
  textColumn: number;
}

// ---------------------------------------------------------------- case identity

/** Headings and labels are read this far at most (see textContent). */
const MAX_HEADING_CHARS = 2000;

/** The docket number CM/ECF prints in the page heading (bankruptcy courts print it in a <font>). */
function docketNumberOf($: CheerioAPI): string | null {
  const headings = $('h3')
    .toArray()
    .map((h3) => cellText(h3, MAX_HEADING_CHARS));
  for (const pattern of [DISTRICT_NUMBER, MDL_NUMBER]) {
    for (const text of headings) {
      const match = pattern.exec(text);
      if (match) return normaliseDocketNumber(match[0]);
    }
  }
  for (const font of $('font').toArray()) {
    const match = BANKRUPTCY_NUMBER.exec(cellText(font, MAX_HEADING_CHARS));
    if (match) return normaliseDocketNumber(match[1]!);
  }
  return null;
}

const isDateFiledLabel = (node: AnyNode): node is Text => isText(node) && /Date [fF]iled:/.test(node.data);

/** True when `table` holds a <center>, not looking inside `known`, a table already searched. */
function holdsCenter(table: Element, known: Element | null): boolean {
  let found = false;
  walkHtml(table, (node) => {
    if (found || node === known) return false;
    if (isElement(node) && node.name === 'center') found = true;
    return !found;
  });
  return found;
}

/**
 * juriscraper's metadata values: every <td> of the outermost table without a <center> around the
 * first "Date Filed:" label, split at <br>s and cleaned. The caption is the first value.
 * Tables are tried from the label outward, each searching only what the one inside it did not,
 * so the whole climb reads each node once.
 */
function firstMetadataValue(root: AnyNode): string | null {
  const label = findFirst(root, isDateFiledLabel);
  let table: Element | null = null;
  for (
    let candidate = label ? closest(label, 'table') : null;
    candidate && !holdsCenter(candidate, table);
    candidate = closest(candidate, 'table')
  ) {
    table = candidate;
  }
  const first = brSegments(firstDescendant(table ?? undefined, 'td') ?? undefined)[0];
  return first === undefined ? null : cleanString(first);
}

/** The part of a caption line juriscraper keeps, by its patterns in their order (each read linearly). */
function captionIn(value: string): string | null {
  const caseTitle = /^Case\s+title:\s+/;
  if (/\bvs?\.?\s/.test(value)) return value.replace(caseTitle, '');
  if (/\bvs?\.?\s/i.test(value)) return value.replace(/^Case\s+title:\s+/i, '');
  const titled = /Case\s+title:\s+/i.exec(value);
  if (titled) return value.slice(titled.index + titled[0].length);
  const inRe = /\bIN\s+RE:\s+/i.exec(value);
  if (inRe) return value.slice(inRe.index);
  const matter = /\bIn\s+the\s+matter\s+/i.exec(value);
  if (matter) return value.slice(matter.index);
  return null;
}

/** "USA v. Santana-Esmeralda" -> "United States v. Santana-Esmeralda", as juriscraper's clean_string(harmonize(...)). */
function caseNameOf(root: AnyNode): string {
  const value = firstMetadataValue(root);
  const caption = value === null ? null : captionIn(value);
  return cleanString(harmonize(caption ?? UNKNOWN_CASE_TITLE)) || UNKNOWN_CASE_TITLE;
}

// ---------------------------------------------------------------- the entries table

/** Header cells hold a word or two; this is plenty. */
const MAX_HEADER_CELL_CHARS = 100;
/** Real pages have one "Docket Text" header row; a page with more than this many is not searched further. */
const MAX_HEADER_CANDIDATES = 100;
/** Nor are more than this many "Docket Text" labels looked at. */
const MAX_HEADER_LABELS = 1000;

const isDocketTextLabel = (node: AnyNode): node is Text => isText(node) && node.data.trim() === 'Docket Text';

function findEntryTable(root: AnyNode): EntryTable | null {
  // Each candidate header row is read once, however many "Docket Text" cells it has.
  const headers = new Set<Element>();
  let labels = 0;
  walkHtml(root, (node) => {
    if (isDocketTextLabel(node)) {
      labels++;
      const cell = closest(node, 'td') ?? closest(node, 'th');
      const header = cell ? closest(cell, 'tr') : null;
      if (header) headers.add(header);
    }
    return headers.size < MAX_HEADER_CANDIDATES && labels < MAX_HEADER_LABELS;
  });
  for (const header of headers) {
    const table = closest(header, 'table');
    if (!table) continue;
    const texts = rowCells(header).map((c) => cellText(c, MAX_HEADER_CELL_CHARS));
    // "Date Filed", "Date Entered" (when sorted by it), "Filing Date" (bankruptcy courts).
    const dateColumn = texts.findIndex((text) => /\bDate\b/i.test(text));
    const numberColumn = texts.indexOf('#');
    const textColumn = texts.indexOf('Docket Text');
    if (dateColumn === -1 || textColumn === -1) continue;
    const layout = { table, header, width: texts.length, dateColumn, numberColumn: numberColumn === -1 ? null : numberColumn, textColumn };
    return { ...layout, continuations: continuationTables(table, layout) };
  }
  return null;
}

/**
 * Later sibling tables that carry on the entries (juriscraper reads every table after the one
 * headed "Docket Text"): those whose first row is as wide as the header with a date where the
 * date goes. The "View Selected" table and the receipt are not.
 */
function continuationTables(table: Element, layout: Omit<EntryTable, 'continuations'>): Element[] {
  const tables: Element[] = [];
  for (let node = table.nextSibling; node; node = node.nextSibling) {
    if (!isElement(node) || node.name !== 'table') continue;
    const first = tableRows(node)[0];
    const cells = first ? rowCells(first) : [];
    const date = cells.length === layout.width ? cellText(cells[layout.dateColumn]) : '';
    if (/^\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(date)) tables.push(node);
  }
  return tables;
}

interface RowCells {
  date: Element;
  number: Element | null;
  text: Element;
}

/**
 * The cells of an entry row. Rows as wide as the header are read by the header; a row with a
 * different width (bankruptcy courts add an unlabelled column) is read the way juriscraper reads
 * every row: date first, number second, docket text last, an extra second column dropped.
 */
function rowCellsOf(row: Element, layout: EntryTable): RowCells | null {
  const cells = rowCells(row);
  if (cells.length === layout.width) {
    const date = cells[layout.dateColumn]!;
    const text = cells[layout.textColumn]!;
    return { date, text, number: layout.numberColumn === null ? null : cells[layout.numberColumn]! };
  }
  if (cells.length < 3) return null;
  const positional = cells.length === 4 ? [cells[0]!, cells[2]!, cells[3]!] : cells;
  return { date: positional[0]!, number: positional[1]!, text: positional[positional.length - 1]! };
}

/**
 * juriscraper's document number: the first word in the number cell ("13 (5 pgs)" is 13), or null.
 * Some courts print a word ("doc") there instead; juriscraper drops those entries, we keep them
 * without a number, since a word shared by many entries would make them look like one document.
 */
function documentNumberOf(cell: Element | null): string | null {
  if (!cell) return null;
  const words = brSegments(cell).flatMap((segment) => segment.split(/\s+/).filter(Boolean));
  const first = words[0] ?? null;
  return first !== null && /^\d+$/.test(first) ? first : null;
}

interface DocumentLink {
  href: string;
  pacerDocId: string | null;
}

/**
 * The entry's document: the link whose text is the document number (bankruptcy cells carry other
 * links too), or for an entry without a number, the cell's first doc1 link.
 */
function documentLinkOf(cell: Element | null, number: string | null): DocumentLink | null {
  if (!cell) return null;
  const anchors = descendants(cell, 'a').filter((a) => a.attribs['href']);
  const anchor = number === null ? anchors.find((a) => isDoc1Url(a.attribs['href']!)) : anchors.find((a) => cellText(a) === number);
  const href = anchor?.attribs['href'];
  if (!href) return null;
  return { href, pacerDocId: isDoc1Url(href) ? pacerDocIdFromUrl(href) : null };
}

// ---------------------------------------------------------------- attachments (View multiple documents)

/** "23513539-254755-2": the document's id without its court prefix, its size, its pages. */
function documentValueOf(row: Element): string | null {
  const input = descendants(row, 'input').find((i) => /^document_/.test(i.attribs['name'] ?? ''));
  return input?.attribs['value']?.split('-')[0] ?? null;
}

/**
 * The documents table CM/ECF prints under an entry: row 0 is the main document, then one row
 * per attachment (checkbox, number, description, pages, size). The table gives each document's id
 * without the court's prefix; the main document's full id (from its link) supplies the prefix.
 */
function attachmentsOf(documentsTable: Element, entry: ParsedEntry, descriptionLinks: Map<string, string>): ParsedAttachment[] {
  const rows = tableRows(documentsTable);
  const mainValue = rows.length > 0 ? documentValueOf(rows[0]!) : null;
  const prefix =
    entry.pacerDocId && mainValue && entry.pacerDocId.endsWith(mainValue) ? entry.pacerDocId.slice(0, -mainValue.length) : null;
  const attachments: ParsedAttachment[] = [];
  for (const row of rows) {
    const cells = rowCells(row);
    const number = Number(cellText(cells[1]));
    if (!Number.isInteger(number) || number < 1) continue;
    const value = documentValueOf(row);
    const pacerDocId = prefix !== null && value ? `${prefix}${value}` : null;
    attachments.push({
      attachmentNumber: number,
      description: cleanCourtText(cellText(cells[2])),
      documentUrl: pacerDocId ? (descriptionLinks.get(pacerDocId) ?? null) : null,
      pacerDocId,
    });
  }
  return attachments;
}

/** doc1 links in the docket text, by PACER document id: attachments are linked there as "# 1". */
function linksByDocId(cell: Element, base: string | null): Map<string, string> {
  const links = new Map<string, string>();
  for (const anchor of descendants(cell, 'a')) {
    const href = anchor.attribs['href'];
    const id = href && isDoc1Url(href) ? pacerDocIdFromUrl(href) : null;
    const url = absoluteUrl(href, base);
    if (id && url && !links.has(id)) links.set(id, url);
  }
  return links;
}

// ---------------------------------------------------------------- entries

interface EntryDraft {
  entry: ParsedEntry;
  links: Map<string, string>;
}

function readEntries(layout: EntryTable, base: string | null): ParsedEntry[] {
  const headed = tableRows(layout.table);
  const rows = [...headed.slice(headed.indexOf(layout.header) + 1), ...layout.continuations.flatMap(tableRows)];
  const drafts: EntryDraft[] = [];
  for (const row of rows) {
    const cells = rowCellsOf(row, layout);
    if (!cells) continue;
    const dateText = cellText(cells.date);
    if (!dateText) {
      // The documents table of the entry above, or (in old dockets) an undated row juriscraper skips too.
      const previous = drafts[drafts.length - 1];
      const documentsTable = firstDescendant(cells.text, 'table');
      if (previous && documentsTable) previous.entry.attachments = attachmentsOf(documentsTable, previous.entry, previous.links);
      continue;
    }
    const filedAt = entryDate(dateText, drafts.length, WHAT);
    const entryNumber = documentNumberOf(cells.number);
    const link = documentLinkOf(cells.number, entryNumber);
    drafts.push({
      links: linksByDocId(cells.text, base),
      entry: {
        entryNumber,
        filedAt,
        // Docket reports carry no separate event name; the docket text is the whole record.
        shortDescription: '',
        description: cleanCourtText(cellText(cells.text)),
        documentUrl: link ? absoluteUrl(link.href, base) : null,
        pacerDocId: link?.pacerDocId ?? null,
        attachments: [],
      },
    });
  }
  return drafts.map((draft) => draft.entry);
}

// ---------------------------------------------------------------- court and PACER case id

function documentHrefs($: CheerioAPI): string[] {
  return $('a[href]')
    .toArray()
    .map((a) => a.attribs['href'] ?? '')
    .filter(isDoc1Url);
}

/**
 * PACER's internal case id. Every document link calls goDLS('/doc1/…', '<case id>', …); a criminal
 * docket can link documents of a related case, so the id most links carry wins. Pages without
 * links may still carry it in the multiple-documents form (input name=caseid).
 */
function pacerCaseIdOf($: CheerioAPI, layout: EntryTable | null): string | null {
  const ids: string[] = [];
  const anchors = layout ? descendants(layout.table, 'a') : [];
  for (const anchor of anchors) {
    const match = /goDLS\(\s*'[^']*'\s*,\s*'(\d+)'/.exec(anchor.attribs['onclick'] ?? '');
    if (match) ids.push(match[1]!);
    else {
      const query = /[?&]caseid=(\d+)/i.exec(anchor.attribs['href'] ?? '');
      if (query) ids.push(query[1]!);
    }
  }
  const fromLinks = mostCommon(ids);
  if (fromLinks) return fromLinks;
  const input = $('input[name="caseid"]').first().attr('value')?.trim() ?? '';
  return /^\d+$/.test(input) ? input : null;
}

// ---------------------------------------------------------------- the page

/** The interstitial or error message a page carries instead of a report, or null. */
function interstitialMessage(html: string): string | null {
  for (const pattern of INTERSTITIAL_PAGES) {
    const match = pattern.exec(html);
    if (match) return match[0];
  }
  return null;
}

/**
 * Parses a CM/ECF district docket report page (also the JPML's, and the "fake" one-entry dockets
 * RECAP uploaders build from RSS items, which use the same table).
 *
 * @throws ParseError PARSE_EMPTY, PARSE_UNRECOGNISED (not HTML, or not a CM/ECF page), PARSE_ERROR_PAGE
 *   (a PACER page that is not a docket), PARSE_TRUNCATED (the entries table is cut off), PARSE_MALFORMED
 *   (an unreadable entry date, no entries table on a complete page, no court, or absurd input).
 */
export function parseDistrictDocket(html: string, options: ParsePacerDocketOptions = {}): ParsedDocument {
  assertHtmlPage(html, WHAT);
  const $ = loadHtml(html, { sourceCodeLocationInfo: true });
  const root = $.root()[0]!;
  const docketNumber = docketNumberOf($);
  const layout = findEntryTable(root);
  const interstitial = layout ? null : interstitialMessage(html);
  if (!docketNumber || interstitial) throw notADocket($, html, WHAT, OTHER_KIND, interstitial);

  if (layout && ![layout.table, ...layout.continuations].every(hasEndTag)) {
    throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the page ends inside the docket entries`);
  }
  if (!layout && !NO_ENTRIES_SELECTED.test(html)) {
    if (!pageEnded($)) throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the page ends before the docket entries`);
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: no docket entries table`);
  }
  const court = resolveCourt(courtFromDocumentLinks(documentHrefs($)), options, WHAT);
  const entries = layout ? readEntries(layout, reportBaseUrl(court, 'district')) : [];

  return buildDocument({
    court,
    docketNumber,
    caseName: caseNameOf(root),
    pacerCaseId: pacerCaseIdOf($, layout),
    entries,
  });
}
