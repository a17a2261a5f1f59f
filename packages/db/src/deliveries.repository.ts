import { sql } from 'kysely';
import type { Db } from './connect';
import type { Delivery } from './schema';

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
  input: { subscriptionId: number; channel: string; excludeId: number; leaseSeconds: number; limit: number },
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

/**
 * A live sender's heartbeat: its claims stay fresh while it sends, so the claim lease can be seconds
 * long and a dead sender's deliveries are taken over almost at once.
 */
export async function renewDeliveryClaims(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ claimed_at: sql<Date>`now()` })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
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

/** Replays every dead delivery at once (after the cause is fixed); returns their ids. */
export async function replayDeadDeliveries(db: Db): Promise<number[]> {
  const rows = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: sql<Date>`now()`, attempts: 0, last_error: null })
    .where('status', '=', 'dead')
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
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
