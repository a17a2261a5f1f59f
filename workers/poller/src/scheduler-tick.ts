import { claimDueSources, type Db } from '@docketwatch/db';
import { jobIds, type QueueSet } from '@docketwatch/queue';
import { polledKindIds } from '@docketwatch/sources';

/** How long a claimed source stays reserved if its poll job is lost (Redis flushed, worker killed). */
export const CLAIM_LEASE_SECONDS = 120;

/**
 * One scheduler tick: claim the sources that are due in Postgres and enqueue a poll job for each,
 * with an id made of the source and its check slot, so a repeated tick adds nothing twice.
 */
export async function schedulerTick(deps: { db: Db; queues: QueueSet; leaseSeconds?: number }, limit = 200): Promise<number> {
  const claimed = await claimDueSources(deps.db, {
    limit,
    leaseSeconds: deps.leaseSeconds ?? CLAIM_LEASE_SECONDS,
    kinds: [...polledKindIds],
  });
  await deps.queues.addBulk(
    'pollSource',
    claimed.map((c) => ({ payload: { sourceId: c.id }, jobId: jobIds.poll(c.id, c.slot) })),
  );
  return claimed.length;
}
