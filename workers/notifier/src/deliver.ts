import { escapeHtml, sha256, signToken, startHeartbeat } from '@docketwatch/core';
import {
  claimDelivery,
  claimSiblingDeliveries,
  disableSubscription,
  getSubscription,
  loadEventContexts,
  markDeliveriesFailed,
  markDeliveriesSent,
  releaseDeliveries,
  renewDeliveryClaims,
  type Db,
  type Delivery,
  type Subscription,
} from '@docketwatch/db';
import {
  alertViewOf,
  findChannel,
  DeliveryError,
  manageLinkUrl,
  matterPageUrl,
  type ChannelServices,
  type OutgoingAlert,
  type PushChannel,
} from '@docketwatch/notify';
import type { Logger, Metrics } from '@docketwatch/log';
import type { DestinationHold, SendSpacer } from '@docketwatch/queue';

export interface DeliverDeps {
  db: Db;
  /** The HTTP client and mail transport every channel sends through. */
  services: ChannelServices;
  log: Logger;
  publicUrl: string;
  /** Signs unsubscribe and manage links. */
  linkSecret: string;
  /**
   * A claim not renewed for this long is presumed dead and the delivery is taken over. A live sender
   * renews its claims every third of it (heartbeat), so it can be seconds, not minutes.
   */
  leaseSeconds: number;
  /** Attempts before a delivery is dead, for channels without a retry schedule of their own. */
  maxAttempts: number;
  /** Spaces messages to one destination across notifiers, for channels that declare pacing; absent: no pacing. */
  space?: SendSpacer;
  /** Holds a destination that asked to wait (Retry-After) across notifiers; absent: each delivery waits alone. */
  hold?: DestinationHold;
  /** Most entries combined into one message, below each channel's own limit. */
  batchLimit?: number;
  /** Counts deliveries by channel and outcome and times entries from stored to sent; absent, nothing is measured. */
  metrics?: Metrics;
}

export type DeliverOutcome = 'sent' | 'skipped' | 'retry' | 'dead' | 'paced';

/** docketwatch's retry schedule for temporary failures: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelaySeconds(attempts: number, retryAfterMs: number | null): number {
  const backoff = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, Math.ceil((retryAfterMs ?? 0) / 1000));
}

export function unsubscribeUrl(publicUrl: string, secret: string, subscriptionId: number): string {
  return `${publicUrl}/u/${signToken(secret, 'unsubscribe', subscriptionId)}`;
}

/**
 * Sends one delivery, together with the subscription's other due deliveries (a burst goes out as
 * one message, as many entries as the channel's message can carry; the rest stay due and go in the
 * next message): claim them in Postgres, send, then mark them sent. A delivery that is sent, or held
 * by a live sender, cannot be claimed, so a duplicate job sends nothing.
 */
export async function deliver(deps: DeliverDeps, deliveryId: number): Promise<DeliverOutcome> {
  const delivery = await claimDelivery(deps.db, deliveryId, deps.leaseSeconds);
  if (!delivery) return 'skipped';
  const held = { ids: [delivery.id] };
  const heartbeat = startHeartbeat(
    () => renewDeliveryClaims(deps.db, held.ids),
    (deps.leaseSeconds * 1000) / 3,
    (err) => deps.log.warn({ err, deliveries: held.ids }, 'could not renew delivery claims'),
  );
  try {
    return await sendClaimed(deps, delivery, held);
  } finally {
    await heartbeat.stop();
  }
}

/** Everything after the claim, while the heartbeat keeps `held.ids` claimed. */
async function sendClaimed(deps: DeliverDeps, delivery: Delivery, held: { ids: number[] }): Promise<DeliverOutcome> {
  const subscription = await getSubscription(deps.db, delivery.subscription_id);
  const channel = subscription && findChannel(subscription.channel);
  if (!subscription || channel?.delivery !== 'push') {
    await giveUp(deps, delivery.channel, [delivery.id]);
    return 'dead';
  }
  const claimed = await claimBurst(deps, delivery, channel);
  const ids = claimed.map((d) => d.id);
  held.ids = ids;
  const contexts =
    subscription.status === 'active'
      ? await loadEventContexts(
          deps.db,
          claimed.map((d) => d.event_id),
        )
      : [];
  if (contexts.length === 0) {
    await giveUp(deps, delivery.channel, ids);
    return 'dead';
  }
  const destination = `${channel.id}:${sha256(subscription.target).slice(0, 16)}`;
  const waitMs = await waitForDestination(deps, channel, destination);
  if (waitMs > 0) {
    await releaseDeliveries(deps.db, ids, waitMs);
    deps.metrics?.recordDeliveries(channel.id, 'paced', ids.length);
    return 'paced';
  }
  const alert: OutgoingAlert = {
    destination: {
      subscriptionId: subscription.id,
      target: subscription.target,
      label: subscription.label,
      timeZone: subscription.time_zone,
      secrets: subscription.webhook_secrets,
    },
    views: contexts.map((c) =>
      alertViewOf(c.subject, { name: c.matter.name, url: matterPageUrl(deps.publicUrl, c.matter.slug) }, viewKind(c.event.kind)),
    ),
    leadDeliveryId: claimed[0]!.id,
    occurredAt: claimed[0]!.created_at,
    unsubscribeUrl: unsubscribeUrl(deps.publicUrl, deps.linkSecret, subscription.id),
    manageUrl: manageLinkUrl(deps.publicUrl, deps.linkSecret, subscription.id),
  };
  try {
    const { providerMessageId } = await channel.send(deps.services, alert);
    await markDeliveriesSent(deps.db, ids, providerMessageId);
    deps.metrics?.recordDeliveries(channel.id, 'sent', ids.length);
    deps.metrics?.recordDelivered(
      channel.id,
      contexts.map((c) => c.event.createdAt),
    );
    return 'sent';
  } catch (err) {
    // The destination asked everyone to wait: no notifier sends to it before then, and these
    // deliveries go (together with what else waits) the moment the hold lifts. Being asked to wait
    // is pacing, not failure: it spends no attempt, however long the destination keeps asking.
    if (err instanceof DeliveryError && err.code === 'DELIVERY_TEMPORARY' && err.retryAfterMs && deps.hold) {
      await deps.hold.holdFor(destination, err.retryAfterMs);
      await releaseDeliveries(deps.db, ids, err.retryAfterMs);
      deps.metrics?.recordDeliveries(channel.id, 'paced', ids.length);
      deps.log.info({ deliveries: ids, channel: channel.id, retryAfterMs: err.retryAfterMs }, 'destination asked to wait');
      return 'paced';
    }
    return failed(deps, channel, subscription, ids, delivery.attempts, err);
  }
}

