import { isDocketwatchError, sha256, type ParsedDocument } from '@docketwatch/core';
import {
  findTrackedDocket,
  getSource,
  recordCaption,
  recordPollFailure,
  recordPollSuccess,
  storeDocketEntries,
  type Db,
  type Docket,
  type Source,
} from '@docketwatch/db';
import { decodeBody, type HttpClient } from '@docketwatch/http';
import { parseDocument } from '@docketwatch/sources';
import type { Logger } from '@docketwatch/log';

export interface PollDeps {
  db: Db;
  http: HttpClient;
  log: Logger;
  /** Called after a poll committed outbox events, to wake the notifier without waiting for its tick. */
  onEvents?: (count: number) => Promise<void>;
}

export type PollStatus = 'not-modified' | 'unchanged' | 'stored' | 'failed' | 'skipped';

export interface PollReport {
  status: PollStatus;
  created: number;
  updated: number;
  events: number;
  baseline: boolean;
}

const EMPTY: Omit<PollReport, 'status'> = { created: 0, updated: 0, events: 0, baseline: false };

/**
 * Polls one source once: conditional fetch, parse, and one transaction that stores entries,
 * sightings, outbox events and the source's new state together. A poll killed part-way
 * leaves nothing half-written; the next poll does the work again from the same state.
 * Failures are recorded on the source (health, backoff) rather than thrown: the schedule retries.
 */
export async function pollSource(deps: PollDeps, sourceId: number): Promise<PollReport> {
  const source = await getSource(deps.db, sourceId);
  if (!source || !source.enabled) return { status: 'skipped', ...EMPTY };
  const log = deps.log.child({ sourceId, kind: source.kind });
  try {
    const res = await deps.http.get(source.url, { etag: source.etag, lastModified: source.last_modified });
    if (res.notModified) {
      await recordPollSuccess(deps.db, source, {});
      return { status: 'not-modified', ...EMPTY };
    }
    const bodyHash = sha256(res.body);
    const validators = { etag: res.etag, lastModified: res.lastModified, bodyHash };
    if (bodyHash === source.body_hash) {
      await recordPollSuccess(deps.db, source, validators);
      return { status: 'unchanged', ...EMPTY };
    }
    const document = parseDocument(decodeBody(res.body, res.contentType), {
      format: source.kind,
      ...(source.court ? { court: source.court } : {}),
    });
    const report = await storeDocument(deps.db, source, document, validators);
    if (report.events > 0) {
      log.info({ created: report.created, updated: report.updated }, 'new docket activity');
      await deps.onEvents?.(report.events);
    }
    return report;
  } catch (err) {
    const code = isDocketwatchError(err) ? err.code : 'POLL_FAILED';
    const retryAfterMs = isDocketwatchError(err) ? (err.context.retryAfterMs as number | undefined) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ code, err: message }, 'poll failed');
    await recordPollFailure(deps.db, source, {
      code,
      message,
      retryAfterSeconds: retryAfterMs ? Math.ceil(retryAfterMs / 1000) : null,
    });
    return { status: 'failed', ...EMPTY };
  }
}

async function storeDocument(
  db: Db,
  source: Source,
  document: ParsedDocument,
  validators: { etag: string | null; lastModified: string | null; bodyHash: string },
): Promise<PollReport> {
  const baseline = source.baseline_at === null;
  return db.transaction().execute(async (trx) => {
    const report: PollReport = { status: 'stored', ...EMPTY, baseline };
    for (const parsed of document.dockets) {
      const docket = await docketFor(trx, source, parsed.court, parsed.docketNumber, parsed.pacerCaseId);
      if (!docket) continue;
      await recordCaption(trx, docket, parsed.caseName);
      const stored = await storeDocketEntries(trx, { sourceId: source.id, docket, entries: parsed.entries, baseline });
      report.created += stored.created;
      report.updated += stored.updated;
      report.events += stored.events;
    }
    await recordPollSuccess(trx, source, { ...validators, baseline: true });
    return report;
  });
}

/**
 * A court-wide feed carries every case in the court; only tracked dockets are kept.
 * A single-docket source (a Supreme Court docket) stores into its own docket.
 */
async function docketFor(
  db: Db,
  source: Source,
  court: string,
  docketNumber: string,
  pacerCaseId: string | null,
): Promise<Docket | undefined> {
  if (source.docket_id !== null) {
    return db.selectFrom('dockets').selectAll().where('id', '=', source.docket_id).executeTakeFirst();
  }
  return findTrackedDocket(db, source.court ?? court, docketNumber, pacerCaseId);
}
