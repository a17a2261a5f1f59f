import { sql } from 'kysely';
import type { Db } from './connect';
import type { Source, SourceHealth, SourceKind } from './schema';

export interface SourceInput {
  kind: SourceKind;
  name: string;
  /** The source's address and identity: its URL, or a pushed kind's receiving address (`mailto:` …). */
  address: string;
  court?: string | null;
  docketId?: number | null;
  intervalSeconds: number;
  config?: Record<string, unknown>;
}

/** A new source's row: due at once, so its first poll sets its baseline. */
export function newSourceRow(input: SourceInput) {
  return {
    kind: input.kind,
    name: input.name,
    address: input.address,
    court: input.court ?? null,
    docket_id: input.docketId ?? null,
    interval_seconds: input.intervalSeconds,
    next_check_at: new Date(),
    config: JSON.stringify(input.config ?? {}),
  };
}

export async function upsertSource(db: Db, input: SourceInput): Promise<Source> {
  return db
    .insertInto('sources')
    .values(newSourceRow(input))
    .onConflict((oc) =>
      oc.column('address').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        court: eb.ref('excluded.court'),
        docket_id: eb.ref('excluded.docket_id'),
        interval_seconds: eb.ref('excluded.interval_seconds'),
        config: eb.ref('excluded.config'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getSource(db: Db, id: number): Promise<Source | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSources(db: Db): Promise<Source[]> {
  return db.selectFrom('sources').selectAll().orderBy('id').execute();
}

export interface ClaimedSource {
  id: number;
  /** The check slot this claim is for; with the id it makes the poll job's deterministic id. */
  slot: Date;
}

/**
 * Claims sources that are due, at most `limit`, and pushes each one's next check forward by a lease
 * so no other scheduler claims it meanwhile. SKIP LOCKED lets several schedulers run side by side.
 * The poll that follows sets the real next check time.
 */
export async function claimDueSources(
  db: Db,
  options: { limit: number; leaseSeconds: number; now?: Date; kinds?: SourceKind[] },
): Promise<ClaimedSource[]> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('sources')
      .select(['id', 'next_check_at'])
      .where('enabled', '=', true)
      .where('next_check_at', '<=', now)
      // Push sources (mail, webhooks, uploads) are never polled.
      .$if(Boolean(options.kinds?.length), (qb) => qb.where('kind', 'in', options.kinds!))
      .orderBy('next_check_at')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('sources')
      .set({ next_check_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${options.leaseSeconds})` })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .execute();
    return due.map((d) => ({ id: d.id, slot: d.next_check_at }));
  });
}

/** When the next polled source falls due (null: none is enabled); the scheduler sleeps until then. */
export async function nextDueAt(db: Db, kinds: SourceKind[]): Promise<Date | null> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.min('next_check_at').as('next'))
    .where('enabled', '=', true)
    .$if(kinds.length > 0, (qb) => qb.where('kind', 'in', kinds))
    .executeTakeFirst();
  return row?.next ? new Date(row.next) : null;
}

/**
 * A poll begins: holds the enabled source for `leaseSeconds` (see renewSourceLease) and reads it,
 * with the slowest of its recent healthy polls (null while it has fewer than five), in one round
 * trip: the poll path runs a thousand times a pass, so its queries are few.
 */
export async function startPoll(
  db: Db,
  sourceId: number,
  leaseSeconds: number,
): Promise<{ source: Source; slowestRecentPollMs: number | null } | undefined> {
  const row = await db
    .updateTable('sources')
    .set({ next_check_at: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', sourceId)
    .where('enabled', '=', true)
    .returningAll()
    .returning((eb) =>
      eb
        .selectFrom('source_polls')
        .select(sql<number | null>`case when count(*) >= 5 then max(duration_ms) end`.as('slowest'))
        .where('source_polls.source_id', '=', sourceId)
        .where('outcome', 'in', ['not-modified', 'unchanged', 'stored'])
        .as('slowest_recent_poll_ms'),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  const { slowest_recent_poll_ms: slowest, ...source } = row;
  return { source, slowestRecentPollMs: slowest === null ? null : Number(slowest) };
}

/**
 * Holds a source that is being polled for `leaseSeconds` more. The poll renews it while it works, so
 * the lease can be short: a poll whose worker died is due again within seconds, whatever became of
 * its job. The poll stops renewing before it records its result, which sets the real next check.
 */
export async function renewSourceLease(db: Db, sourceId: number, leaseSeconds: number): Promise<void> {
  await db
    .updateTable('sources')
    .set({ next_check_at: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where('id', '=', sourceId)
    .execute();
}

export interface PollOutcome {
  etag?: string | null;
  lastModified?: string | null;
  bodyHash?: string | null;
  /** True when this poll established the source's baseline. */
  baseline?: boolean;
}

export async function recordPollSuccess(db: Db, source: Source, outcome: PollOutcome, now = new Date()): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      etag: outcome.etag === undefined ? source.etag : outcome.etag,
      last_modified: outcome.lastModified === undefined ? source.last_modified : outcome.lastModified,
      body_hash: outcome.bodyHash === undefined ? source.body_hash : outcome.bodyHash,
      consecutive_failures: 0,
      last_error: null,
      last_error_code: null,
      health: 'ok',
      last_checked_at: now,
      last_success_at: now,
      baseline_at: source.baseline_at ?? (outcome.baseline ? now : null),
      next_check_at: new Date(now.getTime() + source.interval_seconds * 1000),
    })
    .where('id', '=', source.id)
    .execute();
}

/**
 * A poll that politeness put off (the host held after a Retry-After, its slots full, the API budget
 * spent): the source comes back after `delaySeconds`, and nothing counts against its health, since
 * the source did nothing wrong.
 */
export async function recordPollDeferred(db: Db, source: Source, delaySeconds: number, now = new Date()): Promise<void> {
  await db
    .updateTable('sources')
    .set({ next_check_at: new Date(now.getTime() + Math.max(1, delaySeconds) * 1000) })
    .where('id', '=', source.id)
    .execute();
}

/** How many enabled sources of a kind there are: the sources that share a kind's API budget. */
export async function countEnabledSources(db: Db, kind: SourceKind): Promise<number> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', kind)
    .where('enabled', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a source's next check to at least `seconds` from now (never earlier than it already is). */
export async function holdNextCheckFor(db: Db, sourceId: number, seconds: number): Promise<void> {
  await db
    .updateTable('sources')
    .set({ next_check_at: sql<Date>`greatest(next_check_at, now() + make_interval(secs => ${seconds}))` })
    .where('id', '=', sourceId)
    .execute();
}

/** What a source remembers between polls; `state` is merged into what it remembered before. */
export async function mergeSourceState(db: Db, source: Source, state: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('sources')
    .set({ state: JSON.stringify({ ...source.state, ...state }) })
    .where('id', '=', source.id)
    .execute();
}

/** The longest a failing source waits between tries unless its config says otherwise: a source that recovers is seen again within minutes. */
export const DEFAULT_MAX_BACKOFF_SECONDS = 300;

/**
 * Failures back off exponentially but never stop: a source is retried forever. The wait is capped
 * (per source: `config.maxBackoffSeconds`, never below its own interval), spread ±10% so sources that
 * failed together (one court's outage) do not all come back in the same second, and never shorter
 * than a Retry-After the site asked for.
 */
export function backoffSeconds(
  intervalSeconds: number,
  failures: number,
  retryAfterSeconds?: number | null,
  options: { maxSeconds?: number; random?: () => number } = {},
): number {
  const cap = Math.max(intervalSeconds, options.maxSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS);
  const exponential = Math.min(cap, intervalSeconds * 2 ** Math.min(failures, 10));
  const jittered = Math.round(exponential * (0.9 + 0.2 * (options.random ?? Math.random)()));
  return Math.max(jittered, retryAfterSeconds ?? 0);
}

function maxBackoffOf(source: Source): number | undefined {
  const configured = source.config.maxBackoffSeconds;
  return typeof configured === 'number' && Number.isSafeInteger(configured) && configured > 0 ? configured : undefined;
}

/**
 * A source's health after a failed poll. A layout change on a source that had worked is reported at
 * once: retrying will not fix it, a person must. Anything else is `failing` after five in a row.
 */
export function healthAfterFailures(failures: number, layoutChanged = false): SourceHealth {
  if (layoutChanged) return 'layout-changed';
  return failures >= 5 ? 'failing' : 'degraded';
}

export async function recordPollFailure(
  db: Db,
  source: Source,
  error: { code: string; message: string; retryAfterSeconds?: number | null },
  now = new Date(),
): Promise<void> {
  const failures = source.consecutive_failures + 1;
  await db
    .updateTable('sources')
    .set({
      consecutive_failures: failures,
      last_error: error.message.slice(0, 1000),
      last_error_code: error.code,
      health: healthAfterFailures(failures, error.code === 'PARSE_LAYOUT_CHANGED' && source.baseline_at !== null),
      last_checked_at: now,
      next_check_at: new Date(
        now.getTime() +
          backoffSeconds(source.interval_seconds, failures, error.retryAfterSeconds, { maxSeconds: maxBackoffOf(source) }) * 1000,
      ),
    })
    .where('id', '=', source.id)
    .execute();
}
