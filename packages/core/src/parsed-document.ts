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

/**
 * A press release, statement or other published item (a press room, an RSS/Atom feed, a watched
 * page). Items are not docket entries: they attach to matters by what they say.
 */
export interface ParsedItem {
  /** Absolute URL of the item; its identity within its source. */
  url: string;
  title: string;
  /** ISO 8601 with offset when the source gives a time, a plain YYYY-MM-DD date otherwise; null when none. */
  publishedAt: string | null;
  /** A short plain-text summary or teaser ("" when none). */
  summary: string;
  /** Full plain text when the parser has it (an item's own page), else "". */
  text: string;
  /** Who published it, when the source says ("Office of Public Affairs", "ACLU"). */
  publisher: string | null;
  /** Media or document links of the item (an audio file of an oral argument, a PDF). */
  enclosures: { url: string; type: string | null }[];
}

/**
 * A case a search found (discovery): not yet followed, offered to the matters' discovery rules,
 * which may propose it on a matter or attach it.
 */
export interface ParsedCase {
  court: string;
  /** Canonical docket number (see normaliseDocketNumber). */
  docketNumber: string;
  caseName: string;
  pacerCaseId: string | null;
  /** CourtListener's docket id, when the case was found there. */
  courtListenerId: number | null;
  /** YYYY-MM-DD, when the source says. */
  filedOn: string | null;
  /** PACER's nature of suit as the source writes it ("463 Habeas Corpus - Alien Detainee"), "" when none. */
  natureOfSuit: string;
  /** The cause of action as PACER writes it ("28:2241 Petition for Writ of Habeas Corpus (federa"), "" when none. */
  cause: string;
  /** Other text that says what the case is: the search's snippets, the opening filing's docket text. */
  text: string;
  /** The case's page at its source, when it has one. */
  url: string | null;
}

export interface ParsedDocument {
  /** The id of the source kind whose parser made it ("pacer-rss"); the kinds are listed in @docketwatch/sources. */
  format: string;
  dockets: ParsedDocket[];
  /** Press items, feed items and page changes; absent for court documents. */
  items?: ParsedItem[];
  /** New cases a search found (discovery kinds); absent otherwise. */
  cases?: ParsedCase[];
}
