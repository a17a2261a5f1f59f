import { isDocketwatchError, type DocketwatchError, startHeartbeat } from '@docketwatch/core';
import {
  countEnabledSources,
  startPoll,
  holdNextCheckFor,
  recordPollDeferred,
  recordPollFailure,
  recordPollSuccess,
  recordSourcePoll,
  renewSourceLease,
  type Db,
  type Source,
  type SourcePoll,
} from '@docketwatch/db';
import type { HttpClient, RobotsRules } from '@docketwatch/http';
import { withRequestDeadline, type PollHttp } from '@docketwatch/http';
import { ingestDocument } from '@docketwatch/ingest';
import type { Logger, Metrics } from '@docketwatch/log';
import { effectiveIntervalSeconds, pollDriverOf, type CourtListenerClient } from '@docketwatch/sources';
import { pollLookups } from './poll-lookups';

export interface PollDeps {
  db: Db;
  http: HttpClient;
  log: Logger;
  /** Called after a poll committed outbox events, to wake the notifier without waiting for its tick. */
  onEvents?: (count: number) => Promise<void>;
  /** CourtListener's API; without it CourtListener sources fail saying what is missing. */
  courtListener?: CourtListenerClient | null;
  /** Sites' robots.txt, honoured before a source's address is fetched; absent, it is not read. */
  robots?: RobotsRules;
  /** Counts polls, what they stored and why they failed, and times fetches; absent, nothing is measured. */
  metrics?: Metrics;
  /** How long a running poll holds its source; renewed every third of it (default 10 s). */
  runningLeaseSeconds?: number;
}

/**
 * A poll in progress holds its source for this long and renews it while it works. A worker that
 * dies mid-poll (however often) leaves a lease that runs out within seconds, and the scheduler
 * claims the source again; a poll that is only queued keeps the scheduler's longer claim lease.
 */
export const RUNNING_POLL_LEASE_SECONDS = 10;

/** `deferred`: politeness said later (the host is held, its slots stayed full, the API budget is spent); not a failure. */
export type PollStatus = 'not-modified' | 'unchanged' | 'stored' | 'failed' | 'deferred' | 'skipped';

export interface PollReport {
  status: PollStatus;
  created: number;
  updated: number;
  events: number;
  baseline: boolean;
}

const EMPTY: Omit<PollReport, 'status'> = { created: 0, updated: 0, events: 0, baseline: false };

/**
 * Polls one source once: its kind's driver (see sourceKinds) fetches (conditionally) and parses, then one transaction
 * stores entries, items, sightings, outbox events and the source's new state together. A poll
 * killed part-way leaves nothing half-written; the next poll does the work again from the same state.
 * Failures are recorded on the source (health, backoff) rather than thrown: the schedule retries.
 */
export async function pollSource(deps: PollDeps, sourceId: number): Promise<PollReport> {
  // Holds the source with the running poll's short lease from here on (see fetchHoldingLease).
  const started = await startPoll(deps.db, sourceId, deps.runningLeaseSeconds ?? RUNNING_POLL_LEASE_SECONDS);
  const source = started?.source;
  const poll = source && pollDriverOf(source.kind);
  if (!source || !poll) return { status: 'skipped', ...EMPTY };
  const log = deps.log.child({ sourceId, kind: source.kind });
  const startedAt = Date.now();
  const history = (outcome: SourcePoll['outcome'], created = 0, errorCode: string | null = null) => {
    deps.metrics?.recordPoll(source.kind, { outcome, stored: created, errorCode });
    return recordPollAndPace(deps, source, { outcome, created, errorCode, durationMs: Date.now() - startedAt });
  };
  const http = pollHttpOf(deps, source, started.slowestRecentPollMs);
  try {
    const fetchTimer = deps.metrics?.pollFetchSeconds.startTimer({ kind: source.kind });
    const fetched = await fetchHoldingLease(deps, source.id, async () => {
      await checkRobots(deps, source);
      return poll({ source, http, log, lookups: pollLookups(deps.db), courtListener: deps.courtListener ?? null }).finally(() =>
        fetchTimer?.(),
      );
    });
    if (fetched.kind === 'not-modified') {
      await recordPollSuccess(deps.db, source, {});
      await history('not-modified');
      return { status: 'not-modified', ...EMPTY };
    }
    if (fetched.kind === 'unchanged') {
      await recordPollSuccess(deps.db, source, fetched.validators);
      await history('unchanged');
      return { status: 'unchanged', ...EMPTY };
    }
    const report = await ingestDocument(deps.db, {
      source,
      document: fetched.document,
      baseline: source.baseline_at === null,
      validators: fetched.validators,
      ...(fetched.state ? { state: fetched.state } : {}),
    });
    if (report.linked.length > 0) log.info({ linked: report.linked }, 'dockets joined their matter through lower-court case numbers');
    if (report.events > 0) {
      log.info({ created: report.created, updated: report.updated, items: report.itemsAttached }, 'new activity');
      // The poll is committed; a lost wake-up only delays the notifier until its next tick.
      await deps.onEvents?.(report.events).catch((err: Error) => log.warn({ err }, 'could not wake the notifier'));
    }
    await history('stored', report.created + report.itemsAttached);
    return { status: 'stored', created: report.created, updated: report.updated, events: report.events, baseline: report.baseline };
  } catch (err) {
    const deferredMs = deferralOf(err);
    if (deferredMs !== null) {
      log.info({ code: (err as DocketwatchError).code, retryAfterMs: deferredMs }, 'poll deferred');
      await recordPollDeferred(deps.db, source, Math.ceil(deferredMs / 1000));
      await history('deferred', 0, (err as DocketwatchError).code);
      return { status: 'deferred', ...EMPTY };
    }
    const code = isDocketwatchError(err) ? err.code : 'POLL_FAILED';
    const retryAfterMs = isDocketwatchError(err) ? (err.context.retryAfterMs as number | undefined) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ code, err }, 'poll failed');
    await recordPollFailure(deps.db, source, {
      code,
      message,
      retryAfterSeconds: retryAfterMs ? Math.ceil(retryAfterMs / 1000) : null,
    });
    await history('failed', 0, code);
    return { status: 'failed', ...EMPTY };
  }
}

