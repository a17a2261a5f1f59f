import { escapeHtml, sha256, signToken } from '@docketwatch/core';
import {
  claimDelivery,
  claimSiblingDeliveries,
  disableSubscription,
  loadDeliveryContext,
  markDeliveriesFailed,
  markDeliveriesSent,
  releaseDeliveries,
  type Db,
  type DeliveryContext,
  type Subscription,
} from '@docketwatch/db';
import {
  DeliveryError,
  renderBatchEmail,
  renderBatchSlack,
  webhookPayloadOf,
  WEBHOOK_RETRY_DELAYS_MS,
  webhookRetrySchedule,
  withUnsubscribe,
  type AlertView,
  type EmailSender,
  type SlackSender,
  type WebhookSender,
} from '@docketwatch/notify';
import type { Logger } from '@docketwatch/log';
import type { SendSpacer } from '@docketwatch/queue';
import { alertViewOf } from './alert-view-of';

export interface DeliverDeps {
  db: Db;
  email: EmailSender;
  slack: SlackSender;
  webhook: WebhookSender;
  log: Logger;
  publicUrl: string;
  /** Signs unsubscribe links. */
  linkSecret: string;
  /** A sender that holds a delivery longer than this is presumed dead and the delivery is retried. */
  leaseSeconds: number;
  maxAttempts: number;
  /** Host part for Message-IDs. */
  mailDomain: string;
  /** Spaces Slack posts per webhook; absent: no pacing. */
  pace?: SendSpacer;
  /** Most entries combined into one message. */
  batchLimit?: number;
}

export type DeliverOutcome = 'sent' | 'skipped' | 'retry' | 'dead' | 'paced';

const SLACK_INTERVAL_MS = 1000;

/** Retry schedule for temporary e-mail and Slack failures: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelaySeconds(attempts: number, retryAfterMs: number | null): number {
  const backoff = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, Math.ceil((retryAfterMs ?? 0) / 1000));
}

export function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: number): string {
  return `${publicUrl}/u/${signToken(secret, 'unsubscribe', subscriptionId)}`;
}

/**
 * Sends one delivery, together with the subscription's other due deliveries on the same channel
 * (a burst becomes one message): claim them in Postgres, send, then mark them sent. A delivery
 * that is sent, or held by a live sender, cannot be claimed, so a duplicate job sends nothing.
 */
export async function deliver(deps: DeliverDeps, deliveryId: number): Promise<DeliverOutcome> {
  const delivery = await claimDelivery(deps.db, deliveryId, deps.leaseSeconds);
  if (!delivery) return 'skipped';
  const batch =
    delivery.channel === 'webhook'
      ? []
      : await claimSiblingDeliveries(deps.db, {
          subscriptionId: delivery.subscription_id,
          channel: delivery.channel,
          excludeId: delivery.id,
          leaseSeconds: deps.leaseSeconds,
          limit: (deps.batchLimit ?? 50) - 1,
        });
  // In the order the events happened (UPDATE … RETURNING gives the siblings in no particular order).
  const claimed = [delivery, ...batch].sort((a, b) => a.id - b.id);
  const ids = claimed.map((d) => d.id);
  const contexts = (await Promise.all(claimed.map((d) => loadDeliveryContext(deps.db, d)))).filter(
    (c): c is DeliveryContext => c !== undefined,
  );
  const subscription = contexts[0]?.subscription;
  if (!subscription || subscription.status !== 'active' || contexts.length === 0) {
    await markDeliveriesFailed(deps.db, ids, {
      message: 'subscription inactive or entry gone',
      permanent: true,
      retryInSeconds: 0,
      maxAttempts: 1,
    });
    return 'dead';
  }
  if (subscription.channel === 'slack' && deps.pace) {
    const waitMs = await deps.pace(`slack:${sha256(subscription.target).slice(0, 16)}`, SLACK_INTERVAL_MS);
    if (waitMs > 0) {
      await releaseDeliveries(deps.db, ids, waitMs);
      return 'paced';
    }
  }
  const views = contexts.map((c) => alertViewOf(c, deps.publicUrl));
  try {
    const providerMessageId = await send(deps, subscription, views, delivery.id, contexts[0]!);
    await markDeliveriesSent(deps.db, ids, providerMessageId);
    return 'sent';
  } catch (err) {
    return failed(deps, subscription, ids, delivery.attempts, err);
  }
}

