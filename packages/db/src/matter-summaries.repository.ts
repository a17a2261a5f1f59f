import { sql } from 'kysely';
import type { Db } from './connect';
import type { Matter } from './schema';
import { ENTRY_VIEW_COLUMNS, ITEM_VIEW_COLUMNS, type EntryView, type ItemView } from './timeline.repository';

/** A docket entry a summary names, with the instant it is ordered by. */
export type SummaryEntry = EntryView & { at: Date };
/** A press item a summary names, with the instant it is ordered by (publication, else first seen). */
export type SummaryItem = ItemView & { at: Date };

/** What the home page shows of a matter: its counts, its newest entry and item, and its recent entries' texts. */
export interface MatterSummary {
  matter: Matter;
  entryCount: number;
  itemCount: number;
  latestEntry: SummaryEntry | null;
  latestItem: SummaryItem | null;
  /** The newest entries (at most `recentEntries`), newest first: where hearings and deadlines are read from. */
  recentEntries: SummaryEntry[];
}

export interface MatterSummaryOptions {
  /** How many of each matter's newest entries to return for reading settings from. */
  recentEntries: number;
}

const itemAt = sql<Date>`coalesce(items.published_at_ts, items.first_seen_at)`;

/**
 * Every matter with its counts, latest entry, latest press item and newest entries, in four
 * queries whatever the number of matters.
 */
export async function listMatterSummaries(db: Db, options: MatterSummaryOptions): Promise<MatterSummary[]> {
  const [matters, latestEntries, latestItems, recent] = await Promise.all([
    mattersWithCounts(db),
    latestEntryOfEachMatter(db),
    latestItemOfEachMatter(db),
    recentEntriesOfEachMatter(db, options.recentEntries),
  ]);
  const recentByMatter = new Map<number, SummaryEntry[]>();
  for (const { matterId, ...entry } of recent) {
    recentByMatter.set(matterId, [...(recentByMatter.get(matterId) ?? []), entry]);
  }
  const entryOf = new Map(latestEntries.map(({ matterId, ...entry }) => [matterId, entry]));
  const itemOf = new Map(latestItems.map(({ matterId, ...item }) => [matterId, item]));
  return matters.map(({ entryCount, itemCount, ...matter }) => ({
    matter,
    entryCount: Number(entryCount),
    itemCount: Number(itemCount),
    latestEntry: entryOf.get(matter.id) ?? null,
    latestItem: itemOf.get(matter.id) ?? null,
    recentEntries: recentByMatter.get(matter.id) ?? [],
  }));
}

/** Every followed matter with its counts; archived matters leave the home page (admins find them under /admin/matters). */
function mattersWithCounts(db: Db) {
  return db
    .selectFrom('matters')
    .selectAll('matters')
    .select((eb) => [
      eb
        .selectFrom('entries')
        .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('dockets.matter_id', '=', 'matters.id')
        .as('entryCount'),
      eb
        .selectFrom('matter_items')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('matter_items.matter_id', '=', 'matters.id')
        .where('matter_items.removed_at', 'is', null)
        .as('itemCount'),
    ])
    .where('matters.archived_at', 'is', null)
    .orderBy('matters.name')
    .execute();
}

async function latestEntryOfEachMatter(db: Db) {
  const rows = await db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .distinctOn('dockets.matter_id')
    .select([...ENTRY_VIEW_COLUMNS, 'dockets.matter_id as matterId', 'entries.filed_at_ts as at'])
    .orderBy('dockets.matter_id')
    .orderBy('entries.filed_at_ts', 'desc')
    .orderBy('entries.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, type: 'entry' as const, at: new Date(r.at) }));
}

async function latestItemOfEachMatter(db: Db) {
  const rows = await db
    .selectFrom('matter_items')
    .innerJoin('items', 'items.id', 'matter_items.item_id')
    .distinctOn('matter_items.matter_id')
    .select([...ITEM_VIEW_COLUMNS, 'matter_items.matter_id as matterId', itemAt.as('at')])
    .where('matter_items.removed_at', 'is', null)
    .orderBy('matter_items.matter_id')
    .orderBy(itemAt, 'desc')
    .orderBy('items.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, type: 'item' as const, at: new Date(r.at) }));
}

async function recentEntriesOfEachMatter(db: Db, perMatter: number) {
  const ranked = db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select([
      ...ENTRY_VIEW_COLUMNS,
      'dockets.matter_id as matterId',
      'entries.filed_at_ts as at',
      sql<number>`row_number() over (partition by dockets.matter_id order by entries.filed_at_ts desc, entries.id desc)`.as('rank'),
    ])
    .as('ranked');
  const rows = await db
    .selectFrom(ranked)
    .selectAll()
    .where('ranked.rank', '<=', perMatter)
    .orderBy('ranked.matterId')
    .orderBy('ranked.rank')
    .execute();
  return rows.map(({ rank: _rank, ...r }) => ({ ...r, type: 'entry' as const, at: new Date(r.at) }));
}