/** A source read over HTTP honours its site's robots.txt, unless its operator has the site's permission (ignoreRobots). */
async function checkRobots(deps: PollDeps, source: Source): Promise<void> {
  if (!deps.robots || source.config.ignoreRobots === true || !/^https?:\/\//i.test(source.address)) return;
  await deps.robots.check(source.address);
}

/**
 * Records the poll in the source's history. Every CourtListener source shares the account's one
 * request budget, so one then waits at least its share of it, however many there are.
 */
async function recordPollAndPace(deps: PollDeps, source: Source, poll: Parameters<typeof recordSourcePoll>[2]): Promise<void> {
  await recordSourcePoll(deps.db, source.id, poll);
  if (poll.outcome === 'deferred' || source.kind !== 'courtlistener' || !deps.courtListener) return;
  const sharing = await countEnabledSources(deps.db, source.kind);
  await holdNextCheckFor(deps.db, source.id, effectiveIntervalSeconds(source, { limits: deps.courtListener.rateLimits, sources: sharing }));
}

/**
 * How long to come back after, when the poll was stopped by politeness rather than by the source:
 * the host is held after a Retry-After (asked of this source or another on the host), its request
 * slots stayed full, or it (or the CourtListener budget) rate-limited us and said until when.
 */
function deferralOf(err: unknown): number | null {
  if (!isDocketwatchError(err) || !['FETCH_HOST_HELD', 'FETCH_HOST_BUSY', 'FETCH_RATE_LIMITED'].includes(err.code)) return null;
  const retryAfterMs = err.context.retryAfterMs;
  return typeof retryAfterMs === 'number' ? retryAfterMs : null;
}

/** Runs the fetch and parse while a heartbeat renews the source's short lease; stops before the result is recorded. */
async function fetchHoldingLease<T>(deps: PollDeps, sourceId: number, fetch: () => Promise<T>): Promise<T> {
  const leaseSeconds = deps.runningLeaseSeconds ?? RUNNING_POLL_LEASE_SECONDS;
  const heartbeat = startHeartbeat(
    () => renewSourceLease(deps.db, sourceId, leaseSeconds),
    (leaseSeconds * 1000) / 3,
    (err) => deps.log.warn({ err, sourceId }, 'could not renew the poll lease'),
  );
  try {
    return await fetch();
  } finally {
    await heartbeat.stop();
  }
}

/** A source's own request deadline when its config names none: this many times its slowest recent healthy poll… */
const DEADLINE_FACTOR = 8;
/** …but never below this (a fast site having a slow moment is not hung)… */
const MIN_DEADLINE_MS = 5_000;

/**
 * The HTTP a poll fetches through, each request bounded by the source's own deadline: its config's
 * `deadlineSeconds`, else eight times its slowest recent healthy poll (at least 5 s), else the
 * client's default while it has too little history. So a hung upstream holds the slot for seconds.
 */
function pollHttpOf(deps: PollDeps, source: Source, slowest: number | null): PollHttp {
  const configured = source.config.deadlineSeconds;
  if (typeof configured === 'number' && configured > 0) return withRequestDeadline(deps.http, configured * 1000);
  return slowest === null ? deps.http : withRequestDeadline(deps.http, Math.max(MIN_DEADLINE_MS, DEADLINE_FACTOR * slowest));
}
