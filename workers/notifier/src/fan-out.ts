import { fanOutPendingEvents, findDueDeliveries, type Db } from '@docketwatch/db';
import { pushChannelIds } from '@docketwatch/notify';
import { jobIds, type QueueSet } from '@docketwatch/queue';

/**
 * Turns new outbox events into deliveries and enqueues every delivery that is due: the new ones,
 * retries whose time has come, and any whose job was lost (Redis flushed, worker killed).
 * Postgres decides what is due; Redis only carries the work. Job ids include the attempt count,
 * so a waiting job is never doubled and a retry is never mistaken for the attempt before it.
 */
export async function fanOutAndSweep(
  deps: { db: Db; queues: QueueSet; leaseSeconds: number; coalesceSeconds?: number },
  batch = 500,
): Promise<number> {
  let handled: number;
  do {
    handled = (
      await fanOutPendingEvents(deps.db, {
        limit: batch,
        channels: pushChannelIds,
        coalesceSeconds: deps.coalesceSeconds ?? 0,
      })
    ).events;
  } while (handled === batch);
  const due = await findDueDeliveries(deps.db, { limit: batch * 20, leaseSeconds: deps.leaseSeconds });
  await deps.queues.addBulk(
    'deliver',
    due.map((d) => ({ payload: { deliveryId: d.id }, jobId: jobIds.deliver(d.id, d.attempts, d.next_attempt_at) })),
  );
  return due.length;
}
