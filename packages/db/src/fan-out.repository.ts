import { subscriptionWants } from '@docketwatch/core';
import type { Db } from './connect';
import { archivedMatterIds } from './admin-matters.repository';
import { coalescedDueTimes } from './coalescing.repository';
import { eventFacts } from './event-contexts.repository';
import { subscriptionInterest } from './subscription-interest';

/**
 * Turns outbox events into one delivery row per (event, subscription, channel) for every active,
 * immediate subscription that wants the event (matter or docket, classes, courts/press, saved search).
 * The unique key makes this safe to run any number of times, from any number of notifiers at once.
 * Coalescing costs a quiet subscription nothing: its first entry is due at once, and entries that
 * follow within `coalesceSeconds` of a message wait for that window to close and go out together.
 */
export async function fanOutPendingEvents(
  db: Db,
  options: {
    limit: number;
    /** The channels docketwatch sends to (the channel registry's push channels); feeds are read, not sent. */
    channels: readonly string[];
    coalesceSeconds?: number;
  },
): Promise<{ events: number; deliveryIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('outbox_events')
      .select(['id', 'matter_id', 'docket_id', 'entry_id', 'item_id', 'case_proposal_id'])
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
    // An archived matter's events are marked fanned out like any other, but alert no one.
    const archived = await archivedMatterIds(trx, matterIds);
    const subscriptions = await trx
      .selectFrom('subscriptions')
      .select(['id', 'matter_id', 'docket_id', 'query', 'classes', 'source_filter', 'new_cases', 'channel'])
      .where('status', '=', 'active')
      .where('mode', '=', 'immediate')
      .where('channel', 'in', [...options.channels])
      .where((eb) => eb.or([eb('matter_id', 'in', matterIds), eb.and([eb('matter_id', 'is', null), eb('query', 'is not', null)])]))
      .execute();
    const now = new Date();
    const windowSeconds = options.coalesceSeconds ?? 0;
    const dueBy = await coalescedDueTimes(
      trx,
      subscriptions.map((s) => s.id),
      { windowSeconds, now },
    );
    const rows: { event_id: number; subscription_id: number; channel: string; next_attempt_at: Date }[] = [];
    for (const event of events) {
      const fact = facts.get(event.id);
      if (!fact || archived.has(event.matter_id)) continue;
      for (const sub of subscriptions) {
        if (subscriptionWants(subscriptionInterest(sub), fact))
          rows.push({ event_id: event.id, subscription_id: sub.id, channel: sub.channel, next_attempt_at: dueBy.get(sub.id) ?? now });
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
