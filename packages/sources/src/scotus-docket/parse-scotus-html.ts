/**
 * supremecourt.gov docket HTML pages, in the two layouts the court has used:
 *
 * - current (docket/docketfiles/html/public/24A949.html): table#docketinfo for the case, and
 *   #proceedings holding either one "card" (table.ProceedingItem) per proceeding, with document
 *   links in span.documentlinks, or (pages from about 2017) one table row per proceeding;
 * - legacy (docketfiles/02A1002.htm): bare tables, the case table holding a "Title:" cell and the
 *   proceedings table headed "~~~Date~~~". Its older variant puts labels in a second column.
 *
 * Either may arrive alone or wrapped in the site's search.aspx page. Mapping follows juriscraper's
 * SCOTUSDocketReportHTML / SCOTUSDocketReportHTM so our output matches its test fixtures.
 */
import { loadHtml } from '../html-load';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { ParseError, normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { hasClass, ownText, readCell, visibleText } from './dom-text';
import { collapseWhitespace, isElement } from '../html-text';
import { cleanString, harmonize } from '../case-name';
import { describeHtmlError } from './html-error-page';
import { htmlComplexityProblem } from './html-complexity';
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

type DocketParts = Pick<ParsedDocket, 'docketNumber' | 'caseName' | 'lowerCourtCases' | 'entries'>;
type Layout = { kind: 'current'; info: Cheerio<Element> } | { kind: 'legacy'; dateHeader: Element };
/** A table as rows of cells. */
type Grid = Element[][];

const WHAT = 'SCOTUS docket HTML';
const DOCKET_NUMBER = /No\.\s*([^\s<]+)/;

function malformed(message: string): ParseError {
  return new ParseError('PARSE_MALFORMED', `${WHAT}: ${message}`);
}

/** The first td (document order) whose own text passes `test`. */
function firstCellWhere($: CheerioAPI, test: (text: string) => boolean): Element | undefined {
  return $('td')
    .toArray()
    .find((td) => test(ownText(td)));
}

function docketNumberIn(texts: string[]): string {
  for (const text of texts) {
    const match = DOCKET_NUMBER.exec(text);
    if (match) return normaliseDocketNumber(match[1]!);
  }
  throw malformed('no docket number ("No. ...")');
}

function requireCaseName(name: string): string {
  if (!name) throw malformed('no case title');
  return name;
}

// ---------------------------------------------------------------- links and entries

/** Anchors as entry links: relative hrefs resolved, non-document targets (javascript:, mailto:) dropped. */
function linksFrom(anchors: Element[]): EntryLink[] {
  const links: EntryLink[] = [];
  for (const anchor of anchors) {
    const url = resolveDocumentUrl(anchor.attribs['href']);
    if (!url) continue;
    const label = visibleText(anchor) || collapseWhitespace(anchor.attribs['title'] ?? '');
    links.push({ description: label || 'Document', url });
  }
  return links;
}

/** juriscraper numbers an entry by the first DocketPDF filing id among its links. */
function firstFilingId(links: EntryLink[]): string | null {
  for (const link of links) {
    const id = docketPdfFilingId(link.url);
    if (id) return id;
  }
  return null;
}

function entryFrom(filedAt: string, description: string, links: EntryLink[], inlineUrl: string | null): ParsedEntry {
  return buildEntry({ filedAt, entryNumber: firstFilingId(links), description, links, inlineUrl });
}

function isCell(node: AnyNode): node is Element {
  return isElement(node) && (node.name === 'td' || node.name === 'th');
}

const TABLE_SECTIONS = new Set(['thead', 'tbody', 'tfoot']);

/** A table's own rows (not those of tables nested in it), as arrays of cells. */
function tableGrid(table: Element | undefined): Grid {
  const grid: Grid = [];
  const addRows = (parent: Element): void => {
    for (const child of parent.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') grid.push(child.children.filter(isCell));
      else if (TABLE_SECTIONS.has(child.name)) addRows(child);
    }
  };
  if (table?.name === 'table') addRows(table);
  return grid;
}

// ---------------------------------------------------------------- current layout (.html)

/** The value cell next to a docketinfo label such as "Case Numbers:" (labels are indented with NBSPs). */
function docketInfoValue(info: Cheerio<Element>, label: string): string {
  for (const row of info.find('tr').toArray()) {
    const cells = row.children.filter(isCell);
    if (visibleText(cells[0]) === label) return visibleText(cells[1]);
  }
  return '';
}

/** A proceeding card: date cell, then a text cell whose span.documentlinks holds the filing's documents. */
function cardEntry(row: Element, index: number): ParsedEntry {
  const cells = row.children.filter(isCell);
  const dateCell = cells.find((cell) => hasClass(cell, 'ProceedingDate'));
  const textCell = cells.find((cell) => !hasClass(cell, 'ProceedingDate'));
  const content = readCell(textCell, 'documentlinks');
  const inline = content.inlineLinks.map((a) => resolveDocumentUrl(a.attribs['href'])).find(Boolean) ?? null;
  return entryFrom(entryDate(visibleText(dateCell), index), content.text, linksFrom(content.containedLinks), inline);
}

/** Older current-layout pages: one row per proceeding, with header and separator rows; any link is a document. */
function tableRowEntries(proceedings: Cheerio<Element>): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  for (const row of proceedings.find('tr').toArray()) {
    const cells = row.children.filter(isCell);
    if (cells.length < 2 || cells.some((cell) => hasClass(cell, 'proceedingheader') || hasClass(cell, 'borderbttm'))) {
      continue;
    }
    const content = readCell(cells[1]);
    const links = linksFrom(content.inlineLinks);
    entries.push(entryFrom(entryDate(visibleText(cells[0]), entries.length), content.text, links, null));
  }
  return entries;
}

