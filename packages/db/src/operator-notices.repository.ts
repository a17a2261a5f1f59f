import { sql } from 'kysely';
import type { Db } from './connect';
import type { OperatorNotice, SourceCondition, SourceHealth } from './schema';

/** A source's standing as the notice sweep sees it. */
interface SourceStanding {
  id: number;
  name: string;
  kind: string;
  health: SourceHealth;
  consecutive_failures: number;
  last_error_code: string | null;
  last_error: string | null;
  reported_condition: SourceCondition | null;
  /** Newest activity (a new entry or press item) since the baseline, and how many distinct minutes of it the history holds. */
  last_activity: Date | null;
  active_minutes: number;
  /** The longest quiet spell between those minutes, in seconds. */
  longest_gap_seconds: number | null;
  /** `config.silentAfterSeconds`, when the operator set what silence means for this source. */
  silent_after_seconds: number | null;
  interval_seconds: number;
}

export interface SilenceRule {
  /** Silence is never shorter than this, whatever the history (a feed that posts hourly still gets quiet nights). */
  minSeconds: number;
  /** Silence is this many times the longest quiet spell in the source's recent history. */
  factor: number;
  /** History needed before silence is judged: distinct minutes with new activity. */
  minActiveMinutes: number;
}

export const DEFAULT_SILENCE_RULE: SilenceRule = { minSeconds: 2 * 86_400, factor: 4, minActiveMinutes: 5 };

/** How many of a source's newest activity timestamps its "normal" is read from. */
const HISTORY = 21;

async function sourceStandings(db: Db): Promise<SourceStanding[]> {
  // Newest activity per source after its baseline (the baseline's backlog says nothing about pace),
  // read through the (source_id, first_seen_at) indexes: at most HISTORY rows per source.
  const { rows } = await sql<SourceStanding>`
    select s.id, s.name, s.kind, s.health, s.consecutive_failures, s.last_error_code, s.last_error,
           s.reported_condition, s.interval_seconds,
           case when jsonb_typeof(s.config -> 'silentAfterSeconds') = 'number'
                then (s.config ->> 'silentAfterSeconds')::float8 end as silent_after_seconds,
           a.last_activity, coalesce(a.active_minutes, 0)::int as active_minutes, a.longest_gap_seconds
    from sources s
    left join lateral (
      select max(minute) as last_activity, count(*) as active_minutes, max(gap) as longest_gap_seconds
      from (
        select minute, extract(epoch from minute - lag(minute) over (order by minute))::float8 as gap
        from (
          select distinct date_trunc('minute', seen) as minute
          from (
            (select first_seen_at as seen from sightings
              where source_id = s.id and first_seen_at > s.baseline_at + interval '1 minute'
              order by first_seen_at desc limit ${HISTORY})
            union all
            (select first_seen_at from item_sightings
              where source_id = s.id and first_seen_at > s.baseline_at + interval '1 minute'
              order by first_seen_at desc limit ${HISTORY})
          ) seen
        ) minutes
      ) gaps
    ) a on true
    where s.enabled
    order by s.id`.execute(db);
  return rows.map((r) => ({ ...r, last_activity: r.last_activity ? new Date(r.last_activity) : null }));
}

/** How long this source may be quiet before that is news, or null when its history is too short to say. */
export function silenceThresholdSeconds(s: SourceStanding, rule: SilenceRule): number | null {
  if (s.silent_after_seconds !== null && s.silent_after_seconds > 0) return s.silent_after_seconds;
  if (s.active_minutes < rule.minActiveMinutes || s.longest_gap_seconds === null) return null;
  return Math.max(rule.minSeconds, rule.factor * s.longest_gap_seconds, 3 * s.interval_seconds);
}

/**
 * What the operator should know of this source now. A degraded source keeps what was last reported
 * (no "recovered" until it is healthy again), so a flapping source does not send a notice per poll.
 */
function conditionOf(s: SourceStanding, rule: SilenceRule, now: Date): SourceCondition | null {
  if (s.health === 'layout-changed') return 'layout-changed';
  if (s.health === 'failing') return 'failing';
  if (s.health === 'degraded') return s.reported_condition;
  const threshold = silenceThresholdSeconds(s, rule);
  if (threshold !== null && s.last_activity && now.getTime() - s.last_activity.getTime() > threshold * 1000) return 'silent';
  return null;
}

