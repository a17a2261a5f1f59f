/**
 * Where a docket's entry crawl resumes: CourtListener's `date_modified`, not `date_filed`. An entry
 * CourtListener adds or changes late (a RECAP upload of an old filing, a merged docket) keeps its
 * old filing date, so resuming by filing date misses it; its modification time is new. The v4
 * docket-entry API filters on it (`date_modified__gte`, DATETIME_LOOKUPS in cl/search/filters.py
 * DocketEntryFilter) and orders by it (`order_by=date_modified`, one of DocketEntryViewSet's
 * cursor_ordering_fields in cl/search/api_views.py).
 *
 * Several entries can share one instant, and a page can end among them, so the cursor keeps the
 * instant and the ids seen at it: the next crawl asks from that instant on (>=) and drops exactly
 * those ids, so nothing at the instant is skipped or repeated.
 */
import type { CourtListenerEntry } from './read-entry';

export interface ModifiedCursor {
  /** The newest date_modified seen, as CourtListener wrote it (sent back verbatim as the filter). */
  modifiedSince: string;
  /** Ids of the entries seen whose date_modified is exactly that instant. */
  idsAtInstant: number[];
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Microseconds since the epoch: CourtListener writes six fractional digits (Postgres's precision),
 * and JavaScript's milliseconds would make distinct instants equal. Null for anything else.
 */
export function instantMicros(value: string): number | null {
  const m = INSTANT.exec(value.trim());
  if (!m) return null;
  const zone = m[3] === 'Z' ? 'Z' : `${m[3]!.slice(0, 3)}:${m[3]!.slice(-2)}`;
  const ms = Date.parse(`${m[1]}${zone}`);
  if (Number.isNaN(ms)) return null;
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
}

/**
 * Whether an entry is new since the cursor. An entry without a readable date_modified or id is
 * kept: re-reading an entry is harmless (ingest is idempotent), missing one is not.
 */
export function isNewSince(entry: CourtListenerEntry, since: ModifiedCursor | null): boolean {
  if (!since) return true;
  const at = entry.dateModified === null ? null : instantMicros(entry.dateModified);
  const sinceAt = instantMicros(since.modifiedSince);
  if (at === null || sinceAt === null) return true;
  if (at !== sinceAt) return at > sinceAt;
  return entry.id === null || !since.idsAtInstant.includes(entry.id);
}

/** The cursor after reading these entries: the newest instant among them and the cursor, with its ids. */
export function advanceCursor(since: ModifiedCursor | null, entries: readonly CourtListenerEntry[]): ModifiedCursor | null {
  let cursor = since;
  let cursorAt = since ? instantMicros(since.modifiedSince) : null;
  for (const entry of entries) {
    const at = entry.dateModified === null ? null : instantMicros(entry.dateModified);
    if (at === null || entry.id === null) continue;
    if (cursor === null || cursorAt === null || at > cursorAt) {
      cursor = { modifiedSince: entry.dateModified!, idsAtInstant: [entry.id] };
      cursorAt = at;
    } else if (at === cursorAt && !cursor.idsAtInstant.includes(entry.id)) {
      cursor = { ...cursor, idsAtInstant: [...cursor.idsAtInstant, entry.id] };
    }
  }
  return cursor;
}
