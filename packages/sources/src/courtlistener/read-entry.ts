/**
 * One CourtListener docket entry, read and checked. The REST API (GET /api/rest/v4/docket-entries/)
 * and the Docket Alert webhook send the same object: the webhook's results "are based on the
 * Docket Entry API ... except for the resource_uri and tags fields, which are omitted, and the
 * docket field is an ID instead of a URL" (cl/api/templates/webhooks-docs-vlatest.html). Field
 * names and meanings follow the models (cl/search/models.py: DocketEntry, RECAPDocument) and the
 * serializers (cl/search/api_serializers.py for the API, cl/corpus_importer/api_serializers.py
 * DocketEntrySerializer for webhooks). Unknown fields are ignored so additions never break us.
 */
import { ParseError } from '@docketwatch/core';
import {
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalMatching,
  optionalText,
  requireObject,
  type JsonObject,
  type Path,
} from './json-input';

/** RECAPDocument.document_type: 1 is the entry's own document, 2 an attachment. */
export const PACER_DOCUMENT = 1;
export const ATTACHMENT = 2;

export interface CourtListenerDocument {
  documentType: number | null;
  /** "" for unnumbered (minute) entries. */
  documentNumber: string;
  attachmentNumber: number | null;
  /** "" when unknown: CourtListener stores blanks, not nulls. */
  pacerDocId: string;
  /** The short description from the attachment page. */
  description: string;
  /** True when CourtListener holds the file. */
  isAvailable: boolean | null;
  isSealed: boolean | null;
  /** Storage path of the file ("recap/gov.uscourts.….pdf"), "" when there is none. */
  filepathLocal: string;
  /** Site path of the document's page ("/docket/…/1/…/"), "" for numberless documents. */
  absoluteUrl: string;
}

export interface CourtListenerEntry {
  id: number | null;
  /** The CourtListener docket id, from `docket` (an id in webhooks, a URL in the API). */
  docketId: number | null;
  entryNumber: number | null;
  /** YYYY-MM-DD in the court's time zone. */
  dateFiled: string | null;
  /** HH:MM:SS[.ffffff] in the court's time zone; null when the source had no time. */
  timeFiled: string | null;
  /** When CourtListener stored the entry (ISO 8601 with offset). */
  dateCreated: string | null;
  /** When CourtListener last changed the entry (ISO 8601 with offset): where a crawl resumes. */
  dateModified: string | null;
  /** "2025-04-10.001"; "" when CourtListener has none. */
  recapSequenceNumber: string;
  /** Not a DocketEntry field today; read in case the API adds one, else the main document's. */
  shortDescription: string;
  description: string;
  documents: CourtListenerDocument[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A time of day: "99:99" has the shape but would become an impossible filedAt. */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
/** The docket's API URL: ".../api/rest/v4/dockets/4214664/". */
const DOCKET_URL = /\/dockets\/(\d{1,15})\/?(?:[?#].*)?$/;

function readDocument(value: unknown, what: string, path: Path): CourtListenerDocument {
  const doc = requireObject(value, what, path);
  return {
    documentType: optionalInteger(doc, 'document_type', what, path),
    documentNumber: optionalText(doc, 'document_number', what, path).trim(),
    attachmentNumber: optionalInteger(doc, 'attachment_number', what, path),
    pacerDocId: optionalText(doc, 'pacer_doc_id', what, path).trim(),
    description: optionalText(doc, 'description', what, path),
    isAvailable: optionalBoolean(doc, 'is_available', what, path),
    isSealed: optionalBoolean(doc, 'is_sealed', what, path),
    filepathLocal: optionalText(doc, 'filepath_local', what, path).trim(),
    absoluteUrl: optionalText(doc, 'absolute_url', what, path).trim(),
  };
}

/** The docket an entry belongs to: an id (webhooks) or the docket's API URL (REST). */
function docketIdOf(entry: JsonObject, what: string, path: Path): number | null {
  const value = entry.docket;
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    if (/^\d{1,15}$/.test(value)) return Number(value);
    const m = DOCKET_URL.exec(value);
    if (m) return Number(m[1]);
  }
  throw new ParseError('PARSE_MALFORMED', `${what}: ${path}.docket should be a docket id or URL`, { field: `${path}.docket` });
}

export function readEntry(value: unknown, what: string, path: Path): CourtListenerEntry {
  const entry = requireObject(value, what, path);
  return {
    id: optionalInteger(entry, 'id', what, path),
    docketId: docketIdOf(entry, what, path),
    entryNumber: optionalInteger(entry, 'entry_number', what, path),
    dateFiled: optionalMatching(entry, 'date_filed', DATE, 'a YYYY-MM-DD date', what, path),
    timeFiled: optionalMatching(entry, 'time_filed', TIME, 'a HH:MM:SS time', what, path),
    dateCreated: optionalMatching(entry, 'date_created', DATE_TIME, 'an ISO 8601 date-time', what, path),
    dateModified: optionalMatching(entry, 'date_modified', DATE_TIME, 'an ISO 8601 date-time', what, path),
    recapSequenceNumber: optionalText(entry, 'recap_sequence_number', what, path).trim(),
    shortDescription: optionalText(entry, 'short_description', what, path),
    description: optionalText(entry, 'description', what, path),
    documents: optionalArray(entry, 'recap_documents', what, path).map((doc, i) =>
      readDocument(doc, what, `${path}.recap_documents[${i}]`),
    ),
  };
}
