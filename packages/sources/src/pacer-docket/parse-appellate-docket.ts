/**
 * CM/ECF appellate docket reports (the courts of appeals' "General Docket" page from the
 * TransportRoom servlet, as a PACER user saves it). Field rules follow juriscraper's
 * AppellateDocketReport (juriscraper/pacer/appellate_docket.py) so what we extract matches CourtListener.
 *
 * Page shape: a "Case Stub" table ("Court of Appeals Docket #: 17-15589", the caption in the one
 * cell without bold text), then, after the comment "NEW SECTION - DOCKET ENTRIES", a table (or a
 * form wrapping it, when documents can be selected) with one row per entry: date, document number
 * linking docs1/<id>, docket text.
 */
import { loadHtml } from '../html-load';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Comment, Element, Text } from 'domhandler';
import { ParseError, normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { cleanString, harmonize } from '../case-name';
import { isDoc1Url, isDocs1Url, pacerDocIdFromUrl } from '../pacer-rss/pacer-ids';
import {
  absoluteUrl,
  DISTRICT_DOCKET_MARK,
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
import { isText } from 'domhandler';
import { cellText, cleanCourtText, closest, descendants, findFirst, firstDescendant, rowCells } from './html-text';
import { isElement, walkHtml } from '../html-text';

const WHAT = 'CM/ECF appellate docket report';
const OTHER_KIND = { mark: DISTRICT_DOCKET_MARK, name: 'a district docket report' };

const DOCKET_LABEL = 'Docket #';
const APPELLATE_NUMBER = /\d\d-\d+/;
const ENTRIES_SECTION = 'NEW SECTION - DOCKET ENTRIES';

const COMMENT_NODE = 8;

function isComment(node: AnyNode): node is Comment {
  return node.nodeType === COMMENT_NODE;
}

// ---------------------------------------------------------------- case identity

/** The stub's cells are read this far at most (see textContent). */
const MAX_STUB_CELL_CHARS = 1000;
/** The caption is among the stub's first few cells; a hostile page is not searched further. */
const MAX_STUB_CELLS = 50;

/** The case-stub cell "Court of Appeals Docket #: 17-15589" (the number may sit in a link). */
function docketCellOf(root: AnyNode): Element | null {
  const label = findFirst(root, (node): node is Text => isText(node) && node.data.includes(DOCKET_LABEL));
  const cell = label ? closest(label, 'td') : null;
  const text = cell ? cellText(cell, MAX_STUB_CELL_CHARS) : '';
  return cell && APPELLATE_NUMBER.test(text.slice(text.indexOf(DOCKET_LABEL))) ? cell : null;
}

function docketNumberOf(cell: Element): string {
  const text = cellText(cell, MAX_STUB_CELL_CHARS);
  const match = APPELLATE_NUMBER.exec(text.slice(text.indexOf(DOCKET_LABEL)))!;
  return normaliseDocketNumber(match[0]);
}

/** The caption is the case stub's first cell without bold text; cleaned as juriscraper's clean_string(harmonize(...)). */
function caseNameOf(docketCell: Element): string {
  const stub = closest(docketCell, 'table');
  const cells = stub ? descendants(stub, 'td').slice(0, MAX_STUB_CELLS) : [];
  const caption = cells.find((td) => firstDescendant(td, 'b') === null);
  const name = caption ? cleanString(harmonize(cellText(caption, MAX_STUB_CELL_CHARS))) : '';
  if (!name) throw new ParseError('PARSE_MALFORMED', `${WHAT}: no case caption`);
  return name;
}

// ---------------------------------------------------------------- entries

/** The table (or the form wrapping it) after the "DOCKET ENTRIES" comment, or null when the page has none. */
function entriesContainerOf(root: AnyNode): Element | null {
  const section = findFirst(root, (node): node is Comment => isComment(node) && node.data.includes(ENTRIES_SECTION));
  for (let node = section?.nextSibling ?? null; node; node = node.nextSibling) {
    if (isElement(node) && (node.name === 'table' || node.name === 'form')) return node;
  }
  return null;
}

/** The first text in the number cell that is all digits, skipping the "2 pg, 197.66 KB" size note in <font>. */
function documentNumberOf(cell: Element): string | null {
  let number: string | null = null;
  walkHtml(cell, (node) => {
    if (number !== null) return false;
    if (isElement(node)) return node.name !== 'font';
    if (isText(node)) {
      const text = cleanString(node.data);
      if (/^\d+$/.test(text)) number = text;
    }
    return true;
  });
  return number;
}

/** The PACER document id of an appellate document link: docs1/<id>, or ShowDoc's dls_id parameter. */
function pacerDocIdOf(href: string): string | null {
  if (isDocs1Url(href) || isDoc1Url(href)) return pacerDocIdFromUrl(href);
  return /[?&]dls_id=(\d+)/i.exec(href)?.[1] ?? null;
}

/** Rows of three or more cells (date, number, text); rows wrapping the inner table have one. */
function entryRowsOf(container: Element): Element[] {
  const rows: Element[] = [];
  walkHtml(container, (node) => {
    if (!isElement(node) || node.name !== 'tr' || rowCells(node).length < 3) return true;
    // An entry row: its cells are read as a whole, and nothing inside it is another entry.
    rows.push(node);
    return false;
  });
  return rows;
}

/** As in juriscraper, the document id stands in for a missing document number, and entries with neither are kept. */
function readEntries(container: Element, base: string | null): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  for (const row of entryRowsOf(container)) {
    const cells = rowCells(row);
    const [dateCell, numberCell, textCell] = cells as [Element, Element, Element];
    const filedAt = entryDate(cellText(dateCell), entries.length, WHAT);
    const href = descendants(numberCell, 'a').find((a) => a.attribs['href'])?.attribs['href'];
    const pacerDocId = href ? pacerDocIdOf(href) : null;
    entries.push({
      entryNumber: documentNumberOf(numberCell) ?? pacerDocId,
      filedAt,
      shortDescription: '',
      description: cleanCourtText(cellText(textCell)),
      documentUrl: href ? absoluteUrl(href, base) : null,
      pacerDocId,
      attachments: [],
    });
  }
  return entries;
}

// ---------------------------------------------------------------- court and PACER case id

const CIRCUITS: Record<string, string> = {
  first: 'ca1',
  second: 'ca2',
  third: 'ca3',
  fourth: 'ca4',
  fifth: 'ca5',
  sixth: 'ca6',
  seventh: 'ca7',
  eighth: 'ca8',
  ninth: 'ca9',
  tenth: 'ca10',
  eleventh: 'ca11',
  'district of columbia': 'cadc',
  federal: 'cafc',
};

const COURT_HEADING =
  /United States Court of Appeals for (?:the )?(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|District of Columbia|Federal) Circuit/i;

/** The court the page's heading names ("General Docket / United States Court of Appeals for the Ninth Circuit"). */
function courtFromHeading($: CheerioAPI): string | null {
  for (const bold of $('b').toArray().slice(0, MAX_STUB_CELLS)) {
    const match = COURT_HEADING.exec(cellText(bold, MAX_STUB_CELL_CHARS));
    if (match) return CIRCUITS[match[1]!.toLowerCase()] ?? null;
  }
  return null;
}

function documentHrefs($: CheerioAPI): string[] {
  return $('a[href]')
    .toArray()
    .map((a) => a.attribs['href'] ?? '')
    .filter((href) => isDocs1Url(href) || isDoc1Url(href));
}

/**
 * Appellate CM/ECF's case id: document links carry it (doDocPostURL('<doc>','<case id>'), or
 * "?caseId=" on newer servers), and the page's forms hold it in a hidden caseId input.
 */
function pacerCaseIdOf($: CheerioAPI, container: Element | null): string | null {
  const ids: string[] = [];
  for (const anchor of container ? descendants(container, 'a') : []) {
    const post = /doDocPostURL\(\s*'[^']*'\s*,\s*'(\d+)'/.exec(anchor.attribs['onclick'] ?? '');
    const query = /[?&]caseId=(\d+)/i.exec(anchor.attribs['href'] ?? '');
    const id = post?.[1] ?? query?.[1];
    if (id) ids.push(id);
  }
  const fromLinks = mostCommon(ids);
  if (fromLinks) return fromLinks;
  const input = $('input[name="caseId"]')
    .toArray()
    .map((el) => el.attribs['value']?.trim() ?? '')
    .find((value) => /^\d+$/.test(value));
  return input ?? null;
}

/**
 * Parses a CM/ECF appellate docket report page.
 *
 * @throws ParseError PARSE_EMPTY, PARSE_UNRECOGNISED (not HTML, or not a CM/ECF page), PARSE_ERROR_PAGE
 *   (a PACER page that is not a docket), PARSE_TRUNCATED (the page ends inside or before the entries),
 *   PARSE_MALFORMED (no caption, an unreadable entry date, no entries section, no court, or absurd input).
 */
export function parseAppellateDocket(html: string, options: ParsePacerDocketOptions = {}): ParsedDocument {
  assertHtmlPage(html, WHAT);
  const $ = loadHtml(html, { sourceCodeLocationInfo: true });
  const root = $.root()[0]!;
  const docketCell = docketCellOf(root);
  if (!docketCell) throw notADocket($, html, WHAT, OTHER_KIND);

  const container = entriesContainerOf(root);
  if (!container || !hasEndTag(container)) {
    if (container || !pageEnded($)) throw new ParseError('PARSE_TRUNCATED', `${WHAT}: the page ends before the docket entries end`);
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: no docket entries section (save the report with docket entries included)`);
  }
  // The heading names the court; pages without one still link the court's own documents.
  const court = resolveCourt(courtFromHeading($) ?? courtFromDocumentLinks(documentHrefs($)), options, WHAT);
  return buildDocument({
    court,
    docketNumber: docketNumberOf(docketCell),
    caseName: caseNameOf(docketCell),
    pacerCaseId: pacerCaseIdOf($, container),
    entries: readEntries(container, reportBaseUrl(court, 'appellate')),
  });
}
