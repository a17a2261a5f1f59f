import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
  entryContentHash,
  entryNaturalKey,
  mergeEntryContent,
  reviseEntryContent,
  toInstant,
  type EntryContent,
  type ParsedEntry,
} from '@docketwatch/core';
import type { Db } from './connect';
import type { Docket, Entry, OutboxKind } from './schema';

export interface StoreResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Outbox events written (none while a source sets its baseline). */
  events: number;
}

function contentOf(row: Entry): EntryContent {
  return {
    entryNumber: row.entry_number,
    filedAt: row.filed_at,
    shortDescription: row.short_description,
    description: row.description,
    documentUrl: row.document_url,
    pacerDocId: row.pacer_doc_id,
    attachments: row.attachments as EntryContent['attachments'],
  };
}

function contentOfParsed(entry: ParsedEntry): EntryContent {
  return {
    entryNumber: entry.entryNumber,
    filedAt: entry.filedAt,
    shortDescription: entry.shortDescription,
    description: entry.description,
    documentUrl: entry.documentUrl,
    pacerDocId: entry.pacerDocId,
    attachments: entry.attachments,
  };
}

function rowValues(content: EntryContent, classify: (c: EntryContent) => string) {
  return {
    class: classify(content),
    entry_number: content.entryNumber,
    filed_at: content.filedAt,
    filed_at_ts: toInstant(content.filedAt),
    short_description: content.shortDescription,
    description: content.description,
    document_url: content.documentUrl,
    pacer_doc_id: content.pacerDocId,
    attachments: JSON.stringify(content.attachments),
    content_hash: entryContentHash(content),
  };
}

/**
 * Stores what a source saw of one docket. Call inside the poll's transaction: entries are upserted
 * under their natural key, each sighting recorded once per source, and an outbox event written for
 * every new or changed entry unless `baseline` (the source's first look, which alerts nobody).
 * Running it twice with the same input changes nothing the second time.
 */