async function send(
  deps: DeliverDeps,
  sub: Subscription,
  views: AlertView[],
  leadId: number,
  lead: DeliveryContext,
): Promise<string | null> {
  const options = { timeZone: sub.time_zone };
  switch (sub.channel) {
    case 'email': {
      const link = unsubscribeUrl(deps.publicUrl, deps.linkSecret, sub.id);
      const rendered = withUnsubscribe(renderBatchEmail(views, options), link);
      const sent = await deps.email.send({
        ...rendered,
        to: sub.target,
        messageId: `<delivery-${leadId}@${deps.mailDomain}>`,
        // RFC 8058 one-click unsubscribe: mail clients POST to the link; a GET only shows a page.
        headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      return sent.providerMessageId;
    }
    case 'slack':
      return (await deps.slack.send(sub.target, renderBatchSlack(views, options))).providerMessageId;
    case 'webhook': {
      // One event per webhook message; the id is fixed per delivery so receivers can deduplicate retries.
      const view = views[0]!;
      await deps.webhook.send(
        sub.target,
        { id: `msg_${leadId}`, payload: webhookPayloadOf(view, undefined, lead.delivery.created_at) },
        sub.webhook_secrets,
      );
      return `msg_${leadId}`;
    }
    default:
      throw new DeliveryError('rejected', `channel ${sub.channel} has no sender`);
  }
}

async function failed(deps: DeliverDeps, sub: Subscription, ids: number[], attempts: number, err: unknown): Promise<DeliverOutcome> {
  const e = err instanceof DeliveryError ? err : new DeliveryError('temporary', (err as Error).message ?? String(err), { cause: err });
  let permanent = e.code !== 'DELIVERY_TEMPORARY';
  let retryInSeconds = retryDelaySeconds(attempts, e.retryAfterMs);
  if (sub.channel === 'webhook' && !permanent) {
    // Standard Webhooks' schedule, with jitter; past its end the delivery is dead.
    const next = webhookRetrySchedule(attempts);
    if (next === null) permanent = true;
    else retryInSeconds = Math.max(Math.ceil(next / 1000), Math.ceil((e.retryAfterMs ?? 0) / 1000));
  }
  if (e.code === 'DELIVERY_DISABLED') {
    await disableSubscription(deps.db, sub.id);
    await tellOwner(deps, sub, e.message);
  }
  const status = await markDeliveriesFailed(deps.db, ids, {
    message: e.message,
    permanent,
    retryInSeconds,
    // Webhooks end with the schedule (attempts is a Postgres integer: no MAX_SAFE_INTEGER here).
    maxAttempts: sub.channel === 'webhook' ? WEBHOOK_RETRY_DELAYS_MS.length : deps.maxAttempts,
  });
  deps.log.warn({ deliveries: ids, channel: sub.channel, code: e.code, status }, 'delivery failed');
  return status === 'dead' ? 'dead' : 'retry';
}

/** A destination that is gone is disabled; whoever set it up hears why (best effort). */
async function tellOwner(deps: DeliverDeps, sub: Subscription, reason: string): Promise<void> {
  if (!sub.owner_email) return;
  try {
    await deps.email.send({
      to: sub.owner_email,
      messageId: `<disabled-${sub.id}@${deps.mailDomain}>`,
      subject: `docketwatch: your ${sub.channel} destination "${sub.label || sub.id}" was disabled`,
      text: `docketwatch stopped sending to ${sub.channel} destination "${sub.label || sub.id}" because it answered: ${reason}\n\nCreate a new one to resume alerts.`,
      html: `<p>docketwatch stopped sending to ${sub.channel} destination "${escapeHtml(sub.label || String(sub.id))}" because it answered: ${escapeHtml(reason)}</p>`,
    });
  } catch (err) {
    deps.log.warn({ subscriptionId: sub.id, err: (err as Error).message }, 'could not tell the owner of a disabled destination');
  }
}
