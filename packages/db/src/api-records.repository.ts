import type { Db } from './connect';
import { newDocketRow, type DocketInput } from './matters.repository';
import type { Docket, Source } from './schema';
import { ENTRY_VIEW_COLUMNS, entrySightings, type TimelineEntry } from './timeline.repository';

/** A new docket of a matter; undefined when the court already has that docket (in any matter): adding never moves one. */
export async function createDocket(db: Db, input: DocketInput): Promise<Docket | undefined> {
  return db
    .insertInto('dockets')
    .values(newDocketRow(input))
    .onConflict((oc) => oc.columns(['court', 'docket_number']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** What the API may change about a source; its kind, URL and docket are what it is, and stay. */
export interface SourceChange {
  name?: string;
  enabled?: boolean;
  intervalSeconds?: number;
}

/** Applies a change; a new interval takes effect from the next check. Undefined when there is no such source. */
export async function changeSource(db: Db, id: number, change: SourceChange): Promise<Source | undefined> {
  return db
    .updateTable('sources')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(change.intervalSeconds !== undefined ? { interval_seconds: change.intervalSeconds } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a source and its sightings; the entries it saw stay (other sources may have seen them too). */
export async function deleteSource(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type EntryRecord = TimelineEntry & { matterSlug: string };

/** One docket entry with its docket, its matter and every sighting (which source saw it, first when). */
export async function findEntryWithSightings(db: Db, id: number): Promise<EntryRecord | undefined> {
  const row = await db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .innerJoin('matters', 'matters.id', 'dockets.matter_id')
    .select([
      ...ENTRY_VIEW_COLUMNS,
      'entries.filed_at_ts as at',
      'entries.docket_id as docketId',
      'entries.first_seen_at as firstSeenAt',
      'entries.updated_at as updatedAt',
      'matters.slug as matterSlug',
      (eb) => entrySightings(eb),
    ])
    .where('entries.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, type: 'entry' as const, at: new Date(row.at) };
}