function detailOf(s: SourceStanding, condition: SourceCondition | null, rule: SilenceRule): string {
  switch (condition) {
    case 'failing':
      return `${s.consecutive_failures} polls failed in a row; the last with ${s.last_error_code ?? 'an error'}: ${s.last_error ?? ''}`.trim();
    case 'layout-changed':
      return `the page no longer has what this source reads (${s.last_error ?? 'layout changed'}); its settings need a look`;
    case 'silent': {
      const days = (seconds: number) => `${(seconds / 86_400).toFixed(1)} days`;
      return `nothing new since ${s.last_activity!.toISOString()}; more than ${days(silenceThresholdSeconds(s, rule)!)} of silence, where its recent history's longest quiet spell was ${days(s.longest_gap_seconds ?? 0)}`;
    }
    default:
      return 'polling normally again';
  }
}

export type OperatorNoticeWithSource = OperatorNotice & { source_name: string; source_kind: string };

/**
 * Compares each enabled source's condition with the one the operator was last told of and records a
 * notice for every change (a recovery included). The comparison is also the claim: of two sweeps
 * racing, only the one whose update still sees the old condition records the notice.
 */
export async function recordSourceConditionChanges(
  db: Db,
  options: { now?: Date; rule?: SilenceRule } = {},
): Promise<OperatorNoticeWithSource[]> {
  const now = options.now ?? new Date();
  const rule = options.rule ?? DEFAULT_SILENCE_RULE;
  const recorded: OperatorNoticeWithSource[] = [];
  for (const s of await sourceStandings(db)) {
    const condition = conditionOf(s, rule, now);
    if (condition === s.reported_condition) continue;
    const notice = await db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('sources')
        .set({ reported_condition: condition })
        .where('id', '=', s.id)
        .where(sql<boolean>`reported_condition is not distinct from ${s.reported_condition}`)
        .executeTakeFirst();
      if (changed.numUpdatedRows === 0n) return null;
      return trx
        .insertInto('operator_notices')
        .values({ source_id: s.id, condition: condition ?? 'recovered', detail: detailOf(s, condition, rule).slice(0, 2000) })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    if (notice) recorded.push({ ...notice, source_name: s.name, source_kind: s.kind });
  }
  return recorded;
}

/** Unsent notices, claimed for sending; a claim left by a sender that died lapses after `leaseSeconds`. */
export async function claimUnsentNotices(db: Db, options: { limit: number; leaseSeconds: number }): Promise<OperatorNoticeWithSource[]> {
  const claimed = await db
    .updateTable('operator_notices')
    .set({ claimed_at: sql<Date>`now()` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('operator_notices')
        .select('id')
        .where('sent_at', 'is', null)
        .where((w) =>
          w.or([w('claimed_at', 'is', null), w('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${options.leaseSeconds})`)]),
        )
        .orderBy('id')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  const sources = await db
    .selectFrom('sources')
    .select(['id', 'name', 'kind'])
    .where(
      'id',
      'in',
      claimed.map((n) => n.source_id),
    )
    .execute();
  const byId = new Map(sources.map((s) => [s.id, s]));
  return claimed
    .sort((a, b) => a.id - b.id)
    .map((n) => ({ ...n, source_name: byId.get(n.source_id)?.name ?? '', source_kind: byId.get(n.source_id)?.kind ?? '' }));
}

export async function markNoticesSent(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('operator_notices')
    .set({ sent_at: sql<Date>`now()` })
    .where('id', 'in', ids)
    .execute();
}

/** Gives claimed notices back (the send failed), to be tried at the next sweep. */
export async function releaseNotices(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('operator_notices').set({ claimed_at: null }).where('id', 'in', ids).where('sent_at', 'is', null).execute();
}

/** The newest notices, for the admin pages. */
export async function listRecentNotices(db: Db, limit = 50): Promise<OperatorNotice[]> {
  return db.selectFrom('operator_notices').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
