import type { CourtListenerClient } from './client';
import { DOCKET_ALERT_SUBSCRIPTION } from './parse-docket-alerts';

export interface DocketAlertSync {
  /** Pinned ids that already had an alert. */
  existing: number[];
  /** Pinned ids an alert was created for (or would be, on a dry run). */
  created: number[];
  /** Pinned ids whose alert the account turned off on CourtListener: left as they are. */
  turnedOff: number[];
}

/**
 * Makes CourtListener send docket alerts (and so webhook events) for every pinned docket: reads the
 * account's alerts once, then creates one for each pinned id that has none. An alert someone turned
 * off on CourtListener is reported, not switched back on.
 */
export async function syncDocketAlerts(
  client: CourtListenerClient,
  pinnedIds: readonly number[],
  options: { dryRun?: boolean } = {},
): Promise<DocketAlertSync> {
  const alerts = await client.listDocketAlerts();
  const typeOf = new Map(alerts.map((a) => [a.docket, a.alertType]));
  const result: DocketAlertSync = { existing: [], created: [], turnedOff: [] };
  for (const id of new Set(pinnedIds)) {
    if (!typeOf.has(id)) {
      if (!options.dryRun) await client.createDocketAlert(id);
      result.created.push(id);
    } else if (typeOf.get(id) === DOCKET_ALERT_SUBSCRIPTION) {
      result.existing.push(id);
    } else {
      result.turnedOff.push(id);
    }
  }
  return result;
}
