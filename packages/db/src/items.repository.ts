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

/** Stores a press or feed item once under its URL, with a sighting for the source that saw it. */
export async function storeItem(trx: Db, input: { sourceId: number; item: ParsedItem; now?: Date }): Promise<StoredItem> {
  const now = input.now ?? new Date();
  const { item } = input;
  const values = {
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
  const existing = await trx
    .selectFrom('items')
    .select(['id', 'content_hash', 'text'])
    .where('url', '=', item.url)
    .forUpdate()
    .executeTakeFirst();
  let id: number;
  let created = false;
  let changed = false;
  if (!existing) {
    const inserted = await trx
      .insertInto('items')
      .values(values)
      .onConflict((oc) => oc.column('url').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      id = inserted.id;
      created = true;
    } else {
      id = (await trx.selectFrom('items').select('id').where('url', '=', item.url).executeTakeFirstOrThrow()).id;
    }
  } else {
    id = existing.id;
    // A listing gives only a teaser; the item's own page gives its text. Never replace text with none.
    if (existing.content_hash !== values.content_hash && (item.text || !existing.text)) {
      await trx.updateTable('items').set(values).where('id', '=', id).execute();
      changed = true;
    }
  }
  await trx
    .insertInto('item_sightings')
    .values({ item_id: id, source_id: input.sourceId, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) => oc.columns(['item_id', 'source_id']).doUpdateSet({ last_seen_at: now }))
    .execute();
  return { id, created, changed };
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
