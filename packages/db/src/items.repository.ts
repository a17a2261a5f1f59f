import { sql } from 'kysely';
import { sha256, toInstant, type ParsedItem } from '@docketwatch/core';
import type { Db } from './connect';
import type { MatchReason } from './schema';

export interface StoredItem {
  id: number;
  created: boolean;
  changed: boolean;
}

function itemHash(item: ParsedItem): string {
  return sha256(JSON.stringify([item.title, item.publishedAt, item.summary, item.text]));
}

function itemValues(item: ParsedItem, now: Date) {
  return {
    url: item.url,
    title: item.title,
    published_at: item.publishedAt,
    published_at_ts: item.publishedAt ? toInstant(item.publishedAt) : null,
    summary: item.summary,
    text: item.text,
    publisher: item.publisher,
    enclosures: JSON.stringify(item.enclosures),
    content_hash: itemHash(item),
    updated_at: now,
  };
}

/** Stores a press or feed item once under its URL, with a sighting for the source that saw it. */
export async function storeItem(trx: Db, input: { sourceId: number; item: ParsedItem; now?: Date }): Promise<StoredItem> {
  const now = input.now ?? new Date();
  const values = itemValues(input.item, now);
  const existing = await trx
    .selectFrom('items')
    .select(['id', 'content_hash', 'text'])
    .where('url', '=', input.item.url)
    .forUpdate()
    .executeTakeFirst();
  const stored = existing ? await updateItem(trx, existing, values) : await insertItem(trx, values);
  await trx
    .insertInto('item_sightings')
    .values({ item_id: stored.id, source_id: input.sourceId, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(['item_id', 'source_id']).doUpdateSet({ last_seen_at: now }))
    .execute();
  return stored;
}

async function insertItem(trx: Db, values: ReturnType<typeof itemValues>): Promise<StoredItem> {
  const inserted = await trx
    .insertInto('items')
    .values(values)
    // A concurrent poll of another source may have stored it first.
    .onConflict((oc) => oc.column('url').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true, changed: false };
  const raced = await trx.selectFrom('items').select('id').where('url', '=', values.url).executeTakeFirstOrThrow();
  return { id: raced.id, created: false, changed: false };
}

async function updateItem(
  trx: Db,
  existing: { id: number; content_hash: string; text: string },
  values: ReturnType<typeof itemValues>,
): Promise<StoredItem> {
  // A listing gives only a teaser; the item's own page gives its text. Never replace text with none.
  const changed = existing.content_hash !== values.content_hash && (values.text !== '' || !existing.text);
  if (changed) await trx.updateTable('items').set(values).where('id', '=', existing.id).execute();
  return { id: existing.id, created: false, changed };
}

/**
 * URLs among these that are already stored with their text (a press room's listing needs only the
 * other ones' pages). An item stored without text, because its page could not be read, is not
 * known: its page is read again the next time the listing shows it.
 */
export async function knownItemUrls(db: Db, urls: string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = await db.selectFrom('items').select('url').where('url', 'in', urls).where('text', '!=', '').execute();
  return new Set(rows.map((r) => r.url));
}

/**
 * Attaches an item to a matter with the reasons it matched. Returns true when the attachment is new.
 * An attachment removed by hand stays removed.
 */
export async function attachItem(trx: Db, input: { matterId: number; itemId: number; reasons: MatchReason[] }): Promise<boolean> {
  const inserted = await trx
    .insertInto('matter_items')
    .values({ matter_id: input.matterId, item_id: input.itemId, reasons: JSON.stringify(input.reasons) })
    .onConflict((oc) => oc.columns(['matter_id', 'item_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a false match by hand; it stays removed whatever later matching finds. */
export async function removeItemFromMatter(db: Db, input: { matterId: number; itemId: number; by: string }): Promise<boolean> {
  const result = await db
    .updateTable('matter_items')
    .set({ removed_at: sql<Date>`now()`, removed_by: input.by })
    .where('matter_id', '=', input.matterId)
    .where('item_id', '=', input.itemId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) > 0;
}

export async function writeItemEvent(trx: Db, input: { matterId: number; itemId: number }): Promise<void> {
  await trx.insertInto('outbox_events').values({ kind: 'item.attached', item_id: input.itemId, matter_id: input.matterId }).execute();
}