/**
 * How long to wait before this destination may be sent to: while it is held (it answered
 * Retry-After), or until its pacing allows the next message. 0: send now (and take the pacing slot).
 */
async function waitForDestination(deps: DeliverDeps, channel: PushChannel, destination: string): Promise<number> {
  const held = (await deps.hold?.heldFor(destination)) ?? 0;
  if (held > 0) return held;
  return channel.pacing && deps.space ? deps.space(destination, channel.pacing.minIntervalMs) : 0;
}

function viewKind(eventKind: string): 'new' | 'updated' {
  return eventKind === 'entry.updated' ? 'updated' : 'new';
}

/** The delivery and, up to what one message of this channel carries, the subscription's other due ones, oldest first. */
async function claimBurst(deps: DeliverDeps, delivery: Delivery, channel: PushChannel): Promise<Delivery[]> {
  const room = Math.min(deps.batchLimit ?? 50, channel.limits.entriesPerMessage) - 1;
  const siblings =
    room <= 0
      ? []
      : await claimSiblingDeliveries(deps.db, {
          subscriptionId: delivery.subscription_id,
          channel: delivery.channel,
          excludeId: delivery.id,
          leaseSeconds: deps.leaseSeconds,
          limit: room,
        });
  // In the order the events happened (UPDATE … RETURNING gives the siblings in no particular order).
  return [delivery, ...siblings].sort((a, b) => a.id - b.id);
}

/** Nothing to send, now or later: the subscription left (or names no channel docketwatch sends to), or the entries are gone. */
async function giveUp(deps: DeliverDeps, channel: string, ids: number[]): Promise<void> {
  const message = 'subscription inactive or entry gone';
  await markDeliveriesFailed(deps.db, ids, { message, permanent: true, retryInSeconds: 0, maxAttempts: 1 });
  deps.metrics?.recordDeliveries(channel, 'dead', ids.length);
}

/** Postgres integer: "no limit of our own" for channels whose schedule decides when to stop. */
const SCHEDULE_DECIDES = 2 ** 31 - 1;

async function failed(
  deps: DeliverDeps,
  channel: PushChannel,
  sub: Subscription,
  ids: number[],
  attempts: number,
  err: unknown,
): Promise<DeliverOutcome> {
  const e = err instanceof DeliveryError ? err : new DeliveryError('temporary', (err as Error).message ?? String(err), { cause: err });
  const retryAfterSeconds = Math.ceil((e.retryAfterMs ?? 0) / 1000);
  let permanent = e.code !== 'DELIVERY_TEMPORARY';
  let retryInSeconds = retryDelaySeconds(attempts, e.retryAfterMs);
  if (channel.retryDelayMs && !permanent) {
    const next = channel.retryDelayMs(attempts);
    if (next === null) permanent = true;
    else retryInSeconds = Math.max(Math.ceil(next / 1000), retryAfterSeconds);
  }
  if (e.code === 'DELIVERY_DISABLED') {
    await disableSubscription(deps.db, sub.id);
    await tellOwner(deps, channel, sub, e.message);
  }
  const status = await markDeliveriesFailed(deps.db, ids, {
    message: e.message,
    permanent,
    retryInSeconds,
    maxAttempts: channel.retryDelayMs ? SCHEDULE_DECIDES : deps.maxAttempts,
  });
  const outcome = status === 'dead' ? 'dead' : 'retry';
  deps.metrics?.recordDeliveries(channel.id, outcome, ids.length);
  // Not the error: its message and cause can carry the destination's URL, which for webhooks is the secret.
  deps.log.warn({ deliveries: ids, channel: channel.id, code: e.code, status }, 'delivery failed');
  return outcome;
}

/** A destination that is gone is disabled; whoever set it up hears why (best effort). */
async function tellOwner(deps: DeliverDeps, channel: PushChannel, sub: Subscription, reason: string): Promise<void> {
  if (!sub.owner_email) return;
  const name = sub.label || String(sub.id);
  try {
    await deps.services.mail.send({
      to: sub.owner_email,
      messageId: `<disabled-${sub.id}@${deps.services.mailDomain}>`,
      subject: `docketwatch: your ${channel.label} destination "${name}" was disabled`,
      text: `docketwatch stopped sending to ${channel.label} destination "${name}" because it answered: ${reason}\n\nCreate a new one to resume alerts.`,
      html: `<p>docketwatch stopped sending to ${escapeHtml(channel.label)} destination "${escapeHtml(name)}" because it answered: ${escapeHtml(reason)}</p>`,
    });
  } catch (err) {
    deps.log.warn({ subscriptionId: sub.id, err }, 'could not tell the owner of a disabled destination');
  }
}
