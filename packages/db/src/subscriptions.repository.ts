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
  /** Also tell of new cases found for the matter. Default false. */
  newCases?: boolean;
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
  /** When the confirmation link stops working. */
  confirmExpiresAt?: Date | null;
}

/**
 * Creates or updates a subscription, identified by its scope, channel and target. Settings are
 * updated; the status is not, so reloading a catalogue never re-subscribes someone who left.
 */
export async function upsertSubscription(db: Db, input: SubscriptionInput): Promise<Subscription> {
  const docketId = input.docketId ?? null;
  const settings = settingsOf(input);
  const found = await findByScope(db, input);
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
      confirm_expires_at: input.confirmExpiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function settingsOf(input: SubscriptionInput) {
  return {
    label: input.label ?? '',
    query: input.query ?? null,
    classes: input.classes && input.classes.length > 0 ? JSON.stringify(input.classes) : null,
    source_filter: input.sourceFilter ?? 'all',
    new_cases: input.newCases ?? false,
    mode: input.mode ?? 'immediate',
    time_zone: input.timeZone ?? 'America/New_York',
    digest_hour: input.digestHour ?? 7,
    digest_send_empty: input.digestSendEmpty ?? false,
    owner_email: input.ownerEmail ?? null,
    webhook_secrets: JSON.stringify(input.webhookSecrets ?? []),
  };
}

/** The subscription with this scope, channel and target (the unique key), if there is one. */
async function findByScope(db: Db, input: SubscriptionInput): Promise<Subscription | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where(sql<number>`coalesce(matter_id, 0)`, '=', input.matterId ?? 0)
    .where(sql<number>`coalesce(docket_id, 0)`, '=', input.docketId ?? 0)
    .where(sql<string>`coalesce(query, '')`, '=', input.query ?? '')
    .where('channel', '=', input.channel)
    .where('target', '=', input.target)
    .executeTakeFirst();
}

export async function listSubscriptions(db: Db, matterId?: number): Promise<Subscription[]> {
  let q = db.selectFrom('subscriptions').selectAll();
  if (matterId !== undefined) q = q.where('matter_id', '=', matterId);
  return q.orderBy('id').execute();
}

export async function getSubscription(db: Db, id: number): Promise<Subscription | undefined> {
  return db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Double opt-in: a pending subscription becomes active when its unexpired confirmation token comes back, once. */
export async function confirmSubscription(db: Db, confirmTokenHash: string): Promise<Subscription | undefined> {
  return db
    .updateTable('subscriptions')
    .set({ status: 'active', confirmed_at: sql<Date>`now()`, confirm_token_hash: null, confirm_expires_at: null })
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('confirm_expires_at', '>', sql<Date>`now()`)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function findPendingByConfirmHash(db: Db, confirmTokenHash: string): Promise<Subscription | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('confirm_expires_at', '>', sql<Date>`now()`)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export type SubscriptionRequest =
  /** The address already has this subscription, and it stays exactly as it is. */
  | { outcome: 'existing'; subscription: Subscription }
  /** A pending subscription holds the requested settings until its owner confirms the link. */
  | { outcome: 'pending'; subscription: Subscription };

/**
 * An unauthenticated request for alerts to an address (double opt-in). It never changes a
 * subscription that is active or paused: only its owner, through a mailed link, does that. A new
 * scope, or one that is pending, unsubscribed or disabled, becomes pending with the requested
 * settings and a fresh single-use link (earlier links stop working), active only once confirmed.
 */
export async function requestSubscription(
  db: Db,
  input: SubscriptionInput,
  confirmation: { tokenHash: string; expiresAt: Date },
): Promise<SubscriptionRequest> {
  const found = await findByScope(db, input);
  if (found && (found.status === 'active' || found.status === 'paused')) return { outcome: 'existing', subscription: found };
  const pending = {
    ...settingsOf(input),
    status: 'pending' as const,
    confirm_token_hash: confirmation.tokenHash,
    confirm_expires_at: confirmation.expiresAt,
  };
  if (found) {
    const subscription = await db
      .updateTable('subscriptions')
      .set(pending)
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { outcome: 'pending', subscription };
  }
  const subscription = await db
    .insertInto('subscriptions')
    .values({ matter_id: input.matterId, docket_id: input.docketId ?? null, channel: input.channel, target: input.target, ...pending })
    // Two requests at once for a new scope: the one that lost the race is handled as a request for the row that won.
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  return subscription ? { outcome: 'pending', subscription } : requestSubscription(db, input, confirmation);
}

/**
 * The subscriptions an address controls: those that mail it (channels whose target is an e-mail
 * address) and those it owns (`owner_email`, for Slack, webhook, feed …). Unsubscribed ones are
 * left out: they stay only to remember the "no".
 */
export async function listSubscriptionsOfAddress(db: Db, address: string, emailChannels: readonly string[]): Promise<Subscription[]> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('channel', 'in', emailChannels.length ? [...emailChannels] : ['']), eb('target', '=', address)]),
        eb(eb.fn('lower', ['owner_email']), '=', address),
      ]),
    )
    .where('status', '!=', 'unsubscribed')
    .orderBy('id')
    .execute();
}

/** What a subscription's owner may change. */
export interface SubscriptionSettings {
  classes: string[] | null;
  sourceFilter: SourceFilter;
  newCases: boolean;
  mode: DeliveryMode;
  timeZone: string;
  digestHour: number;
}

export async function updateSubscriptionSettings(
  db: Db,
  id: number,
  settings: Partial<SubscriptionSettings>,
): Promise<Subscription | undefined> {
  return db
    .updateTable('subscriptions')
    .set({
      ...(settings.classes !== undefined
        ? { classes: settings.classes && settings.classes.length > 0 ? JSON.stringify(settings.classes) : null }
        : {}),
      ...(settings.sourceFilter !== undefined ? { source_filter: settings.sourceFilter } : {}),
      ...(settings.newCases !== undefined ? { new_cases: settings.newCases } : {}),
      ...(settings.mode !== undefined ? { mode: settings.mode } : {}),
      ...(settings.timeZone !== undefined ? { time_zone: settings.timeZone } : {}),
      ...(settings.digestHour !== undefined ? { digest_hour: settings.digestHour } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Pauses an active subscription (fan-out, digests and the sender only serve active ones), or resumes a paused one. */
export async function setSubscriptionPaused(db: Db, id: number, paused: boolean): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ status: paused ? 'paused' : 'active' })
    .where('id', '=', id)
    .where('status', '=', paused ? 'active' : 'paused')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) > 0;
}

/** Removes a subscription and, with it, its deliveries and digest runs (an admin's delete). */
export async function deleteSubscription(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0) > 0;
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
