/**
 * Reads the fields of a Notice of Electronic Filing from its body lines (see body-lines.ts), the
 * same way for HTML and plain-text notices. Nothing is cleaned up here beyond whitespace: this is
 * what the notice says, field by field.
 *
 * An NEF is a run of labelled fields. One notice can cover several cases (an MDL filing docketed
 * in each member case, an adversary proceeding and its bankruptcy case): each "Case Name:" starts
 * a case, and a "Docket Text:" belongs to every case since the previous one (district courts
 * repeat the text per case, bankruptcy courts give it once after all of them).
 *
 *   Case Name: Stapler v. Automatic Food Service, Inc.
 *   Case Number: 3:21-cv-00437-ECM-SRW            (linked to DktRpt.pl?75736)
 *   Filer: Automatic Food Service, Inc.
 *   Document Number: 9                             (linked to the free-look doc1 URL)
 *   Docket Text:
 *   NOTICE by Automatic Food Service, Inc. re [7] MOTION …
 *   3:21-cv-00437-ECM-SRW Notice has been electronically mailed to: …
 *   The following document(s) are associated with this transaction:
 *   Document description:Main Document
 *   Electronic document Stamp: [STAMP … [FileNumber=3341942-0] …]
 */
import type { BodyLine } from './body-lines';

export interface NoticeField {
  /** The field's text, its lines joined by spaces. */
  text: string;
  hrefs: string[];
}

export interface NoticeCase {
  caseName: NoticeField | null;
  caseNumber: NoticeField | null;
  documentNumber: NoticeField | null;
  docketText: string | null;
}

export interface NoticeDocument {
  description: string;
  /** The n of "[FileNumber=3341942-n]": 0 for the main document, the attachment number otherwise. */
  fileNumber: string | null;
  part: number | null;
}

export interface RawNotice {
  /** The "The following transaction was entered … and filed on …" sentence, or null. */
  transaction: string | null;
  cases: NoticeCase[];
  documents: NoticeDocument[];
}

type Label = 'caseName' | 'caseNumber' | 'filer' | 'documentNumber' | 'docketText' | 'warning';

const LABELS: ReadonlyArray<readonly [string, Label]> = [
  ['case name:', 'caseName'],
  ['case number:', 'caseNumber'],
  ['filer:', 'filer'],
  ['document number:', 'documentNumber'],
  ['docket text:', 'docketText'],
  // "WARNING: CASE CLOSED on 09/25/2024" sits between fields; it belongs to none of them.
  ['warning:', 'warning'],
];

function labelOf(line: string): { label: Label; rest: string } | null {
  const lower = line.slice(0, 20).toLowerCase();
  for (const [prefix, label] of LABELS) {
    if (lower.startsWith(prefix)) return { label, rest: line.slice(prefix.length).trim() };
  }
  return null;
}

const TRANSACTION_START = /^The following transaction was\b/i;
const DOCUMENTS_START = /^The following document\(s\) are associated with this transaction/i;
const DOCUMENT_DESCRIPTION = /^Document description:\s*/i;
const DOCUMENT_RECORD_FIELD = /^(?:Original filename:|Electronic document Stamp:|\[STAMP\b)/i;

/**
 * Where the docket text stops: the service lists that follow it, in the wordings courts use
 * ("… Notice has been electronically mailed to:", "… Notice will not be electronically mailed to:",
 * "… Notice has NOT been electronically mailed to:", "… Filer will deliver document by other means to:",
 * "… The CM/ECF system has NOT delivered notice electronically to …"). Alternation of literals only.
 */
const SERVICE_LIST =
  /\bnotice (?:has|will|has not|will not) (?:not )?be(?:en)? (?:electronically mailed|delivered)|\bwill deliver document by other means\b|\bhas not delivered notice\b/i;

/**
 * Cases one notice may name. An MDL filing is docketed in every member case, so a few hundred is
 * real; past this it is not a notice, and it would only cost us work.
 */
export const MAX_CASES = 2000;

export class TooManyCases extends Error {
  constructor() {
    super(`more than ${MAX_CASES} cases`);
    this.name = 'TooManyCases';
  }
}

/** Lines of one field kept at most; a real field has a handful, a docket text a few dozen. */
const MAX_FIELD_LINES = 400;
/** Links of one field kept at most; a real field has one or two. */
const MAX_FIELD_HREFS = 50;
/** Characters of a document record read for its stamp. */
const MAX_RECORD_CHARS = 2000;

const FILE_NUMBER = /FileNumber=(\d{1,12})-(\d{1,4})/;

interface OpenField {
  label: Label;
  lines: string[];
  hrefs: string[];
}

/** Punctuation that never follows a space: a line starting with it continues the previous one. */
const CONTINUES_LINE = /^[,.;:)\]]/;

