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

interface StoreContext {
  sourceId: number;
  docket: Docket;
  now: Date;
  classify: (content: EntryContent) => string;
}

/** What storing one seen entry did to the stored one. */
interface EntryOutcome {
  entryId: number;
  change: 'created' | 'updated' | 'unchanged';
  /** What this source said, recorded on its sighting; null when its content is not merged yet. */
  sightingHash: string | null;
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
  const context: StoreContext = {
    sourceId: input.sourceId,
    docket: input.docket,
    now: input.now ?? new Date(),
    classify: input.classify ?? (() => 'other'),
  };
  const result: StoreResult = { created: 0, updated: 0, unchanged: 0, events: 0 };
  const byKey = mergeByNaturalKey(input.entries);
  if (byKey.size === 0) return result;
  const stored = await lockStoredEntries(trx, input.docket.id, [...byKey.keys()]);
  const saidBefore = await sightingHashes(
    trx,
    input.sourceId,
    [...stored.values()].map((row) => row.id),
  );
  for (const [key, seen] of byKey) {
    const row = stored.get(key);
    const outcome = row
      ? await mergeIntoEntry(trx, context, row, seen, saidBefore.get(row.id))
      : await insertEntry(trx, context, key, seen);
    result[outcome.change]++;
    await recordSighting(trx, context, outcome);
    if (outcome.change !== 'unchanged' && !input.baseline) {
      await writeEntryEvent(trx, context.docket, outcome.entryId, outcome.change === 'created' ? 'entry.created' : 'entry.updated');
      result.events++;
    }
  }
  return result;
}

/** One content per natural key: a document that lists the same filing twice is merged first. */
function mergeByNaturalKey(entries: ParsedEntry[]): Map<string, EntryContent> {
  const byKey = new Map<string, EntryContent>();
  for (const entry of entries) {
    const key = entryNaturalKey(entry);
    const seen = contentOfParsed(entry);
    const earlier = byKey.get(key);
    byKey.set(key, earlier ? mergeEntryContent(earlier, seen) : seen);
  }
  return byKey;
}

/** The docket's stored entries under these keys, locked until the transaction ends. */
async function lockStoredEntries(trx: Db, docketId: number, keys: string[]): Promise<Map<string, Entry>> {
  const rows = await trx
    .selectFrom('entries')
    .selectAll()
    .where('docket_id', '=', docketId)
    .where('natural_key', 'in', keys)
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.natural_key, row]));
}

/** What this source said of each entry when it last saw it (its sighting's content hash). */
async function sightingHashes(trx: Db, sourceId: number, entryIds: number[]): Promise<Map<number, string | null>> {
  if (entryIds.length === 0) return new Map();
  const sightings = await trx
    .selectFrom('sightings')
    .select(['entry_id', 'content_hash'])
    .where('source_id', '=', sourceId)
    .where('entry_id', 'in', entryIds)
    .execute();
  return new Map(sightings.map((s) => [s.entry_id, s.content_hash]));
}

async function insertEntry(trx: Db, context: StoreContext, key: string, seen: EntryContent): Promise<EntryOutcome> {
  const inserted = await trx
    .insertInto('entries')
    .values({ docket_id: context.docket.id, natural_key: key, ...rowValues(seen, context.classify), updated_at: context.now })
    // A concurrent poll of another source may have stored it first; then this is a sighting.
    .onConflict((oc) => oc.columns(['docket_id', 'natural_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { entryId: inserted.id, change: 'created', sightingHash: entryContentHash(seen) };
  const raced = await trx
    .selectFrom('entries')
    .select('id')
    .where('docket_id', '=', context.docket.id)
    .where('natural_key', '=', key)
    .executeTakeFirstOrThrow();
  // Not merged here: a null hash makes this source's next look merge what it says.
  return { entryId: raced.id, change: 'unchanged', sightingHash: null };
}

/**
 * Merges what a source saw into the stored entry. A source that changed what it said before is
 * revising its own entry; otherwise the richer value of each field is kept.
 */
async function mergeIntoEntry(
  trx: Db,
  context: StoreContext,
  row: Entry,
  seen: EntryContent,
  previous: string | null | undefined,
): Promise<EntryOutcome> {
  const seenHash = entryContentHash(seen);
  const revised = previous !== undefined && previous !== null && previous !== seenHash;
  const merged = revised ? reviseEntryContent(contentOf(row), seen) : mergeEntryContent(contentOf(row), seen);
  const values = rowValues(merged, context.classify);
  // A source repeating what it said before brings nothing new: merging it again would undo
  // another source's revision ("ENTERED IN ERROR" replaced by the old, longer text).
  if (previous === seenHash || values.content_hash === row.content_hash) {
    return { entryId: row.id, change: 'unchanged', sightingHash: seenHash };
  }
  await trx
    .updateTable('entries')
    .set({ ...values, updated_at: context.now })
    .where('id', '=', row.id)
    .execute();
  return { entryId: row.id, change: 'updated', sightingHash: seenHash };
}

async function recordSighting(trx: Db, context: StoreContext, outcome: EntryOutcome): Promise<void> {
  const { now } = context;
  await trx
    .insertInto('sightings')
    .values({
      entry_id: outcome.entryId,
      source_id: context.sourceId,
      content_hash: outcome.sightingHash,
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(['entry_id', 'source_id']).doUpdateSet({ last_seen_at: now, content_hash: outcome.sightingHash }))
    .execute();
}

async function writeEntryEvent(trx: Db, docket: Docket, entryId: number, kind: OutboxKind): Promise<void> {
  await trx.insertInto('outbox_events').values({ kind, entry_id: entryId, docket_id: docket.id, matter_id: docket.matter_id }).execute();
}
