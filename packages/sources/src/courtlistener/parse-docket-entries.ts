/**
 * Parser for one page of CourtListener's docket-entry API:
 * GET /api/rest/v4/docket-entries/?docket=<id>&order_by=recap_sequence_number.
 * Pure: text in, entries and the link to the next page out, or a ParseError.
 *
 * Page shape: {"next": <URL or null>, "previous": …, "results": [docket entries]} (Django REST
 * Framework pagination). v4 pages by cursor when ordering by id/date_created/date_modified and by
 * page number otherwise, so ordering by recap_sequence_number gives "?page=2" links and a numeric
 * count, while cursor pages give a count *URL* (cl/api/pagination.py VersionBasedPagination; the
 * v4 migration guide, cl/api/templates/migration-guide.html). We only follow `next`, as both ask.
 */
import { clip, normaliseDocketNumber, ParseError } from '@docketwatch/core';
import type { ParsedDocument } from '@docketwatch/core';
import { MAX_CONTEXT_CHARS, readJsonObject } from './json-input';
import { compareRecapSequence } from './recap-sequence';
import { readEntry, type CourtListenerEntry } from './read-entry';
import { toParsedEntry } from './to-parsed-entry';

const WHAT = 'CourtListener docket entries';

export interface DocketEntriesContext {
  /** Our court id ("mdd"); also picks the time zone for entry times. */
  court: string;
  docketNumber: string;
  caseName?: string;
  pacerCaseId?: string | null;
  /** When given, every entry must belong to this CourtListener docket (guards against a wrong query). */
  courtListenerDocketId?: number;
  /** Drop entries at or before this RECAP sequence number (already seen on an earlier poll). */
  afterSequence?: string;
}

export interface DocketEntriesPage {
  /** One docket (format "courtlistener") holding the page's entries in API order. */
  document: ParsedDocument;
  /** Absolute URL of the next page; null on the last. */
  next: string | null;
  /** The highest RECAP sequence number on the page (before afterSequence filtering); null if none. */
  lastSequence: string | null;
}

/** A DRF error body ({"detail": "Invalid cursor"}) rather than a page. */
function rejectErrorBody(body: Record<string, unknown>): void {
  if (!('results' in body) && typeof body.detail === 'string') {
    throw new ParseError('PARSE_ERROR_PAGE', `${WHAT}: CourtListener answered "${clip(body.detail, 200)}"`);
  }
}

export function readNextLink(body: Record<string, unknown>, what: string): string | null {
  const next = body.next;
  if (next === undefined || next === null || next === '') return null;
  if (typeof next === 'string') {
    try {
      const url = new URL(next);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through
    }
  }
  throw new ParseError('PARSE_MALFORMED', `${what}: "next" is not a URL`, {
    next: typeof next === 'string' ? clip(next, MAX_CONTEXT_CHARS) : typeof next,
  });
}

/** Reads a page's entries without converting them; the client uses the sequence numbers. */
export function readDocketEntriesPage(json: string): { entries: CourtListenerEntry[]; next: string | null } {
  const body = readJsonObject(json, WHAT);
  rejectErrorBody(body);
  if (!Array.isArray(body.results)) throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: no "results" list`);
  const entries = body.results.map((raw, i) => readEntry(raw, WHAT, `results[${i}]`));
  return { entries, next: readNextLink(body, WHAT) };
}

export function maxSequence(entries: readonly CourtListenerEntry[]): string | null {
  let max: string | null = null;
  for (const { recapSequenceNumber: seq } of entries) {
    if (seq && (max === null || compareRecapSequence(seq, max) > 0)) max = seq;
  }
  return max;
}

export function isAfter(entry: CourtListenerEntry, afterSequence: string | undefined): boolean {
  if (!afterSequence) return true;
  return entry.recapSequenceNumber !== '' && compareRecapSequence(entry.recapSequenceNumber, afterSequence) > 0;
}

/**
 * Parses one page of docket entries for a docket we know (court and number come from the caller:
 * entries do not carry them). An empty page is a docket with no entries yet, not an error.
 *
 * @throws ParseError PARSE_EMPTY, PARSE_ERROR_PAGE (HTML, or a {"detail": …} error body),
 *   PARSE_TRUNCATED, PARSE_MALFORMED (bad JSON, a field of the wrong type, an entry of another
 *   docket, an undated entry), PARSE_UNRECOGNISED (JSON without a results list).
 */
export function parseDocketEntriesPage(json: string, context: DocketEntriesContext): DocketEntriesPage {
  const { entries, next } = readDocketEntriesPage(json);
  const expected = context.courtListenerDocketId;
  if (expected !== undefined) {
    const stray = entries.findIndex((entry) => entry.docketId !== null && entry.docketId !== expected);
    if (stray !== -1) {
      throw new ParseError('PARSE_MALFORMED', `${WHAT}: entry of another docket`, {
        entry: stray,
        expected,
        got: entries[stray]!.docketId,
      });
    }
  }
  const court = context.court.trim().toLowerCase();
  const parsed = entries.flatMap((entry, i) => (isAfter(entry, context.afterSequence) ? [toParsedEntry(entry, court, WHAT, i)] : []));
  return {
    document: {
      format: 'courtlistener',
      dockets: [
        {
          court,
          docketNumber: normaliseDocketNumber(context.docketNumber),
          caseName: context.caseName ?? '',
          pacerCaseId: context.pacerCaseId ?? null,
          entries: parsed,
        },
      ],
    },
    next,
    lastSequence: maxSequence(entries),
  };
}
