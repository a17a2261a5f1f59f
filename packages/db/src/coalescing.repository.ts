import { sql } from 'kysely';
import type { Db } from './connect';

/**
 * When new deliveries of each subscription come due, so that coalescing costs a quiet matter no
 * latency: a subscription that was sent nothing in the last `windowSeconds` is due at once (its
 * first entry goes out now, with any others of the same fan-out). One that was sent a message
 * within the window waits for that window to close, joining any deliveries already waiting for it,
 * so entries that follow go out together, at most one message a window. Only deliveries waiting to
 * be sent for the first time gather others: one waiting on a retry holds nothing back.
 */
export async function coalescedDueTimes(
  db: Db,
  subscriptionIds: readonly number[],
  options: { windowSeconds: number; now: Date },
): Promise<Map<number, Date>> {
  const due = new Map<number, Date>();
  if (subscriptionIds.length === 0 || options.windowSeconds <= 0) return due;
  const windowMs = options.windowSeconds * 1000;
  const since = new Date(options.now.getTime() - windowMs);
  const rows = await db
    .selectFrom('deliveries')
    .select([
      'subscription_id',
      // The last message that went out (or is going out) to this subscription within the window.
      sql<Date | null>`max(greatest(sent_at, claimed_at)) filter (where greatest(sent_at, claimed_at) > ${since})`.as('lastSent'),
      // The earliest first send already waiting for a window to close.
      sql<Date | null>`min(next_attempt_at) filter (where status = 'pending' and attempts = 0 and next_attempt_at > ${options.now})`.as(
        'waiting',
      ),
    ])
    .where('subscription_id', 'in', [...subscriptionIds])
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb('sent_at', '>', since), eb('claimed_at', '>', since)]))
    .groupBy('subscription_id')
    .execute();
  for (const row of rows) {
    const at = row.waiting ? new Date(row.waiting) : row.lastSent ? new Date(new Date(row.lastSent).getTime() + windowMs) : null;
    if (at && at.getTime() > options.now.getTime()) due.set(row.subscription_id, at);
  }
  return due;
}
