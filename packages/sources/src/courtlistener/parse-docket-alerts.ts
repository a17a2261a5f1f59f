/**
 * The account's CourtListener docket alerts: GET /api/rest/v4/docket-alerts/ (cl/alerts/api_views.py
 * DocketAlertViewSet, the token owner's alerts only). Each is a DocketAlert (cl/alerts/models.py)
 * serialised whole (cl/alerts/api_serializers.py DocketAlertSerializer: `docket` is the docket's id,
 * `alert_type` 1 a subscription and 0 an unsubscription).
 */
import { ParseError } from '@docketwatch/core';
import { isObject, optionalInteger, readJsonObject } from './json-input';
import { readNextLink } from './parse-docket-entries';

const WHAT = 'CourtListener docket alerts';

/** DocketAlert.SUBSCRIPTION: the alert sends; UNSUBSCRIPTION (0) is one the user turned off. */
export const DOCKET_ALERT_SUBSCRIPTION = 1;

export interface CourtListenerDocketAlert {
  id: number;
  /** The CourtListener docket id the alert follows. */
  docket: number;
  alertType: number | null;
}

function readAlert(raw: unknown, path: string): CourtListenerDocketAlert {
  if (!isObject(raw)) throw new ParseError('PARSE_MALFORMED', `${WHAT}: ${path} should be an object`, { field: path });
  const id = optionalInteger(raw, 'id', WHAT, path);
  const docket = optionalInteger(raw, 'docket', WHAT, path);
  if (id === null || docket === null) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: ${path} needs an id and a docket`, { field: path });
  }
  return { id, docket, alertType: optionalInteger(raw, 'alert_type', WHAT, path) };
}

/** One list page of docket alerts and the link to the next. */
export function readDocketAlertsPage(json: string): { alerts: CourtListenerDocketAlert[]; next: string | null } {
  const body = readJsonObject(json, WHAT);
  if (!Array.isArray(body.results)) throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: no "results" list`);
  return { alerts: body.results.map((raw, i) => readAlert(raw, `results[${i}]`)), next: readNextLink(body, WHAT) };
}

/** The alert POST /api/rest/v4/docket-alerts/ answered with. */
export function readCreatedDocketAlert(json: string): CourtListenerDocketAlert {
  return readAlert(readJsonObject(json, WHAT), 'the created alert');
}
