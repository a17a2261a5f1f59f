import type { z } from 'zod';
import type { HttpClient } from '@docketwatch/http';
import type { AlertView } from '../alert-view';
import type { EmailSender } from './email/email-sender';

/** A subscription's destination as the sender sees it: no row types, only what a channel needs. */
export interface Destination {
  subscriptionId: number;
  /** An address or a URL. URLs carry their own credentials, so they are secrets: never logged or shown. */
  target: string;
  label: string;
  /** The subscriber's zone, for dates in the message. */
  timeZone: string;
  /** Signing secrets issued for this destination (Standard Webhooks); empty for other channels. */
  secrets: readonly string[];
}

/** One message to one destination: a lone entry, or a burst of entries in the order they happened. */
export interface OutgoingAlert {
  destination: Destination;
  /** Never more than the channel's `limits.entriesPerMessage`, so every entry given here is delivered. */
  views: AlertView[];
  /**
   * The first delivery in the message: fixed across retries, so the ids a channel derives from it
   * (Message-ID, webhook-id) let a receiver recognise a repeat.
   */
  leadDeliveryId: number;
  /** When the first event in the message happened: fixed across retries, unlike the send time. */
  occurredAt: Date;
  /** The signed one-click unsubscribe link of this subscription. */
  unsubscribeUrl: string;
  /** The signed, expiring link to the manage page of the subscription's owner. */
  manageUrl: string;
}

/**
 * The id a chat message carries (Slack's block_id, an Adaptive Card element's id) so that a message
 * sent again after a crash between the platform accepting it and the `sent` mark is recognisably the
 * same one: these platforms have no idempotency key of their own.
 */
export function repeatKeyOf(alert: Pick<OutgoingAlert, 'leadDeliveryId'>): string {
  return `docketwatch-delivery-${alert.leadDeliveryId}`;
}

/** What senders use: the one outbound HTTP client (SSRF-guarded) and the mail transport. */
export interface ChannelServices {
  http: Pick<HttpClient, 'post'>;
  mail: Pick<EmailSender, 'send'>;
  /** Host part of Message-IDs. */
  mailDomain: string;
}

/** How a subscriber names a destination: validated (API and catalogue) before it is stored. */
export interface DestinationSpec {
  /** Validates the address or URL a subscriber gives; its messages say what is expected. */
  schema: z.ZodType<string>;
  /** The stored form (e-mail addresses are compared lower-cased). */
  normalise?: (target: string) => string;
  /**
   * How a subscription comes to exist. `email-confirmation`: anyone may ask, and it stays pending
   * until the address's owner follows the link mailed to it (double opt-in). `api-key`: only an
   * authenticated caller may create it, since nothing proves who owns a URL.
   */
  optIn: 'email-confirmation' | 'api-key';
  /** Channels whose destination docketwatch makes up (a feed's private address) take no target. */
  generate?: () => string;
  /** A signing secret issued with a new destination and shown once (Standard Webhooks). */
  issueSecret?: () => string;
  /** The signing secrets a catalogue entry gives with the destination, where the channel signs. */
  catalogueSecrets?: z.ZodType<string[]>;
}

interface ChannelBase {
  /** The id stored on subscriptions and deliveries, and the key a catalogue subscription uses. */
  id: string;
  /** What people call it ("Microsoft Teams"). */
  label: string;
  destination: DestinationSpec;
  /** Whether it can carry the daily digest. */
  digest: boolean;
}

/** A channel docketwatch sends to. */
export interface PushChannel extends ChannelBase {
  delivery: 'push';
  limits: {
    /**
     * Most entries one message may carry within the platform's limits. A burst larger than this
     * becomes several messages; 1 means one message per entry (webhooks: one event per entry).
     */
    entriesPerMessage: number;
  };
  /** Least time between two messages to one destination, across every notifier (the platform's rate). */
  pacing?: { minIntervalMs: number };
  /**
   * When to retry after attempt `attempt` failed temporarily; null: give up (the delivery is dead).
   * Absent: docketwatch's default backoff and attempt limit.
   */
  retryDelayMs?: (attempt: number) => number | null;
  /**
   * Renders and sends. Failures are thrown as DeliveryError, which is how the channel classifies
   * them: `temporary` (retried, after Retry-After when given), `rejected` (this message never will
   * be accepted) or `disabled` (the destination is gone: the subscription is disabled, its owner told).
   */
  send(services: ChannelServices, alert: OutgoingAlert): Promise<{ providerMessageId: string | null }>;
}

/** A channel the subscriber reads from docketwatch (an Atom feed): nothing is sent. */
export interface PullChannel extends ChannelBase {
  delivery: 'pull';
}

export type Channel = PushChannel | PullChannel;