export async function storeDocketEntries(
  trx: Db,
  input: {
    sourceId: number;
    docket: Docket;
    entries: ParsedEntry[];
    baseline: boolean;
    now?: Date;
    /** The entry's class for subscribers' filters (order, opinion, routine…). */
    classify?: (content: EntryContent) => string;
  },
): Promise<StoreResult> {
  const now = input.now ?? new Date();
  const classify = input.classify ?? (() => 'other');
  const result: StoreResult = { created: 0, updated: 0, unchanged: 0, events: 0 };
  const byKey = new Map<string, EntryContent>();
  for (const entry of input.entries) {
    const key = entryNaturalKey(entry);
    const seen = contentOfParsed(entry);
    const earlier = byKey.get(key);
    byKey.set(key, earlier ? mergeEntryContent(earlier, seen) : seen);
  }
  if (byKey.size === 0) return result;

  const existing = await trx
    .selectFrom('entries')
    .selectAll()
    .where('docket_id', '=', input.docket.id)
    .where('natural_key', 'in', [...byKey.keys()])
    .forUpdate()
    .execute();
  const stored = new Map(existing.map((row) => [row.natural_key, row]));
  const saidBefore = new Map<number, string | null>();
  if (existing.length > 0) {
    const sightings = await trx
      .selectFrom('sightings')
      .select(['entry_id', 'content_hash'])
      .where('source_id', '=', input.sourceId)
      .where(
        'entry_id',
        'in',
        existing.map((r) => r.id),
      )
      .execute();
    for (const s of sightings) saidBefore.set(s.entry_id, s.content_hash);
  }

  for (const [key, seen] of byKey) {
    const row = stored.get(key);
    const seenHash = entryContentHash(seen);
    let entryId: number;
    let event: OutboxKind | null = null;
    /** What this source said, recorded on its sighting; null when its content is not merged yet. */
    let sightingHash: string | null = seenHash;
    if (!row) {
      const inserted = await trx
        .insertInto('entries')
        .values({ docket_id: input.docket.id, natural_key: key, ...rowValues(seen, classify), updated_at: now })
        // A concurrent poll of another source may have stored it first; then this is a sighting.
        .onConflict((oc) => oc.columns(['docket_id', 'natural_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        entryId = inserted.id;
        result.created++;
        event = 'entry.created';
      } else {
        const raced = await trx
          .selectFrom('entries')
          .select('id')
          .where('docket_id', '=', input.docket.id)
          .where('natural_key', '=', key)
          .executeTakeFirstOrThrow();
        entryId = raced.id;
        result.unchanged++;
        // Not merged here: a null hash makes this source's next look merge what it says.
        sightingHash = null;
      }
    } else {
      entryId = row.id;
      const previous = saidBefore.get(row.id);
      const revised = previous !== undefined && previous !== null && previous !== seenHash;
      const merged = revised ? reviseEntryContent(contentOf(row), seen) : mergeEntryContent(contentOf(row), seen);
      const values = rowValues(merged, classify);
      // A source repeating what it said before brings nothing new: merging it again would undo
      // another source's revision ("ENTERED IN ERROR" replaced by the old, longer text).
      if (previous !== seenHash && values.content_hash !== row.content_hash) {
        await trx
          .updateTable('entries')
          .set({ ...values, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        result.updated++;
        event = 'entry.updated';
      } else {
        result.unchanged++;
      }
    }

    await trx
      .insertInto('sightings')
      .values({ entry_id: entryId, source_id: input.sourceId, content_hash: sightingHash, first_seen_at: now, last_seen_at: now })
      .onConflict((oc) => oc.columns(['entry_id', 'source_id']).doUpdateSet({ last_seen_at: now, content_hash: sightingHash }))
      .execute();

    if (event && !input.baseline) {
      await trx
        .insertInto('outbox_events')
        .values({ kind: event, entry_id: entryId, docket_id: input.docket.id, matter_id: input.docket.matter_id })
        .execute();
      result.events++;
    }
  }
  return result;
}

export interface Sighting {
  sourceId: number;
  sourceName: string;
  firstSeenAt: string;
}

export interface TimelineEntry {
  type: 'entry';
  id: number;
  /** When it happened, for ordering: the filing time (or day). */
  at: Date;
  docketId: number;
  court: string;
  docketNumber: string;
  caseName: string;
  entryNumber: string | null;
  filedAt: string;
  class: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
  firstSeenAt: Date;
  updatedAt: Date;
  sightings: Sighting[];
}

export interface TimelineItem {
  type: 'item';
  id: number;
  /** Publication time, or when docketwatch first saw it if the publisher gives none. */
  at: Date;
  title: string;
  url: string;
  publishedAt: string | null;
  publisher: string | null;
  summary: string;
  class: 'press';
  reasons: unknown[];
  firstSeenAt: Date;
  sightings: Sighting[];
}

export type TimelineRow = TimelineEntry | TimelineItem;

/**
 * One matter's timeline: docket entries from every docket and court, and the press items attached
 * to it, merged newest first. Each row carries its provenance (sightings: which source, first seen when).
 */
export async function matterTimeline(db: Db, matterId: number, options: { limit?: number; before?: Date } = {}): Promise<TimelineRow[]> {
  const limit = options.limit ?? 200;
  let entries = db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select([
      'entries.id',
      'entries.filed_at_ts as at',
      'entries.docket_id as docketId',
      'dockets.court',
      'dockets.docket_number as docketNumber',
      'dockets.case_name as caseName',
      'entries.entry_number as entryNumber',
      'entries.filed_at as filedAt',
      'entries.class',
      'entries.short_description as shortDescription',
      'entries.description',
      'entries.document_url as documentUrl',
      'entries.first_seen_at as firstSeenAt',
      'entries.updated_at as updatedAt',
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('sightings')
            .innerJoin('sources', 'sources.id', 'sightings.source_id')
            .select(['sources.id as sourceId', 'sources.name as sourceName', 'sightings.first_seen_at as firstSeenAt'])
            .whereRef('sightings.entry_id', '=', 'entries.id')
            .orderBy('sightings.first_seen_at'),
        ).as('sightings'),
    ])
    .where('dockets.matter_id', '=', matterId);
  if (options.before) entries = entries.where('entries.filed_at_ts', '<', options.before);

  const at = sql<Date>`coalesce(items.published_at_ts, items.first_seen_at)`;
  let items = db
    .selectFrom('matter_items')
    .innerJoin('items', 'items.id', 'matter_items.item_id')
    .select([
      'items.id',
      at.as('at'),
      'items.title',
      'items.url',
      'items.published_at as publishedAt',
      'items.publisher',
      'items.summary',
      'matter_items.reasons',
      'items.first_seen_at as firstSeenAt',
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('item_sightings')
            .innerJoin('sources', 'sources.id', 'item_sightings.source_id')
            .select(['sources.id as sourceId', 'sources.name as sourceName', 'item_sightings.first_seen_at as firstSeenAt'])
            .whereRef('item_sightings.item_id', '=', 'items.id')
            .orderBy('item_sightings.first_seen_at'),
        ).as('sightings'),
    ])
    .where('matter_items.matter_id', '=', matterId)
    .where('matter_items.removed_at', 'is', null);
  if (options.before) items = items.where(at, '<', options.before);

  const [entryRows, itemRows] = await Promise.all([
    entries.orderBy('entries.filed_at_ts', 'desc').orderBy('entries.id', 'desc').limit(limit).execute(),
    items.orderBy(at, 'desc').orderBy('items.id', 'desc').limit(limit).execute(),
  ]);
  const rows: TimelineRow[] = [
    ...entryRows.map((r) => ({ ...r, type: 'entry' as const, at: new Date(r.at), sightings: r.sightings })),
    ...itemRows.map((r) => ({ ...r, type: 'item' as const, class: 'press' as const, at: new Date(r.at), sightings: r.sightings })),
  ];
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).slice(0, limit);
}
