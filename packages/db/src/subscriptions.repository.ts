import { sql } from 'kysely';
import type { Db } from './connect';
import type { ChannelId, DeliveryMode, SourceFilter, Subscription, SubscriptionStatus } from './schema';

export interface SubscriptionInput {
  matterId: number | null;
  docketId?: number | null;
  channel: ChannelId;
  target: string;
  label?: string;
  query?: string | null;
  classes?: string[] | null;
  sourceFilter?: SourceFilter;
  mode?: DeliveryMode;
  timeZone?: string;
  digestHour?: number;
  digestSendEmpty?: boolean;
  ownerEmail?: string | null;
  webhookSecrets?: string[];
  /**
   * Whether `webhookSecrets` replaces the stored ones (the catalogue lists them, rotation included).
   * Otherwise an existing subscription keeps its secrets: a repeated API request must not silently
   * invalidate the secret its receiver holds.
   */
  replaceSecrets?: boolean;
  /** Status for a new subscription; an existing one keeps its status (an unsubscribe sticks). */
  status?: SubscriptionStatus;
  confirmTokenHash?: string | null;
}

/**
 * Creates or updates a subscription, identified by its scope, channel and target. Settings are
 * updated; the status is not, so reloading a catalogue never re-subscribes someone who left.
 */
export async function upsertSubscription(db: Db, input: SubscriptionInput): Promise<Subscription> {
  const docketId = input.docketId ?? null;
  const settings = {
    label: input.label ?? '',
    query: input.query ?? null,
    classes: input.classes && input.classes.length > 0 ? JSON.stringify(input.classes) : null,
    source_filter: input.sourceFilter ?? 'all',
    mode: input.mode ?? 'immediate',
    time_zone: input.timeZone ?? 'America/New_York',
    digest_hour: input.digestHour ?? 7,
    digest_send_empty: input.digestSendEmpty ?? false,
    owner_email: input.ownerEmail ?? null,
    webhook_secrets: JSON.stringify(input.webhookSecrets ?? []),
  };
  const found = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where(sql<number>`coalesce(matter_id, 0)`, '=', input.matterId ?? 0)
    .where(sql<number>`coalesce(docket_id, 0)`, '=', docketId ?? 0)
    .where(sql<string>`coalesce(query, '')`, '=', input.query ?? '')
    .where('channel', '=', input.channel)
    .where('target', '=', input.target)
    .executeTakeFirst();
  if (found) {
    const update =
      input.replaceSecrets || found.webhook_secrets.length === 0
        ? settings
        : { ...settings, webhook_secrets: JSON.stringify(found.webhook_secrets) };
    return db.updateTable('subscriptions').set(update).where('id', '=', found.id).returningAll().executeTakeFirstOrThrow();
  }
  return db
    .insertInto('subscriptions')
    .values({
      matter_id: input.matterId,
      docket_id: docketId,
      channel: input.channel,
      target: input.target,
      ...settings,
      status: input.status ?? 'active',
      confirm_token_hash: input.confirmTokenHash ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: Db, matterId?: number): Promise<Subscription[]> {
  let q = db.selectFrom('subscriptions').selectAll();
  if (matterId !== undefined) q = q.where('matter_id', '=', matterId);
  return q.orderBy('id').execute();
}

export async function getSubscription(db: Db, id: number): Promise<Subscription | undefined> {
  return db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Double opt-in: a pending subscription becomes active when its confirmation token comes back. */
export async function confirmSubscription(db: Db, confirmTokenHash: string): Promise<Subscription | undefined> {
  return db
    .updateTable('subscriptions')
    .set({ status: 'active', confirmed_at: sql<Date>`now()`, confirm_token_hash: null })
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/**
 * A new confirmation link for a subscription that is not active: the old link stops working, and an
 * address that unsubscribed is pending again until the new link is confirmed.
 */
export async function renewConfirmation(db: Db, id: number, confirmTokenHash: string): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ confirm_token_hash: confirmTokenHash, status: 'pending' })
    .where('id', '=', id)
    .where('status', '!=', 'active')
    .execute();
}

export async function findPendingByConfirmHash(db: Db, confirmTokenHash: string): Promise<Subscription | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Unsubscribes at once; pending deliveries to it will find it inactive and send nothing. */
export async function unsubscribe(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '!=', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) > 0;
}

/** A destination that is gone (Slack 404/410, webhook 410) is disabled, not retried forever. */
export async function disableSubscription(db: Db, id: number): Promise<void> {
  await db.updateTable('subscriptions').set({ status: 'disabled' }).where('id', '=', id).execute();
}
