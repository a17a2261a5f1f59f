import { claimDelivery, loadDeliveryContext, markDeliveryFailed, markDeliverySent, type Db } from '@docketwatch/db';
import { DeliveryError, renderEntryEmail, renderEntrySlack, type EmailSender, type SlackSender } from '@docketwatch/notify';
import type { Logger } from '@docketwatch/log';
import { alertViewOf } from './alert-view-of';

export interface DeliverDeps {
  db: Db;
  email: EmailSender;
  slack: SlackSender;
  log: Logger;
  publicUrl: string;
  /** A sender that holds a delivery longer than this is presumed dead and the delivery is retried. */
  leaseSeconds: number;
  maxAttempts: number;
  /** Host part for Message-IDs. */
  mailDomain: string;
}

export type DeliverOutcome = 'sent' | 'skipped' | 'retry' | 'dead';

/** Retry schedule for temporary failures: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelaySeconds(attempts: number, retryAfterMs: number | null): number {
  const backoff = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, Math.ceil((retryAfterMs ?? 0) / 1000));
}

/**
 * Sends one delivery: claim it in Postgres, send, then mark it sent. A delivery that is sent,
 * or held by a live sender, cannot be claimed, so a duplicate job sends nothing.
 */
export async function deliver(deps: DeliverDeps, deliveryId: number): Promise<DeliverOutcome> {
  const delivery = await claimDelivery(deps.db, deliveryId, deps.leaseSeconds);
  if (!delivery) return 'skipped';
  const ctx = await loadDeliveryContext(deps.db, delivery);
  if (!ctx || !ctx.subscription.active) {
    await markDeliveryFailed(deps.db, delivery.id, {
      message: 'subscription or entry no longer exists',
      permanent: true,
      retryInSeconds: 0,
      maxAttempts: 1,
    });
    return 'dead';
  }
  const view = alertViewOf(ctx, deps.publicUrl);
  try {
    let providerMessageId: string | null;
    if (ctx.subscription.channel === 'email') {
      const rendered = renderEntryEmail(view);
      const sent = await deps.email.send({
        ...rendered,
        to: ctx.subscription.target,
        messageId: `<delivery-${delivery.id}@${deps.mailDomain}>`,
      });
      providerMessageId = sent.providerMessageId;
    } else {
      providerMessageId = (await deps.slack.send(ctx.subscription.target, renderEntrySlack(view))).providerMessageId;
    }
    await markDeliverySent(deps.db, delivery.id, providerMessageId);
    return 'sent';
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError('temporary', (err as Error).message ?? String(err), { cause: err });
    const permanent = e.code !== 'DELIVERY_TEMPORARY';
    if (e.code === 'DELIVERY_DISABLED') {
      await deps.db.updateTable('subscriptions').set({ active: false }).where('id', '=', ctx.subscription.id).execute();
    }
    const status = await markDeliveryFailed(deps.db, delivery.id, {
      message: e.message,
      permanent,
      retryInSeconds: retryDelaySeconds(delivery.attempts, e.retryAfterMs),
      maxAttempts: deps.maxAttempts,
    });
    deps.log.warn({ deliveryId: delivery.id, channel: ctx.subscription.channel, code: e.code, status }, 'delivery failed');
    return status === 'dead' ? 'dead' : 'retry';
  }
}
