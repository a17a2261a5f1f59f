import { sql } from 'kysely';
import type { Db } from './connect';
import type { SourceKind } from './schema';

/** An enabled source's standing as the metrics show it. */
export interface SourceStanding {
  id: number;
  kind: string;
  name: string;
  intervalSeconds: number;
  consecutiveFailures: number;
  /** Since its last success, or since it was added when it has none. */
  secondsSinceSuccess: number;
}

/**
 * Every enabled source of these kinds with how long ago it last succeeded. Ages are Postgres's own
 * now() minus its own timestamps, so a process whose clock drifts reports them right.
 */
export async function readSourceStandings(db: Db, kinds: readonly SourceKind[]): Promise<SourceStanding[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('sources')
    .select([
      'id',
      'kind',
      'name',
      'interval_seconds',
      'consecutive_failures',
      sql<number>`extract(epoch from now() - coalesce(last_success_at, created_at))::float8`.as('seconds_since_success'),
    ])
    .where('enabled', '=', true)
    .where('kind', 'in', kinds)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    intervalSeconds: r.interval_seconds,
    consecutiveFailures: r.consecutive_failures,
    secondsSinceSuccess: Math.max(0, Number(r.seconds_since_success)),
  }));
}

/** Seconds the oldest outbox event has waited for fan-out; 0 when none waits. */
export async function readOutboxLagSeconds(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox_events')
    .select(sql<number | null>`extract(epoch from now() - min(created_at))::float8`.as('lag'))
    .where('fanned_out_at', 'is', null)
    .executeTakeFirst();
  return Math.max(0, Number(row?.lag ?? 0));
}
