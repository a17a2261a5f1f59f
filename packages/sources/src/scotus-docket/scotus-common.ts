/**
 * Pieces both supremecourt.gov docket parsers (JSON and HTML) share: limits, URLs,
 * entry assembly and input checks.
 */
import { ParseError, parseUsDate } from '@docketwatch/core';
import type { ParsedAttachment, ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';

export const SCOTUS_COURT_ID = 'scotus';
export const SCOTUS_BASE_URL = 'https://www.supremecourt.gov/';

/**
 * The largest docket we will parse. The biggest real dockets (hundreds of amicus briefs)
 * are well under 1 MiB; anything this size is not a docket, and parse time grows with it.
 */
export const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

/** supremecourt.gov files every document of one filing under DocketPDF/<term>/<docket>/<filing id>/. */
const DOCKET_PDF_FILING_ID = /DocketPDF\/\d+\/[^/]+\/(\d+)\//;
/** Longer than any real URL; keeps regex work on hostile "URLs" bounded. */
const MAX_URL_CHARS = 4096;

/** The first character that is not whitespace or a byte-order mark, or '' for blank text. */
export function firstSignificantChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\uFEFF' && ch.trim() !== '') return ch;
  }
  return '';
}

/** Rejects what no parser should try: non-strings, blank text, oversized text. */
export function assertParseableText(text: unknown, what: string): asserts text is string {
  if (typeof text !== 'string') {
    throw new ParseError('PARSE_UNRECOGNISED', `${what}: expected text, got ${typeof text}`);
  }
  if (firstSignificantChar(text) === '') {
    throw new ParseError('PARSE_EMPTY', `${what}: the document is empty`);
  }
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${what}: too large to be a docket`, {
      length: text.length,
      limit: MAX_DOCUMENT_CHARS,
    });
  }
}

/**
 * The filing id juriscraper reports as a SCOTUS entry's `document_number`,
 * taken from a DocketPDF link; null for any other URL.
 */
export function docketPdfFilingId(url: string | null): string | null {
  if (!url || url.length > MAX_URL_CHARS) return null;
  return DOCKET_PDF_FILING_ID.exec(url)?.[1] ?? null;
}

/**
 * An absolute http(s) URL for a link target. Absolute URLs are kept exactly as the court wrote
 * them (so they match juriscraper's); relative ones are resolved against supremecourt.gov.
 * Anything else (javascript:, mailto:, junk) is null: it is not a document.
 */
export function resolveDocumentUrl(href: string | null | undefined): string | null {
  const raw = href?.trim();
  if (!raw || raw.length > MAX_URL_CHARS) return null;
  if (/^https?:\/\//i.test(raw)) return raw;
  try {
    const url = new URL(raw, SCOTUS_BASE_URL);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link on a docket entry, before numbering. */
export interface EntryLink {
  description: string;
  url: string;
}

export function toAttachments(links: EntryLink[]): ParsedAttachment[] {
  return links.map((link, index) => ({
    attachmentNumber: index + 1,
    description: link.description,
    documentUrl: link.url,
    pacerDocId: null,
  }));
}

/**
 * The entry's main document: the link the court labels "Main Document", else the first link
 * (a petition's filing lists the petition or motion first), else a document the entry text
 * itself links to (opinions are linked inline, e.g. "delivered the opinion of the Court").
 */
export function mainDocumentUrl(links: EntryLink[], inlineUrl: string | null): string | null {
  const main = links.find((link) => link.description.toLowerCase() === 'main document');
  return main?.url ?? links[0]?.url ?? inlineUrl;
}

/** A proceeding's date as a plain YYYY-MM-DD; a date we cannot read makes the docket malformed. */
export function entryDate(raw: string, entryIndex: number): string {
  const date = parseUsDate(raw);
  if (!date) {
    throw new ParseError('PARSE_MALFORMED', `SCOTUS docket: proceeding ${entryIndex + 1} has no readable date`, {
      entryIndex,
      date: raw.slice(0, 100),
    });
  }
  return date;
}

export interface EntryParts {
  filedAt: string;
  entryNumber: string | null;
  description: string;
  links: EntryLink[];
  inlineUrl: string | null;
}

export function buildEntry(parts: EntryParts): ParsedEntry {
  return {
    entryNumber: parts.entryNumber,
    filedAt: parts.filedAt,
    // SCOTUS proceedings are one sentence or two; there is no shorter label to pull out.
    shortDescription: '',
    description: parts.description,
    documentUrl: mainDocumentUrl(parts.links, parts.inlineUrl),
    pacerDocId: null,
    attachments: toAttachments(parts.links),
  };
}

export function buildDocument(docket: Omit<ParsedDocket, 'court' | 'pacerCaseId'>): ParsedDocument {
  return {
    format: 'scotus-docket',
    dockets: [
      {
        court: SCOTUS_COURT_ID,
        docketNumber: docket.docketNumber,
        caseName: docket.caseName,
        pacerCaseId: null,
        lowerCourtCases: docket.lowerCourtCases ?? [],
        entries: docket.entries,
      },
    ],
  };
}
