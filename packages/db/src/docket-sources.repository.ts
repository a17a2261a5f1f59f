import { sql } from 'kysely';
import type { Db } from './connect';

/**
 * Makes a docket's own polled sources due now: a push (a Supreme Court notice that names no entry)
 * said the docket changed without saying how, so its page is read at the scheduler's next tick
 * instead of at its next scheduled check. Returns how many sources were brought forward.
 */
export async function pollDocketSourcesNow(
  db: Db,
  docket: { court: string; docketNumber: string },
  kinds: readonly string[],
): Promise<number> {
  if (kinds.length === 0) return 0;
  const result = await db
    .updateTable('sources')
    .set({ next_check_at: sql<Date>`now()` })
    .where('enabled', '=', true)
    .where('kind', 'in', [...kinds] as never[])
    .where('docket_id', 'in', (eb) =>
      eb.selectFrom('dockets').select('id').where('court', '=', docket.court).where('docket_number', '=', docket.docketNumber),
    )
    .where('next_check_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}
