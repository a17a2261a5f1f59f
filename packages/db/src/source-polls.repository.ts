import { sql } from 'kysely';
import type { Db } from './connect';

/** Polls kept per source: enough to see a pattern (a flapping court), never a growing table. */
export const POLLS_KEPT_PER_SOURCE = 20;

export interface SourcePoll {
  polledAt: Date;
  /** `deferred`: politeness said later (a held or busy host, a spent API budget); the source's health is untouched. */
  outcome: 'not-modified' | 'unchanged' | 'stored' | 'failed' | 'deferred';
  errorCode: string | null;
  created: number;
  durationMs: number;
}

/** Records one poll and drops the source's polls older than the newest POLLS_KEPT_PER_SOURCE, in one statement. */
export async function recordSourcePoll(
  db: Db,
  sourceId: number,
  poll: Pick<SourcePoll, 'outcome' | 'errorCode' | 'created' | 'durationMs'>,
): Promise<void> {
  await db
    .with('recorded', (qb) =>
      qb
        .insertInto('source_polls')
        .values({
          source_id: sourceId,
          outcome: poll.outcome,
          error_code: poll.errorCode,
          created: poll.created,
          duration_ms: Math.round(poll.durationMs),
        })
        .returning('id'),
    )
    .deleteFrom('source_polls')
    .where('source_id', '=', sourceId)
    // The statement sees the table as it was before the insert: keep one fewer of the older polls.
    .where(
      'id',
      'not in',
      db
        .selectFrom('source_polls')
        .select('id')
        .where('source_id', '=', sourceId)
        .orderBy('id', 'desc')
        .limit(POLLS_KEPT_PER_SOURCE - 1),
    )
    .execute();
}

/** The newest polls of each source, newest first. */
export async function recentSourcePolls(db: Db, sourceIds: readonly number[], perSource = 5): Promise<Map<number, SourcePoll[]>> {
  const polls = new Map<number, SourcePoll[]>();
  if (sourceIds.length === 0) return polls;
  const rows = await db
    .selectFrom('source_polls')
    .select([
      'source_id',
      'polled_at',
      'outcome',
      'error_code',
      'created',
      'duration_ms',
      sql<number>`row_number() over (partition by source_id order by id desc)`.as('n'),
    ])
    .where('source_id', 'in', [...sourceIds])
    .execute();
  for (const r of rows.filter((row) => Number(row.n) <= perSource).sort((a, b) => Number(a.n) - Number(b.n))) {
    const list = polls.get(r.source_id) ?? [];
    list.push({
      polledAt: r.polled_at,
      outcome: r.outcome as SourcePoll['outcome'],
      errorCode: r.error_code,
      created: r.created,
      durationMs: r.duration_ms,
    });
    polls.set(r.source_id, list);
  }
  return polls;
}
