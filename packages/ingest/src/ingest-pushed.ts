import { isDocketwatchError, normaliseDocketNumber } from '@docketwatch/core';
import {
  findDocketsByCourtListenerIds,
  getInboundMessage,
  getSource,
  listInboundMessagesToReplay,
  markInboundMessage,
  pollDocketSourcesNow,
  type Db,
  type InboundChannel,
  type Source,
} from '@docketwatch/db';
import {
  parseUpload,
  polledKindIds,
  pushArrivalOf,
  readDocketAlertWebhook,
  resolveDocketAlert,
  type DocketRef,
} from '@docketwatch/sources';
import { refuseForeignLinks } from './court-links';
import { ingestDocument, type IngestReport } from './ingest-document';

export interface PushedReport extends IngestReport {
  /** Dockets the pushed document named, tracked or not. */
  dockets: number;
  /** Polled sources brought forward because the push named a docket but none of its entries. */
  polledNow?: number;
}

/**
 * A CourtListener docket alert: its dockets are named by CourtListener's ids, which are looked up
 * among ours; entries of dockets nobody follows are counted, not stored.
 */
export async function ingestCourtListenerAlert(db: Db, source: Source, raw: Buffer): Promise<PushedReport & { unresolved: number }> {
  const event = readDocketAlertWebhook(raw.toString('utf8'));
  const ids = event.dockets.map((d) => d.courtListenerDocketId);
  const known = await findDocketsByCourtListenerIds(db, ids);
  const byId = new Map(known.map((d) => [d.courtlistener_id, d]));
  const alert = resolveDocketAlert(event, (id): DocketRef | undefined => {
    const d = byId.get(id);
    return d && { court: d.court, docketNumber: d.docket_number, caseName: d.case_name, pacerCaseId: d.pacer_case_id };
  });
  const report = await ingestDocument(db, { source, document: alert.document, baseline: false });
  return { ...report, dockets: alert.document.dockets.length, unresolved: alert.unresolved.length };
}

export interface PushOptions {
  /** The operator vouched for this message (`inbound replay --trust`): its links are not checked. */
  trusted?: boolean;
}

/**
 * A pushed document (mail, upload, webhook), parsed as its source's kind says. A kind that receives
 * history (uploaded docket reports) is stored without alerts. Mail reaches a public address, so a
 * notice whose links lead away from its court is refused as quarantined (uploads come with a token).
 */
export async function ingestPushed(
  db: Db,
  source: Source,
  channel: InboundChannel,
  raw: Buffer,
  options: PushOptions = {},
): Promise<PushedReport> {
  if (channel === 'webhook') return ingestCourtListenerAlert(db, source, raw);
  const document = await parseUpload(source.kind, raw);
  if (channel === 'smtp' && !options.trusted) refuseForeignLinks(document);
  const report = await ingestDocument(db, { source, document, baseline: pushArrivalOf(source.kind)?.history ?? false });
  return { ...report, dockets: document.dockets.length, polledNow: await pollSignalledDockets(db, document.dockets) };
}

/**
 * A notice that names a docket but no entry ("A new docket entry has been added for …", the
 * Supreme Court's newer mails) is a signal, not news: the docket's own sources are read at once,
 * so the entry is alerted seconds after the mail instead of at the next scheduled check.
 */
async function pollSignalledDockets(db: Db, dockets: { court: string; docketNumber: string; entries: unknown[] }[]): Promise<number> {
  let brought = 0;
  for (const docket of dockets.filter((d) => d.entries.length === 0)) {
    brought += await pollDocketSourcesNow(
      db,
      { court: docket.court, docketNumber: normaliseDocketNumber(docket.docketNumber) },
      polledKindIds,
    );
  }
  return brought;
}

export type KeptOutcome = { status: 'ingested'; report: PushedReport } | { status: 'failed' | 'quarantined'; reason: string };

/** Ingests a kept inbound message and records on its row what came of it. */
export async function ingestKept(
  db: Db,
  message: { id: number; source: Source | undefined; channel: InboundChannel; raw: Buffer },
  options: PushOptions = {},
): Promise<KeptOutcome> {
  try {
    if (!message.source) throw new Error('its source no longer exists');
    const report = await ingestPushed(db, message.source, message.channel, message.raw, options);
    await markInboundMessage(db, message.id, 'ingested');
    return { status: 'ingested', report };
  } catch (err) {
    const reason = (isDocketwatchError(err) ? `${err.code}: ${err.message}` : (err as Error).message).slice(0, 1000);
    const status = isDocketwatchError(err) && err.code === 'NOTICE_QUARANTINED' ? 'quarantined' : 'failed';
    await markInboundMessage(db, message.id, status, reason);
    return { status, reason };
  }
}

/**
 * A webhook event kept on receipt and not yet ingested: the job its receiver queued, or the sweep
 * that finds events whose job was lost. Null when it is no longer waiting (already ingested, or
 * failed and left for `inbound replay`), so a repeated job changes nothing.
 */
export async function ingestReceivedWebhook(db: Db, messageId: number): Promise<KeptOutcome | null> {
  const message = await getInboundMessage(db, messageId);
  if (!message || message.channel !== 'webhook' || message.status !== 'received') return null;
  const source = message.sourceId === null ? undefined : await getSource(db, message.sourceId);
  return ingestKept(db, { ...message, source });
}

export interface ReplayReport {
  replayed: number;
  ingested: number;
  failed: { id: number; reason: string }[];
  /** Quarantined messages left as they are: only the operator's explicit trust ingests one. */
  refused: { id: number; reason: string }[];
  events: number;
}

/**
 * Parses and ingests kept inbound messages again: by default every one that failed (after a parser
 * fix, say). Ingest is idempotent, so replaying a message that did get in adds nothing. A quarantined
 * message is ingested only when named and trusted by the operator.
 */
export async function replayInboundMessages(db: Db, options: { ids?: number[]; trust?: boolean } = {}): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, ingested: 0, failed: [], refused: [], events: 0 };
  for (const message of await listInboundMessagesToReplay(db, options.ids)) {
    if (message.status === 'quarantined' && !options.trust) {
      report.refused.push({ id: message.id, reason: message.error ?? 'quarantined' });
      continue;
    }
    report.replayed++;
    const source = message.sourceId === null ? undefined : await getSource(db, message.sourceId);
    const outcome = await ingestKept(db, { ...message, source }, { trusted: options.trust ?? false });
    if (outcome.status === 'ingested') {
      report.ingested++;
      report.events += outcome.report.events;
    } else {
      report.failed.push({ id: message.id, reason: outcome.reason });
    }
  }
  return report;
}
