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
import { parseUpload, readDocketAlertWebhook, resolveDocketAlert, type DocketRef } from '@docketwatch/sources';
import { ingestDocument, type IngestReport } from './ingest-document';

/**
 * A CourtListener docket alert: its dockets are named by CourtListener's ids, which are looked up
 * among ours; entries of dockets nobody follows are counted, not stored.
 */
export async function ingestCourtListenerAlert(db: Db, source: Source, raw: Buffer): Promise<IngestReport & { unresolved: number }> {
  const event = readDocketAlertWebhook(raw.toString('utf8'));
  const ids = event.dockets.map((d) => d.courtListenerDocketId);
  const known = await findDocketsByCourtListenerIds(db, ids);
  const byId = new Map(known.map((d) => [d.courtlistener_id!, d]));
  const alert = resolveDocketAlert(event, (id): DocketRef | undefined => {
    const d = byId.get(id);
    return d && { court: d.court, docketNumber: d.docket_number, caseName: d.case_name, pacerCaseId: d.pacer_case_id };
  });
  const report = await ingestDocument(db, { source, document: alert.document, baseline: false });
  return { ...report, unresolved: alert.unresolved.length };
}

/** A pushed document (mail, upload, webhook), parsed by what its source receives. Uploaded docket reports are history: no alerts. */
export async function ingestPushed(db: Db, source: Source, channel: InboundChannel, raw: Buffer): Promise<IngestReport> {
  if (channel === 'webhook') return ingestCourtListenerAlert(db, source, raw);
  const document = await parseUpload(source.kind, raw);
  return ingestDocument(db, { source, document, baseline: source.kind === 'pacer-docket' });
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
