import { sql } from 'kysely';
import type { Db } from './connect';
import { subscriptionWants, type EventFacts } from '@docketwatch/core';
import type { Channel, Delivery, Docket, Entry, Item, Matter, OutboxKind, Subscription } from './schema';

/**
 * Turns outbox events into one delivery row per (event, subscription, channel) for every active,
 * immediate subscription that wants the event (matter or docket, classes, courts/press, saved search).
 * The unique key makes this safe to run any number of times, from any number of notifiers at once.
 * New deliveries wait `coalesceSeconds` so a burst in one matter goes out as one message.
 */
export async function fanOutPendingEvents(
  db: Db,
  options: { limit: number; coalesceSeconds?: number },
): Promise<{ events: number; deliveryIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('outbox_events')
      .select(['id', 'matter_id', 'docket_id', 'entry_id', 'item_id'])
      .where('fanned_out_at', 'is', null)
      .orderBy('id')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return { events: 0, deliveryIds: [] };
    const ids = events.map((e) => e.id);
    const facts = await eventFacts(trx, events);
    const matterIds = [...new Set(events.map((e) => e.matter_id))];
    const subscriptions = await trx
      .selectFrom('subscriptions')
      .select(['id', 'matter_id', 'docket_id', 'query', 'classes', 'source_filter', 'channel'])
      .where('status', '=', 'active')
      .where('mode', '=', 'immediate')
      .where('channel', 'in', ['email', 'slack', 'webhook'])
      .where((eb) => eb.or([eb('matter_id', 'in', matterIds), eb.and([eb('matter_id', 'is', null), eb('query', 'is not', null)])]))
      .execute();
    const due = new Date(Date.now() + (options.coalesceSeconds ?? 0) * 1000);
    const rows: { event_id: number; subscription_id: number; channel: Channel; next_attempt_at: Date }[] = [];
    for (const event of events) {
      const fact = facts.get(event.id);
      if (!fact) continue;
      for (const sub of subscriptions) {
        const interest = {
          matterId: sub.matter_id,
          docketId: sub.docket_id,
          query: sub.query,
          classes: sub.classes,
          sourceFilter: sub.source_filter,
        };
        if (subscriptionWants(interest, fact))
          rows.push({ event_id: event.id, subscription_id: sub.id, channel: sub.channel, next_attempt_at: due });
      }
    }
    const created: number[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const inserted = await trx
        .insertInto('deliveries')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(['event_id', 'subscription_id', 'channel']).doNothing())
        .returning('id')
        .execute();
      created.push(...inserted.map((d) => d.id));
    }
    await trx.updateTable('outbox_events').set({ fanned_out_at: new Date() }).where('id', 'in', ids).execute();
    return { events: ids.length, deliveryIds: created };
  });
}

