import { safeHref } from '@docketwatch/core';
import { entryTitle, type AlertView } from '../../alert-view';

/**
 * Event types, full-stop delimited and hierarchical as the Standard Webhooks spec recommends. A type
 * names the schema of `data`: `docket.entry.*` (a court's docket entry) and `press.item.*` (a press
 * release or statement attached to the matter) both carry a DocketEntryEventData.
 */
export type WebhookEventType = 'docket.entry.created' | 'docket.entry.updated' | 'press.item.created' | 'press.item.updated';

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'docket.entry.created',
  'docket.entry.updated',
  'press.item.created',
  'press.item.updated',
];

/** The `data` of a `docket.entry.*` or `press.item.*` event: the alert's fields, as JSON. */
export interface DocketEntryEventData {
  /** `court` for docket entries, `press` for press items. */
  source: 'court' | 'press';
  /** The entry's class (order, opinion, routine…) or `press`. */
  entryClass: string;
  matterName: string;
  matterUrl: string;
  /** CourtListener court id (`mdd`, `ca4`, `scotus`); `press` for press items. */
  court: string;
  /** The court's name, or for press items the publisher. */
  courtName: string;
  /** Empty for press items. */
  docketNumber: string;
  caseName: string;
  entryNumber: string | null;
  /** ISO date or date-time as the court gave it. */
  filedAt: string;
  /** One line naming the entry (as in the e-mail subject). */
  title: string;
  shortDescription: string;
  description: string;
  /** http(s) only; anything else the court printed is dropped. */
  documentUrl: string | null;
  /** Press items: who published it. */
  publisher: string | null;
}

/** The body of every webhook: `{ type, timestamp, data }` (Standard Webhooks' payload structure). */
export interface WebhookPayload<T extends string = string, D = unknown> {
  type: T;
  /** When the event happened (ISO 8601, UTC): the same on every retry, unlike `webhook-timestamp`. */
  timestamp: string;
  data: D;
}

export type DocketEntryWebhookPayload = WebhookPayload<WebhookEventType, DocketEntryEventData>;

export function webhookEventTypeOf(view: AlertView): WebhookEventType {
  const prefix = view.source === 'press' ? 'press.item' : 'docket.entry';
  return `${prefix}.${view.kind === 'updated' ? 'updated' : 'created'}`;
}

/**
 * The webhook payload for one alert. `occurredAt` is when the event happened (the outbox event's
 * creation time); pass it so that a retried delivery carries the same payload. The event type
 * defaults to the view's source and kind (a new court entry → docket.entry.created, an updated
 * press item → press.item.updated).
 */
export function webhookPayloadOf(
  view: AlertView,
  eventType: WebhookEventType = webhookEventTypeOf(view),
  occurredAt: Date = new Date(),
): DocketEntryWebhookPayload {
  if (Number.isNaN(occurredAt.getTime())) throw new RangeError('occurredAt is not a valid date');
  return {
    type: eventType,
    timestamp: occurredAt.toISOString(),
    data: {
      source: view.source,
      entryClass: view.entryClass,
      matterName: view.matterName,
      matterUrl: view.matterUrl,
      court: view.court,
      courtName: view.courtName,
      docketNumber: view.docketNumber,
      caseName: view.caseName,
      entryNumber: view.entryNumber,
      filedAt: view.filedAt,
      title: entryTitle(view),
      shortDescription: view.shortDescription,
      description: view.description,
      documentUrl: safeHref(view.documentUrl),
      publisher: view.publisher ?? null,
    },
  };
}
