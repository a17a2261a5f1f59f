/**
 * The `docketwatch parse` contract: what every parser returns, whatever the source.
 * Keep it stable: the CLI prints it as JSON and later parsers join it.
 */
export interface ParsedAttachment {
  attachmentNumber: number | null;
  description: string;
  documentUrl: string | null;
  pacerDocId: string | null;
}

export interface ParsedEntry {
  /** The court's own entry or document number ("95", "24A949 No. 3"), null when the source gives none. */
  entryNumber: string | null;
  /** ISO 8601 with offset when the source gives a time, a plain YYYY-MM-DD date otherwise. */
  filedAt: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
  pacerDocId: string | null;
  attachments: ParsedAttachment[];
}

export interface ParsedDocket {
  /** Court id as CourtListener and juriscraper use it: "mdd", "ca4", "scotus". */
  court: string;
  /** Canonical docket number (see normaliseDocketNumber). */
  docketNumber: string;
  caseName: string;
  pacerCaseId: string | null;
  /** Lower-court case numbers a docket names (Supreme Court dockets), as written. */
  lowerCourtCases?: string[];
  entries: ParsedEntry[];
}

export type DocumentFormat = 'pacer-rss' | 'scotus-docket';

export interface ParsedDocument {
  format: DocumentFormat;
  dockets: ParsedDocket[];
}
