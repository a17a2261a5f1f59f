import { listWebhooksAwaitingIngest, type Db } from '@docketwatch/db';
import { ingestReceivedWebhook } from '@docketwatch/ingest';
import type { Logger } from '@docketwatch/log';

/** How often the sweep looks for webhook events whose job was lost. */
export const WEBHOOK_SWEEP_MS = 60_000;
/** An event still waiting this long after it arrived has lost its job (which runs within seconds). */
const LOST_AFTER_SECONDS = 60;
const SWEEP_BATCH = 100;

export interface IngestWebhooksDeps {
  db: Db;
  log: Logger;
  /** Wakes the notifier; if it fails, the notifier's own sweep sends the alerts a little later. */
  onEvents: () => Promise<unknown>;
}

/**
 * The ingest-webhooks job. The receiver only keeps an event and answers (CourtListener waits one
 * second); this reads it into the timeline: the event named, or, with none named, every event whose
 * job was lost. An event that does not ingest is kept as failed for `docketwatch inbound replay`.
 */
export async function ingestWebhooks(deps: IngestWebhooksDeps, messageId?: number): Promise<{ ingested: number; events: number }> {
  const ids =
    messageId !== undefined
      ? [messageId]
      : await listWebhooksAwaitingIngest(deps.db, { olderThanSeconds: LOST_AFTER_SECONDS, limit: SWEEP_BATCH });
  let ingested = 0;
  let events = 0;
  for (const id of ids) {
    const outcome = await ingestReceivedWebhook(deps.db, id);
    if (outcome?.status === 'ingested') {
      ingested++;
      events += outcome.report.events;
    } else if (outcome) {
      deps.log.warn({ messageId: id, reason: outcome.reason }, 'webhook event kept without ingesting it');
    }
  }
  if (events > 0) {
    await deps.onEvents().catch((err: unknown) => deps.log.warn({ err }, 'could not wake the notifier'));
  }
  return { ingested, events };
}
