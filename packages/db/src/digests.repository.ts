import { sql } from 'kysely';
import type { Db } from './connect';
import type { Subscription } from './schema';

export async function dueDigestSubscriptions(db: Db): Promise<Subscription[]> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('status', '=', 'active')
    .where('mode', '=', 'digest')
    .where('channel', '=', 'email')
    .execute();
}

/**
 * Claims one subscription's digest window. The unique (subscription, window_end) row is the claim:
 * of two sweepers, exactly one inserts it. A claim left by a sweeper that died is released after
 * `staleSeconds` so the digest is not lost.
 */
export async function claimDigestWindow(
  db: Db,
  input: { subscriptionId: number; windowStart: Date; windowEnd: Date; staleSeconds: number },
): Promise<number | null> {
  await db
    .deleteFrom('digest_runs')
    .where('subscription_id', '=', input.subscriptionId)
    .where('window_end', '=', input.windowEnd)
    .where('status', '=', 'claimed')
    .where('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${input.staleSeconds})`)
    .execute();
  const row = await db
    .insertInto('digest_runs')
    .values({ subscription_id: input.subscriptionId, window_start: input.windowStart, window_end: input.windowEnd })
    .onConflict((oc) => oc.columns(['subscription_id', 'window_end']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function finishDigestRun(
  db: Db,
  input: { runId: number; subscriptionId: number; windowEnd: Date; status: 'sent' | 'skipped'; items: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('digest_runs')
      .set({ status: input.status, items: input.items, sent_at: input.status === 'sent' ? sql<Date>`now()` : null })
      .where('id', '=', input.runId)
      .execute();
    await trx.updateTable('subscriptions').set({ last_digest_at: input.windowEnd }).where('id', '=', input.subscriptionId).execute();
  });
}

/** A recipient refused for good: the run records why and the window closes. */
export async function failDigestRun(
  db: Db,
  input: { runId: number; subscriptionId: number; windowEnd: Date; error: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('digest_runs')
      .set({ status: 'failed', error: input.error.slice(0, 1000) })
      .where('id', '=', input.runId)
      .execute();
    await trx.updateTable('subscriptions').set({ last_digest_at: input.windowEnd }).where('id', '=', input.subscriptionId).execute();
  });
}

/** A failed send gives the window back, so the next sweep tries again. */
export async function releaseDigestRun(db: Db, runId: number): Promise<void> {
  await db.deleteFrom('digest_runs').where('id', '=', runId).where('status', '=', 'claimed').execute();
}
