import type { Db } from './connect';
import type { Docket } from './schema';

/**
 * Pins a CourtListener docket id to one of our dockets (from the catalogue, an admin, or the
 * poller's one look-up). An id belongs to one docket: pinned again elsewhere, it moves there.
 */
export async function pinCourtListenerDocket(db: Db, docketId: number, courtListenerId: number): Promise<void> {
  await db
    .insertInto('courtlistener_dockets')
    .values({ courtlistener_id: courtListenerId, docket_id: docketId })
    .onConflict((oc) => oc.column('courtlistener_id').doUpdateSet({ docket_id: docketId }))
    .execute();
}

/** The CourtListener ids pinned to a docket, lowest first. */
export async function courtListenerIdsOf(db: Db, docketId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('courtlistener_dockets')
    .select('courtlistener_id')
    .where('docket_id', '=', docketId)
    .orderBy('courtlistener_id')
    .execute();
  return rows.map((r) => r.courtlistener_id);
}

/** Every pinned CourtListener id, lowest first: the dockets that should have a CourtListener alert. */
export async function listPinnedCourtListenerIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('courtlistener_dockets').select('courtlistener_id').orderBy('courtlistener_id').execute();
  return rows.map((r) => r.courtlistener_id);
}

/** The tracked dockets among these CourtListener ids, each with the id that named it (one row per id). */
export async function findDocketsByCourtListenerIds(
  db: Db,
  courtListenerIds: number[],
): Promise<Array<Docket & { courtlistener_id: number }>> {
  if (courtListenerIds.length === 0) return [];
  return db
    .selectFrom('courtlistener_dockets')
    .innerJoin('dockets', 'dockets.id', 'courtlistener_dockets.docket_id')
    .selectAll('dockets')
    .select('courtlistener_dockets.courtlistener_id')
    .where('courtlistener_dockets.courtlistener_id', 'in', courtListenerIds)
    .execute();
}
