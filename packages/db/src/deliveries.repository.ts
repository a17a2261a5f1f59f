import { sql } from 'kysely';
import type { Db } from './connect';
import type { Delivery, Docket, Entry, Item, Matter, OutboxKind, Subscription } from './schema';

/**
 * Turns outbox events into one delivery row per (event, subscription, channel). The unique key
 * makes this safe to run any number of times, from any number of notifiers at once.
 * Returns how many events it handled and the ids of the deliveries it created.
 */
export async function fanOutPendingEvents(db: Db, options: { limit: number }): Promise<{ events: number; deliveryIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('outbox_events')
      .select('id')
      .where('fanned_out_at', 'is', null)
      .orderBy('id')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return { events: 0, deliveryIds: [] };
    const ids = events.map((e) => e.id);
    const created = await trx
      .insertInto('deliveries')
      .columns(['event_id', 'subscription_id', 'channel'])
      .expression((eb) =>
        eb
          .selectFrom('outbox_events as e')
          .innerJoin('subscriptions as s', (join) =>
            join
              .onRef('s.matter_id', '=', 'e.matter_id')
              .on((on) => on.or([on('s.docket_id', 'is', null), on('s.docket_id', '=', on.ref('e.docket_id'))])),
          )
          .select(['e.id', 's.id', 's.channel'])
          .where('e.id', 'in', ids)
          .where('s.active', '=', true),
      )
      .onConflict((oc) => oc.columns(['event_id', 'subscription_id', 'channel']).doNothing())
      .returning('id')
      .execute();
    await trx.updateTable('outbox_events').set({ fanned_out_at: new Date() }).where('id', 'in', ids).execute();
    return { events: ids.length, deliveryIds: created.map((d) => d.id) };
  });
}

/**
 * Claims a delivery for sending. Only a pending delivery that is due, or one whose sender has held
 * it past the lease (the sender died), can be claimed; a sent one never can.
 */
export async function claimDelivery(db: Db, id: number, leaseSeconds: number): Promise<Delivery | undefined> {
  return db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', claimed_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${leaseSeconds})`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function markDeliverySent(db: Db, id: number, providerMessageId: string | null): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, provider_message_id: providerMessageId, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markDeliveryFailed(
  db: Db,
  id: number,
  failure: { message: string; permanent: boolean; retryInSeconds: number; maxAttempts: number },
): Promise<Delivery['status']> {
  const row = await db
    .updateTable('deliveries')
    .set((eb) => ({
      status: failure.permanent
        ? sql<'dead'>`'dead'`
        : eb
            .case()
            .when('attempts', '>=', failure.maxAttempts)
            .then(sql<'dead'>`'dead'`)
            .else(sql<'pending'>`'pending'`)
            .end(),
      last_error: failure.message.slice(0, 1000),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${failure.retryInSeconds})`,
      claimed_at: null,
    }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .returning('status')
    .executeTakeFirst();
  return row?.status ?? 'sending';
}

/** Deliveries that should be in flight but may have lost their job (Redis flushed, worker killed). */
export async function findDueDeliveries(
  db: Db,
  options: { limit: number; leaseSeconds: number },
): Promise<{ id: number; attempts: number }[]> {
  return db
    .selectFrom('deliveries')
    .select(['id', 'attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', sql<Date>`now()`)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${options.leaseSeconds})`)]),
      ]),
    )
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

export type DeliverySubject = { type: 'entry'; entry: Entry; docket: Docket } | { type: 'item'; item: Item };

export interface DeliveryContext {
  delivery: Delivery;
  subscription: Subscription;
  event: { id: number; kind: OutboxKind };
  matter: Matter;
  subject: DeliverySubject;
}

export async function loadDeliveryContext(db: Db, delivery: Delivery): Promise<DeliveryContext | undefined> {
  const subscription = await db.selectFrom('subscriptions').selectAll().where('id', '=', delivery.subscription_id).executeTakeFirst();
  const event = await db
    .selectFrom('outbox_events')
    .select(['id', 'kind', 'entry_id', 'item_id', 'matter_id'])
    .where('id', '=', delivery.event_id)
    .executeTakeFirst();
  if (!subscription || !event) return undefined;
  const matter = await db.selectFrom('matters').selectAll().where('id', '=', event.matter_id).executeTakeFirst();
  if (!matter) return undefined;
  let subject: DeliverySubject | undefined;
  if (event.entry_id !== null) {
    const entry = await db.selectFrom('entries').selectAll().where('id', '=', event.entry_id).executeTakeFirst();
    const docket = entry && (await db.selectFrom('dockets').selectAll().where('id', '=', entry.docket_id).executeTakeFirst());
    if (entry && docket) subject = { type: 'entry', entry, docket };
  } else if (event.item_id !== null) {
    const item = await db.selectFrom('items').selectAll().where('id', '=', event.item_id).executeTakeFirst();
    if (item) subject = { type: 'item', item };
  }
  if (!subject) return undefined;
  return { delivery, subscription, event: { id: event.id, kind: event.kind }, matter, subject };
}

export async function deliveryCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