function currentEntries($: CheerioAPI): ParsedEntry[] {
  const proceedings = $('#proceedings').first();
  if (proceedings.length === 0) throw malformed('no "Proceedings and Orders" section');
  const cardRows = proceedings
    .find('.card table.ProceedingItem tr')
    .toArray()
    .filter((row) => row.children.some(isCell));
  if (cardRows.length === 0) return tableRowEntries(proceedings);
  return cardRows.map(cardEntry);
}

function readCurrentLayout($: CheerioAPI, info: Cheerio<Element>): DocketParts {
  const titles = info.find('span.DocketInfoTitle').slice(0, 3).toArray();
  return {
    docketNumber: docketNumberIn(titles.map(visibleText)),
    // juriscraper: clean_string(harmonize(title with whitespace collapsed)).
    caseName: requireCaseName(cleanString(harmonize(visibleText(info.find('span.title').get(0))))),
    lowerCourtCases: splitLowerCourtCases(docketInfoValue(info, 'Case Numbers:')),
    entries: currentEntries($),
  };
}

// ---------------------------------------------------------------- legacy layout (.htm)

function enclosingTable($: CheerioAPI, cell: Element): Element | undefined {
  const table = $(cell).closest('table').get(0);
  return table && isElement(table) ? table : undefined;
}

function isBlankRowPrefix(row: Element[], columns: number): boolean {
  return row.slice(0, columns).every((cell) => visibleText(cell) === '');
}

/**
 * The title's parts. Newer .htm pages nest a table (petitioner / "v." / respondent) beside "Title:";
 * older ones continue the title down the same column in rows whose label columns are blank.
 */
function legacyTitleParts($: CheerioAPI, grid: Grid, row: number, column: number): string[] {
  const valueCell = grid[row]?.[column + 1];
  if (!valueCell) return [];
  const nestedCells = $(valueCell).find('td').toArray();
  if (nestedCells.length > 0) return nestedCells.map(visibleText);
  const parts = [visibleText(valueCell)];
  for (let next = row + 1; next < grid.length && isBlankRowPrefix(grid[next]!, column + 1); next++) {
    const continuation = grid[next]![column + 1];
    if (continuation) parts.push(visibleText(continuation));
  }
  return parts;
}

/** Position of the first cell whose own text is `label`. */
function findLabel(grid: Grid, label: string): [number, number] | null {
  for (let row = 0; row < grid.length; row++) {
    const column = grid[row]!.findIndex((cell) => ownText(cell) === label);
    if (column !== -1) return [row, column];
  }
  return null;
}

function legacyCaseName($: CheerioAPI, caseGrid: Grid): string {
  const at = findLabel(caseGrid, 'Title:');
  const parts = at ? legacyTitleParts($, caseGrid, at[0], at[1]) : [];
  // juriscraper: harmonize(clean_string(" ".join(title parts))).
  return requireCaseName(harmonize(cleanString(parts.join(' '))));
}

/**
 * "Case Nos.:" labels the lower-court numbers on newer .htm pages; older ones print them unlabelled
 * under the lower court's name ("Lower Ct:" row, next row, next column).
 */