/**
 * Joins a field's lines with spaces, except before a line that starts with punctuation: CM/ECF
 * docket text sometimes closes a paragraph mid-sentence ("…/zoom/.</p>, Set/Reset Deadlines").
 */
export function joinLines(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    if (line === '') continue;
    text += text === '' || CONTINUES_LINE.test(line) ? line : ` ${line}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function closeField(field: OpenField): NoticeField {
  return { text: joinLines(field.lines), hrefs: field.hrefs };
}

function readDocuments(lines: BodyLine[]): NoticeDocument[] {
  const documents: NoticeDocument[] = [];
  let current: { description: string[]; record: string[]; inDescription: boolean } | null = null;
  const finish = (): void => {
    if (!current) return;
    // The stamp wraps anywhere, even inside "[FileNumber=8870023-0]": read it with the breaks removed.
    const record = current.record.join('').replace(/\s+/g, '').slice(0, MAX_RECORD_CHARS);
    const fileNumber = FILE_NUMBER.exec(record);
    documents.push({
      description: current.description.join(' ').replace(/\s+/g, ' ').trim(),
      fileNumber: fileNumber ? fileNumber[1]! : null,
      part: fileNumber ? Number(fileNumber[2]) : null,
    });
    current = null;
  };
  for (const { text } of lines) {
    if (DOCUMENT_DESCRIPTION.test(text)) {
      finish();
      current = { description: [text.replace(DOCUMENT_DESCRIPTION, '')], record: [], inDescription: true };
      continue;
    }
    if (!current) continue;
    if (DOCUMENT_RECORD_FIELD.test(text)) current.inDescription = false;
    if (current.inDescription && current.description.length < 5) current.description.push(text);
    else if (current.record.length < 50) current.record.push(text);
  }
  finish();
  return documents;
}

/** Reads an NEF's fields from its body lines. Missing fields are null; throws only TooManyCases. */
export function readNotice(lines: BodyLine[]): RawNotice {
  const cases: NoticeCase[] = [];
  let transactionLines: string[] | null = null;
  let field: OpenField | null = null;
  let documentsFrom = -1;

  /** The first case still without docket text: cases get theirs in order, so one index tracks them all. */
  let firstWithoutText = 0;
  const current = (): NoticeCase | undefined => cases[cases.length - 1];
  const close = (): void => {
    if (!field) return;
    const done = closeField(field);
    if (field.label === 'docketText') {
      // One docket text serves every case still without one (bankruptcy notices list the cases first).
      for (; firstWithoutText < cases.length; firstWithoutText++) cases[firstWithoutText]!.docketText = done.text;
    } else {
      const notice = current();
      if (notice && field.label === 'caseNumber') notice.caseNumber = done;
      if (notice && field.label === 'documentNumber') notice.documentNumber = done;
      if (notice && field.label === 'caseName') notice.caseName = done;
    }
    field = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (DOCUMENTS_START.test(line.text)) {
      close();
      documentsFrom = i + 1;
      break;
    }
    const labelled = labelOf(line.text);
    if (labelled) {
      close();
      if (labelled.label === 'caseName') {
        if (cases.length >= MAX_CASES) throw new TooManyCases();
        cases.push({ caseName: null, caseNumber: null, documentNumber: null, docketText: null });
      }
      field = { label: labelled.label, lines: [labelled.rest], hrefs: line.hrefs.slice(0, MAX_FIELD_HREFS) };
      continue;
    }
    if (cases.length === 0 && !field) {
      if (TRANSACTION_START.test(line.text)) transactionLines = [line.text];
      else if (transactionLines && transactionLines.length < 4) transactionLines.push(line.text);
      continue;
    }
    if (!field) continue;
    if (field.label === 'docketText' && SERVICE_LIST.test(line.text)) {
      close();
      continue;
    }
    if (field.lines.length < MAX_FIELD_LINES) {
      field.lines.push(line.text);
      // A loop, not push(...hrefs): a hostile line can carry more links than a call takes arguments.
      for (const href of line.hrefs) if (field.hrefs.length < MAX_FIELD_HREFS) field.hrefs.push(href);
    }
  }
  close();

  return {
    transaction: transactionLines ? transactionLines.join(' ').replace(/\s+/g, ' ').trim() : null,
    cases,
    documents: documentsFrom === -1 ? [] : readDocuments(lines.slice(documentsFrom)),
  };
}
