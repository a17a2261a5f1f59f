import { isDocketwatchError } from '@docketwatch/core';
import {
  findDocketsByCourtListenerIds,
  getSource,
  listInboundMessagesToReplay,
  markInboundMessage,
  type Db,
  type InboundChannel,
  type Source,
} from '@docketwatch/db';
import { parseUpload, pushArrivalOf, readDocketAlertWebhook, resolveDocketAlert, type DocketRef } from '@docketwatch/sources';
import { ingestDocument, type IngestReport } from './ingest-document';

export interface PushedReport extends IngestReport {
  /** Dockets the pushed document named, tracked or not. */
  dockets: number;
}

/**
 * A CourtListener docket alert: its dockets are named by CourtListener's ids, which are looked up
 * among ours; entries of dockets nobody follows are counted, not stored.
 */
export async function ingestCourtListenerAlert(db: Db, source: Source, raw: Buffer): Promise<PushedReport & { unresolved: number }> {
  const event = readDocketAlertWebhook(raw.toString('utf8'));
  const ids = event.dockets.map((d) => d.courtListenerDocketId);
  const known = await findDocketsByCourtListenerIds(db, ids);
  const byId = new Map(known.map((d) => [d.courtlistener_id!, d]));
  const alert = resolveDocketAlert(event, (id): DocketRef | undefined => {
    const d = byId.get(id);
    return d && { court: d.court, docketNumber: d.docket_number, caseName: d.case_name, pacerCaseId: d.pacer_case_id };
  });
  const report = await ingestDocument(db, { source, document: alert.document, baseline: false });
  return { ...report, dockets: alert.document.dockets.length, unresolved: alert.unresolved.length };
}

/**
 * A pushed document (mail, upload, webhook), parsed as its source's kind says. A kind that receives
 * history (uploaded docket reports) is stored without alerts.
 */
export async function ingestPushed(db: Db, source: Source, channel: InboundChannel, raw: Buffer): Promise<PushedReport> {
  if (channel === 'webhook') return ingestCourtListenerAlert(db, source, raw);
  const document = await parseUpload(source.kind, raw);
  const report = await ingestDocument(db, { source, document, baseline: pushArrivalOf(source.kind)?.history ?? false });
  return { ...report, dockets: document.dockets.length };
}

export interface ReplayReport {
  replayed: number;
  ingested: number;
  failed: { id: number; reason: string }[];
  events: number;
}

/**
 * Parses and ingests kept inbound messages again: by default every one that failed (after a parser
 * fix, say). Ingest is idempotent, so replaying a message that did get in adds nothing.
 */
export async function replayInboundMessages(db: Db, options: { ids?: number[] } = {}): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, ingested: 0, failed: [], events: 0 };
  for (const message of await listInboundMessagesToReplay(db, options.ids)) {
    report.replayed++;
    const source = message.sourceId === null ? undefined : await getSource(db, message.sourceId);
    try {
      if (!source) throw new Error('its source no longer exists');
      const result = await ingestPushed(db, source, message.channel, message.raw);
      await markInboundMessage(db, message.id, 'ingested');
      report.ingested++;
      report.events += result.events;
    } catch (err) {
      const reason = (isDocketwatchError(err) ? `${err.code}: ${err.message}` : (err as Error).message).slice(0, 1000);
      await markInboundMessage(db, message.id, 'failed', reason);
      report.failed.push({ id: message.id, reason });
    }
  }
  return report;
}