function legacyLowerCourtNumbers($: CheerioAPI, caseGrid: Grid): string {
  const label = firstCellWhere($, (text) => /^Case (?:Nos|Numbers)\.?:/.test(text));
  if (label) return visibleText($(label).next('td').get(0));
  const at = findLabel(caseGrid, 'Lower Ct:');
  const text = at ? visibleText(caseGrid[at[0] + 1]?.[at[1] + 1]) : '';
  return text.startsWith('(') ? text : '';
}

interface LegacyProceeding {
  date: string;
  cells: Element[];
}

/** Rows with a blank date continue the previous proceeding; rows of asterisks only separate them. */
function groupLegacyRows(rows: Grid): LegacyProceeding[] {
  const proceedings: LegacyProceeding[] = [];
  for (const [dateCell, textCell] of rows) {
    if (!dateCell || !textCell) continue;
    const date = visibleText(dateCell);
    if (date) proceedings.push({ date, cells: [] });
    const text = visibleText(textCell);
    if (text && !/^\*+$/.test(text)) proceedings[proceedings.length - 1]?.cells.push(textCell);
  }
  return proceedings;
}

function legacyEntries($: CheerioAPI, dateHeader: Element): ParsedEntry[] {
  const grid = tableGrid(enclosingTable($, dateHeader));
  const headerIndex = grid.findIndex((row) => row.includes(dateHeader));
  return groupLegacyRows(grid.slice(headerIndex + 1)).map((proceeding, index) => {
    const contents = proceeding.cells.map((cell) => readCell(cell));
    const description = contents.map((content) => content.text).join(' ');
    const links = linksFrom(contents.flatMap((content) => content.inlineLinks));
    return entryFrom(entryDate(proceeding.date, index), description, links, null);
  });
}

function readLegacyLayout($: CheerioAPI, dateHeader: Element): DocketParts {
  const titleCell = firstCellWhere($, (text) => text === 'Title:');
  if (!titleCell) throw malformed('no "Title:" in the case table');
  const caseGrid = tableGrid(enclosingTable($, titleCell));
  return {
    docketNumber: docketNumberIn(caseGrid.flat().slice(0, 3).map(visibleText)),
    caseName: legacyCaseName($, caseGrid),
    lowerCourtCases: splitLowerCourtCases(legacyLowerCourtNumbers($, caseGrid)),
    entries: legacyEntries($, dateHeader),
  };
}

// ---------------------------------------------------------------- layout detection

function detectLayout($: CheerioAPI): Layout | null {
  const info = $('table#docketinfo').first();
  if (info.length > 0) return { kind: 'current', info };
  const dateHeader = firstCellWhere($, (text) => text.includes('~~Date~~'));
  return dateHeader ? { kind: 'legacy', dateHeader } : null;
}

/**
 * A page cut short: the server always ends with </html> and prints the attorneys after the
 * proceedings, so a page lacking both stopped somewhere in the docket.
 */
function looksTruncated($: CheerioAPI, html: string, layout: Layout): boolean {
  if (/<\/html\s*>/i.test(html)) return false;
  if (layout.kind === 'current') return $('#Contacts').length === 0;
  return firstCellWhere($, (text) => text.includes('~~Name~~')) === undefined;
}

function notADocket($: CheerioAPI): ParseError {
  const errorPage = describeHtmlError($);
  if (errorPage) return new ParseError('PARSE_ERROR_PAGE', `${WHAT}: supremecourt.gov returned an error page`, { errorPage });
  return new ParseError('PARSE_UNRECOGNISED', `${WHAT}: not a supremecourt.gov docket page`);
}

/** Parses a supremecourt.gov docket page (.html or legacy .htm). Throws ParseError for anything that is not one. */
export function parseScotusDocketHtml(html: string): ParsedDocument {
  assertParseableText(html, WHAT);
  const first = firstSignificantChar(html);
  if (first !== '<') throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: ${first === '{' ? 'got JSON' : 'not HTML'}`);
  const complexity = htmlComplexityProblem(html);
  if (complexity) throw malformed(`too complex to be a docket page: ${complexity}`);
  const $ = loadHtml(html);
  const layout = detectLayout($);
  if (!layout) throw notADocket($);
  if (looksTruncated($, html, layout)) throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the page ends part-way through`);
  const docket = layout.kind === 'current' ? readCurrentLayout($, layout.info) : readLegacyLayout($, layout.dateHeader);
  return buildDocument(docket);
}
