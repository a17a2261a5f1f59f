import { sql } from 'kysely';
import { entryContentHash, entryNaturalKey, mergeEntryContent, toInstant, type EntryContent, type ParsedEntry } from '@docketwatch/core';
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

function rowValues(content: EntryContent) {
  return {
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
  input: { sourceId: number; docket: Docket; entries: ParsedEntry[]; baseline: boolean; now?: Date },
): Promise<StoreResult> {
  const now = input.now ?? new Date();
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

  for (const [key, seen] of byKey) {
    const row = stored.get(key);
    let entryId: number;
    let event: OutboxKind | null = null;
    if (!row) {
      const inserted = await trx
        .insertInto('entries')
        .values({ docket_id: input.docket.id, natural_key: key, ...rowValues(seen), updated_at: now })
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
      }
    } else {
      entryId = row.id;
      const merged = mergeEntryContent(contentOf(row), seen);
      const values = rowValues(merged);
      if (values.content_hash !== row.content_hash) {
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
      .values({ entry_id: entryId, source_id: input.sourceId, first_seen_at: now, last_seen_at: now })
      .onConflict((oc) => oc.columns(['entry_id', 'source_id']).doUpdateSet({ last_seen_at: now }))
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

export interface TimelineItem {
  entryId: number;
  docketId: number;
  court: string;
  docketNumber: string;
  caseName: string;
  entryNumber: string | null;
  filedAt: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
  firstSeenAt: Date;
  updatedAt: Date;
  sightings: { sourceId: number; sourceName: string; firstSeenAt: Date }[];
}

/** One matter's entries from every docket and source, newest first. */
export async function matterTimeline(db: Db, matterId: number, options: { limit?: number; before?: Date } = {}): Promise<TimelineItem[]> {
  let query = db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select([
      'entries.id as entryId',
      'entries.docket_id as docketId',
      'dockets.court',
      'dockets.docket_number as docketNumber',
      'dockets.case_name as caseName',
      'entries.entry_number as entryNumber',
      'entries.filed_at as filedAt',
      'entries.short_description as shortDescription',
      'entries.description',
      'entries.document_url as documentUrl',
      'entries.first_seen_at as firstSeenAt',
      'entries.updated_at as updatedAt',
      (eb) =>
        eb
          .selectFrom('sightings')
          .innerJoin('sources', 'sources.id', 'sightings.source_id')
          .select(
            sql<TimelineItem['sightings']>`coalesce(json_agg(json_build_object(
              'sourceId', sources.id, 'sourceName', sources.name, 'firstSeenAt', sightings.first_seen_at
            ) order by sightings.first_seen_at), '[]'::json)`.as('s'),
          )
          .whereRef('sightings.entry_id', '=', 'entries.id')
          .as('sightings'),
    ])
    .where('dockets.matter_id', '=', matterId);
  if (options.before) query = query.where('entries.filed_at_ts', '<', options.before);
  const rows = await query
    .orderBy('entries.filed_at_ts', 'desc')
    .orderBy('entries.id', 'desc')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((r) => ({ ...r, sightings: r.sightings ?? [] }));
}

export async function countEntries(db: Db): Promise<number> {
  const row = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
