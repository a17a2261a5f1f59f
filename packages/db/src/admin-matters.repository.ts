import type { Db } from './connect';
import type { Matter, Source } from './schema';
import { newSourceRow, type SourceInput } from './sources.repository';
import { recentSourcePolls, type SourcePoll } from './source-polls.repository';

/** What an admin may change about a matter (its slug is its address and stays). */
export interface MatterEdit {
  name: string;
  description: string;
  aliases: string[];
  keywords: string[];
}

/** Every matter, archived ones included, for the admin's list. */
export async function listAllMatters(db: Db): Promise<Matter[]> {
  return db
    .selectFrom('matters')
    .selectAll()
    .orderBy('archived_at', (ob) => ob.desc().nullsFirst())
    .orderBy('name')
    .execute();
}

/** A new matter; undefined when the slug is taken (an admin adding a matter never overwrites one). */
export async function createMatter(db: Db, slug: string, edit: MatterEdit): Promise<Matter | undefined> {
  return db
    .insertInto('matters')
    .values({ slug, ...matterColumns(edit) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateMatter(db: Db, id: number, edit: MatterEdit): Promise<boolean> {
  const result = await db.updateTable('matters').set(matterColumns(edit)).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Archives a matter, or brings it back (`archived` false). */
export async function setMatterArchived(db: Db, id: number, archived: boolean): Promise<boolean> {
  const result = await db
    .updateTable('matters')
    .set({ archived_at: archived ? new Date() : null })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Of these matters, the archived ones. */
export async function archivedMatterIds(db: Db, matterIds: number[]): Promise<Set<number>> {
  if (matterIds.length === 0) return new Set();
  const rows = await db.selectFrom('matters').select('id').where('id', 'in', matterIds).where('archived_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Removes a docket of a matter with its entries. Its own sources are kept for the record but
 * disabled: without their docket they would be polled for nothing.
 */
export async function removeDocket(db: Db, matterId: number, docketId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const docket = await trx
      .selectFrom('dockets')
      .select('id')
      .where('id', '=', docketId)
      .where('matter_id', '=', matterId)
      .executeTakeFirst();
    if (!docket) return false;
    await trx.updateTable('sources').set({ enabled: false }).where('docket_id', '=', docketId).execute();
    await trx.deleteFrom('dockets').where('id', '=', docketId).execute();
    return true;
  });
}

export async function setSourceEnabled(db: Db, id: number, enabled: boolean): Promise<boolean> {
  const result = await db.updateTable('sources').set({ enabled }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A source with how many entries and items it has seen, and its last polls (newest first). */
export type SourceWithSightings = Source & { sightings: number; polls: SourcePoll[] };

/** Every source with its sightings (entries and press items it saw), for the admin's health view. */
export async function listSourcesWithSightings(db: Db): Promise<SourceWithSightings[]> {
  const [sources, entries, items] = await Promise.all([
    db.selectFrom('sources').selectAll().orderBy('id').execute(),
    db
      .selectFrom('sightings')
      .select(['source_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('source_id')
      .execute(),
    db
      .selectFrom('item_sightings')
      .select(['source_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('source_id')
      .execute(),
  ]);
  const counts = new Map<number, number>();
  for (const row of [...entries, ...items]) counts.set(row.source_id, (counts.get(row.source_id) ?? 0) + Number(row.n));
  const polls = await recentSourcePolls(
    db,
    sources.map((s) => s.id),
  );
  return sources.map((s) => ({ ...s, sightings: counts.get(s.id) ?? 0, polls: polls.get(s.id) ?? [] }));
}

function matterColumns(edit: MatterEdit) {
  return {
    name: edit.name,
    description: edit.description,
    aliases: JSON.stringify(edit.aliases),
    keywords: JSON.stringify(edit.keywords),
  };
}

/** A new source; undefined when a source already reads that URL (adding never overwrites one). */
export async function createSource(db: Db, input: SourceInput): Promise<Source | undefined> {
  return db
    .insertInto('sources')
    .values(newSourceRow(input))
    .onConflict((oc) => oc.column('address').doNothing())
    .returningAll()
    .executeTakeFirst();
}
