/**
 * Parser for CourtListener's "Docket Alert" webhook event (cl/api/templates/webhooks-docs-vlatest.html,
 * #docket-alerts). The event is {"webhook": {...}, "payload": {"results": [docket entries]}}; it is
 * built in cl/api/tasks.py send_docket_alert_webhook_events with cl/corpus_importer/api_serializers.py
 * DocketEntrySerializer, so each result is a whole DocketEntry (minus tags) whose `docket` is the
 * CourtListener docket id: the only thing in the event that says which case it is about.
 *
 * So parsing is two steps. readDocketAlertWebhook checks the event and groups its entries by
 * CourtListener docket id; the caller looks those ids up (our dockets remember theirs), and
 * resolveDocketAlert turns the groups it knows into the parse contract. Entry times need the
 * court (for its time zone), which is why entries are only converted once the docket is known.
 * The receiver's own concerns (Idempotency-Key dedupe, sender allow-list) stay with the receiver.
 */
import { normaliseDocketNumber, ParseError } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument } from '@docketwatch/core';
import { isObject, readJsonObject } from './json-input';
import { maxSequence } from './parse-docket-entries';
import { readEntry, type CourtListenerEntry } from './read-entry';
import { toParsedEntry } from './to-parsed-entry';

const WHAT = 'CourtListener webhook';

/** cl/api/models.py WebhookEventType. */
const EVENT_TYPES: Record<number, string> = {
  1: 'DOCKET_ALERT',
  2: 'SEARCH_ALERT',
  3: 'RECAP_FETCH',
  4: 'OLD_DOCKET_ALERTS_REPORT',
  5: 'PRAY_AND_PAY',
};
const DOCKET_ALERT = 1;

export interface DocketAlertGroup {
  courtListenerDocketId: number;
  /** The event's entries for this docket, in event order. */
  entries: CourtListenerEntry[];
  /** The highest RECAP sequence number among them; null when none has one. */
  lastSequence: string | null;
}

export interface DocketAlertEvent {
  /** webhook.version: the event format version (1 or 2 today; "integer" in the docs). */
  webhookVersion: number;
  eventType: 'DOCKET_ALERT';
  /** webhook.deprecation_date: when this event version is retired, if scheduled. Worth logging. */
  deprecationDate: string | null;
  /** New entries grouped by CourtListener docket id, dockets in order of first appearance. */
  dockets: DocketAlertGroup[];
}

/** What the caller knows about a CourtListener docket it follows. */
export interface DocketRef {
  court: string;
  docketNumber: string;
  caseName?: string;
  pacerCaseId?: string | null;
}

/** Maps a CourtListener docket id to our docket; null or undefined when we do not follow it. */
export type DocketLookup = (courtListenerDocketId: number) => DocketRef | null | undefined;

export interface ParsedDocketAlert {
  webhookVersion: number;
  eventType: 'DOCKET_ALERT';
  deprecationDate: string | null;
  /** The dockets the lookup knew, each with its CourtListener id, in event order. */
  dockets: Array<ParsedDocket & { courtListenerDocketId: number; lastSequence: string | null }>;
  /** The same dockets in the parse contract, ready for the pipeline. */
  document: ParsedDocument;
  /** Dockets in the event the lookup did not know (an alert nobody here follows any more). */
  unresolved: Array<{ courtListenerDocketId: number; entryCount: number }>;
}

function readWebhookKey(body: Record<string, unknown>): { version: number; eventType: number; deprecationDate: string | null } {
  const webhook = body.webhook;
  if (!isObject(webhook)) {
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: no "webhook" object; not a CourtListener webhook event`);
  }
  const { version, event_type: eventType, deprecation_date: deprecation } = webhook;
  if (typeof eventType !== 'number' || !Number.isInteger(eventType)) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: webhook.event_type should be a whole number`, { field: 'webhook.event_type' });
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: webhook.version should be a positive whole number`, { field: 'webhook.version' });
  }
  return { version, eventType, deprecationDate: typeof deprecation === 'string' && deprecation ? deprecation : null };
}

/**
 * Checks a webhook body and groups a Docket Alert event's entries by CourtListener docket.
 *
 * @throws ParseError PARSE_EMPTY, PARSE_ERROR_PAGE, PARSE_TRUNCATED; PARSE_UNRECOGNISED when the
 *   body is not a webhook event or is another event type (search alert, RECAP fetch, …);
 *   PARSE_MALFORMED when the event lacks payload.results or an entry lacks its docket id or has a
 *   field of the wrong type.
 */
export function readDocketAlertWebhook(body: string): DocketAlertEvent {
  const event = readJsonObject(body, WHAT);
  const { version, eventType, deprecationDate } = readWebhookKey(event);
  if (eventType !== DOCKET_ALERT) {
    const name = EVENT_TYPES[eventType] ?? 'unknown';
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: event type ${eventType} (${name}) is not a Docket Alert`, { eventType, name });
  }
  const payload = event.payload;
  if (!isObject(payload) || !Array.isArray(payload.results)) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: a Docket Alert needs payload.results`, { field: 'payload.results' });
  }
  const groups = new Map<number, CourtListenerEntry[]>();
  payload.results.forEach((raw, i) => {
    const entry = readEntry(raw, WHAT, `payload.results[${i}]`);
    if (entry.docketId === null) {
      throw new ParseError('PARSE_MALFORMED', `${WHAT}: payload.results[${i}] names no docket`, { field: `payload.results[${i}].docket` });
    }
    const group = groups.get(entry.docketId);
    if (group) group.push(entry);
    else groups.set(entry.docketId, [entry]);
  });
  return {
    webhookVersion: version,
    eventType: 'DOCKET_ALERT',
    deprecationDate,
    dockets: [...groups].map(([courtListenerDocketId, entries]) => ({
      courtListenerDocketId,
      entries,
      lastSequence: maxSequence(entries),
    })),
  };
}

/** Converts the groups of dockets the lookup knows into the parse contract. Pure, given a pure lookup. */
export function resolveDocketAlert(event: DocketAlertEvent, lookup: DocketLookup): ParsedDocketAlert {
  const dockets: ParsedDocketAlert['dockets'] = [];
  const unresolved: ParsedDocketAlert['unresolved'] = [];
  for (const group of event.dockets) {
    const ref = lookup(group.courtListenerDocketId);
    if (!ref) {
      unresolved.push({ courtListenerDocketId: group.courtListenerDocketId, entryCount: group.entries.length });
      continue;
    }
    const court = ref.court.trim().toLowerCase();
    dockets.push({
      courtListenerDocketId: group.courtListenerDocketId,
      lastSequence: group.lastSequence,
      court,
      docketNumber: normaliseDocketNumber(ref.docketNumber),
      caseName: ref.caseName ?? '',
      pacerCaseId: ref.pacerCaseId ?? null,
      entries: group.entries.map((entry, i) => toParsedEntry(entry, court, WHAT, i)),
    });
  }
  const document: ParsedDocument = {
    format: 'courtlistener',
    dockets: dockets.map(({ court, docketNumber, caseName, pacerCaseId, entries }) => ({
      court,
      docketNumber,
      caseName,
      pacerCaseId,
      entries,
    })),
  };
  return {
    webhookVersion: event.webhookVersion,
    eventType: event.eventType,
    deprecationDate: event.deprecationDate,
    dockets,
    document,
    unresolved,
  };
}

/** readDocketAlertWebhook then resolveDocketAlert, for callers that hold their id map already. */
export function parseDocketAlertWebhook(body: string, lookup: DocketLookup): ParsedDocketAlert {
  return resolveDocketAlert(readDocketAlertWebhook(body), lookup);
}
