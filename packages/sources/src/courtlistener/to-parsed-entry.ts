/**
 * A CourtListener docket entry in the parse contract (packages/core parsed-document.ts).
 */
import { courtTimeZoneOr, ParseError, parseUsDate, zonedIsoDateTime } from '@docketwatch/core';
import type { ParsedAttachment, ParsedEntry } from '@docketwatch/core';
import { localDate } from './court-timezones';
import { PACER_DOCUMENT, type CourtListenerDocument, type CourtListenerEntry } from './read-entry';

/**
 * "To download a resource, create a full URL by concatenating the path from the API response with
 * https://storage.courtlistener.com/" (cl/api/templates/field-help.html#downloads). The API sends
 * paths, not URLs: REST_FRAMEWORK["UPLOADED_FILES_USE_URL"] is False (cl/settings/third_party/rest_framework.py).
 */
export const STORAGE_BASE = 'https://storage.courtlistener.com/';
/** absolute_url is a site path ("/docket/$id/$doc_num/$slug/", field-help.html#absolute-url). */
export const SITE_BASE = 'https://www.courtlistener.com/';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** base + path, but only if the result stays on base's host: a path like "//evil.example/x" must not escape. */
function urlOn(base: string, path: string): string | null {
  if (!path) return null;
  const host = new URL(base).host;
  try {
    const url = /^https:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), base);
    return url.protocol === 'https:' && url.host === host ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The file when CourtListener holds it (is_available and a storage path; RECAPDocument.has_valid_pdf),
 * else the document's page on CourtListener. A sealed document's file is never linked, even if a
 * path lingers: its page says it is sealed.
 */
export function documentUrlOf(doc: CourtListenerDocument): string | null {
  if (doc.isAvailable === true && doc.isSealed !== true) {
    const file = urlOn(STORAGE_BASE, doc.filepathLocal);
    if (file) return file;
  }
  return urlOn(SITE_BASE, doc.absoluteUrl);
}

/**
 * The entry's own document: the first with document_type 1, preferring one without an attachment
 * number whose number is the entry's. Entries without documents (minute entries) have none.
 */
function mainDocumentOf(entry: CourtListenerEntry): CourtListenerDocument | null {
  const mains = entry.documents.filter((doc) => doc.documentType === PACER_DOCUMENT);
  const own = mains.find(
    (doc) => doc.attachmentNumber === null && entry.entryNumber !== null && Number(doc.documentNumber) === entry.entryNumber,
  );
  return own ?? mains.find((doc) => doc.attachmentNumber === null) ?? mains[0] ?? null;
}

const sameNumber = (digits: string, n: number): boolean => /^\d{1,15}$/.test(digits) && Number(digits) === n;

/**
 * entry_number is a BigIntegerField: "Some appellate courts do not provide this number, in which
 * case we use the internal PACER document ID" (pacer-api-docs-vlatest.html), which then loses its
 * leading zeros (00409219066 -> 409219066). The CM/ECF feeds give "00409219066", and the entry's
 * identity is its number, so the zero-padded form is restored from the document when they agree.
 */
function entryNumberOf(entry: CourtListenerEntry, main: CourtListenerDocument | null): string | null {
  if (entry.entryNumber === null) return main?.documentNumber || null;
  for (const candidate of [main?.documentNumber, main?.pacerDocId]) {
    if (candidate && sameNumber(candidate, entry.entryNumber)) return candidate;
  }
  return String(entry.entryNumber);
}

/**
 * ISO 8601 with the court's offset when CourtListener has a time, else the plain day. An entry
 * with no date_filed (rare; CourtListener allows it) falls back to the day CourtListener stored
 * it, in the court's zone: the closest day we have, and never earlier than the filing.
 */
function filedAtOf(entry: CourtListenerEntry, zone: string, what: string, index: number): string {
  if (entry.dateFiled && parseUsDate(entry.dateFiled)) {
    return entry.timeFiled ? zonedIsoDateTime(entry.dateFiled, entry.timeFiled, zone) : entry.dateFiled;
  }
  const created = entry.dateCreated ? Date.parse(entry.dateCreated) : Number.NaN;
  const createdDay = Number.isNaN(created) ? null : localDate(created, zone);
  // Intl writes the year as a number: "10000-01-01", "1-12-31" (1 BC) are no YYYY-MM-DD.
  if (createdDay && /^\d{4}-\d{2}-\d{2}$/.test(createdDay)) return createdDay;
  throw new ParseError('PARSE_MALFORMED', `${what}: entry has no usable date_filed or date_created`, {
    entry: index,
    id: entry.id,
    dateFiled: entry.dateFiled,
  });
}

function attachmentOf(doc: CourtListenerDocument): ParsedAttachment {
  return {
    attachmentNumber: doc.attachmentNumber,
    description: collapse(doc.description),
    documentUrl: documentUrlOf(doc),
    pacerDocId: doc.pacerDocId || null,
  };
}

const byAttachmentNumber = (a: CourtListenerDocument, b: CourtListenerDocument): number =>
  (a.attachmentNumber ?? Number.MAX_SAFE_INTEGER) - (b.attachmentNumber ?? Number.MAX_SAFE_INTEGER);

export function toParsedEntry(entry: CourtListenerEntry, court: string, what: string, index: number): ParsedEntry {
  const main = mainDocumentOf(entry);
  return {
    entryNumber: entryNumberOf(entry, main),
    filedAt: filedAtOf(entry, courtTimeZoneOr(court), what, index),
    shortDescription: collapse(entry.shortDescription || main?.description || ''),
    description: collapse(entry.description),
    documentUrl: main ? documentUrlOf(main) : null,
    pacerDocId: main?.pacerDocId || null,
    attachments: entry.documents
      .filter((doc) => doc !== main)
      .sort(byAttachmentNumber)
      .map(attachmentOf),
  };
}
