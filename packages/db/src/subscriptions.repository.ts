import { sql } from 'kysely';
import type { Db } from './connect';
import type { Channel, Subscription } from './schema';

export interface SubscriptionInput {
  matterId: number;
  docketId?: number | null;
  channel: Channel;
  target: string;
  label?: string;
}

export async function upsertSubscription(db: Db, input: SubscriptionInput): Promise<Subscription> {
  const docketId = input.docketId ?? null;
  const found = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('matter_id', '=', input.matterId)
    .where(sql<number>`coalesce(docket_id, 0)`, '=', docketId ?? 0)
    .where('channel', '=', input.channel)
    .where('target', '=', input.target)
    .executeTakeFirst();
  if (found) {
    return db
      .updateTable('subscriptions')
      .set({ label: input.label ?? found.label, active: true })
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('subscriptions')
    .values({ matter_id: input.matterId, docket_id: docketId, channel: input.channel, target: input.target, label: input.label ?? '' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: Db, matterId?: number): Promise<Subscription[]> {
  let q = db.selectFrom('subscriptions').selectAll();
  if (matterId !== undefined) q = q.where('matter_id', '=', matterId);
  return q.orderBy('id').execute();
}