/** What subscriptions filter on, for each event: its matter, docket, source, class and text. */
export async function eventFacts(
  db: Db,
  events: { id: number; matter_id: number; docket_id: number | null; entry_id: number | null; item_id: number | null }[],
): Promise<Map<number, EventFacts>> {
  const entryIds = events.flatMap((e) => (e.entry_id === null ? [] : [e.entry_id]));
  const itemIds = events.flatMap((e) => (e.item_id === null ? [] : [e.item_id]));
  const entries = entryIds.length
    ? await db.selectFrom('entries').select(['id', 'class', 'short_description', 'description']).where('id', 'in', entryIds).execute()
    : [];
  const items = itemIds.length
    ? await db.selectFrom('items').select(['id', 'title', 'summary', 'text']).where('id', 'in', itemIds).execute()
    : [];
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const facts = new Map<number, EventFacts>();
  for (const e of events) {
    const entry = e.entry_id === null ? undefined : entryById.get(e.entry_id);
    const item = e.item_id === null ? undefined : itemById.get(e.item_id);
    if (entry) {
      facts.set(e.id, {
        matterId: e.matter_id,
        docketId: e.docket_id,
        source: 'court',
        entryClass: entry.class,
        text: `${entry.short_description} ${entry.description}`,
      });
    } else if (item) {
      facts.set(e.id, {
        matterId: e.matter_id,
        docketId: null,
        source: 'press',
        entryClass: 'press',
        text: `${item.title} ${item.summary} ${item.text}`,
      });
    }
  }
  return facts;
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

/**
 * Claims the other due deliveries of the same subscription and channel, so a burst goes out as one
 * message. Those already held by another sender are skipped (SKIP LOCKED and the status check).
 */
export async function claimSiblingDeliveries(
  db: Db,
  input: { subscriptionId: number; channel: Channel; excludeId: number; leaseSeconds: number; limit: number },
): Promise<Delivery[]> {
  return db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', claimed_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deliveries as d')
        .select('d.id')
        .where('d.subscription_id', '=', input.subscriptionId)
        .where('d.channel', '=', input.channel)
        .where('d.id', '!=', input.excludeId)
        .where((w) =>
          w.or([
            w.and([w('d.status', '=', 'pending'), w('d.next_attempt_at', '<=', sql<Date>`now()`)]),
            w.and([w('d.status', '=', 'sending'), w('d.claimed_at', '<', sql<Date>`now() - make_interval(secs => ${input.leaseSeconds})`)]),
          ]),
        )
        .orderBy('d.id')
        .limit(input.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markDeliveriesSent(db: Db, ids: number[], providerMessageId: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, provider_message_id: providerMessageId, last_error: null })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/** A temporary failure goes back to pending with its retry time; a permanent one, or the last attempt, is dead. */
export async function markDeliveriesFailed(
  db: Db,
  ids: number[],
  failure: { message: string; permanent: boolean; retryInSeconds: number; maxAttempts: number },
): Promise<Delivery['status']> {
  if (ids.length === 0) return 'pending';
  const rows = await db
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
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .returning('status')
    .execute();
  return rows.some((r) => r.status === 'dead') ? 'dead' : 'pending';
}

/** Gives claimed deliveries back untouched (not an attempt): the channel asked us to wait. */
export async function releaseDeliveries(db: Db, ids: number[], delayMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set((eb) => ({
      status: 'pending',
      claimed_at: null,
      attempts: eb('attempts', '-', 1),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/** Dead deliveries, newest first: the dead-letter list an admin reviews. */
export async function listDeadDeliveries(db: Db, limit = 100): Promise<Delivery[]> {
  return db.selectFrom('deliveries').selectAll().where('status', '=', 'dead').orderBy('id', 'desc').limit(limit).execute();
}

/** Replays a dead delivery: it is sent again by the next sweep. */
export async function replayDelivery(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: sql<Date>`now()`, attempts: 0, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) > 0;
}

/** Deliveries that should be in flight but may have lost their job (Redis flushed, worker killed). */
export async function findDueDeliveries(
  db: Db,
  options: { limit: number; leaseSeconds: number },
): Promise<{ id: number; attempts: number; next_attempt_at: Date }[]> {
  return db
    .selectFrom('deliveries')
    .select(['id', 'attempts', 'next_attempt_at'])
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

export type EventContext = Pick<DeliveryContext, 'event' | 'matter' | 'subject'>;

/**
 * The events a digest covers: everything that happened (new and updated entries, press items
 * attached) in [start, end), with what is needed to show them.
 */
export async function eventsBetween(db: Db, start: Date, end: Date): Promise<{ ids: number[]; facts: Map<number, EventFacts> }> {
  const events = await db
    .selectFrom('outbox_events')
    .select(['id', 'matter_id', 'docket_id', 'entry_id', 'item_id'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .orderBy('id')
    .limit(5000)
    .execute();
  return { ids: events.map((e) => e.id), facts: await eventFacts(db, events) };
}

export async function loadEventContexts(db: Db, ids: number[]): Promise<EventContext[]> {
  if (ids.length === 0) return [];
  const events = await db.selectFrom('outbox_events').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const out: EventContext[] = [];
  for (const event of events) {
    const matter = await db.selectFrom('matters').selectAll().where('id', '=', event.matter_id).executeTakeFirst();
    if (!matter) continue;
    if (event.entry_id !== null) {
      const entry = await db.selectFrom('entries').selectAll().where('id', '=', event.entry_id).executeTakeFirst();
      const docket = entry && (await db.selectFrom('dockets').selectAll().where('id', '=', entry.docket_id).executeTakeFirst());
      if (entry && docket) out.push({ event: { id: event.id, kind: event.kind }, matter, subject: { type: 'entry', entry, docket } });
    } else if (event.item_id !== null) {
      const item = await db.selectFrom('items').selectAll().where('id', '=', event.item_id).executeTakeFirst();
      if (item) out.push({ event: { id: event.id, kind: event.kind }, matter, subject: { type: 'item', item } });
    }
  }
  return out;
}
