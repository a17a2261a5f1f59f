import { claimDueSources, nextDueAt, type Db } from '@docketwatch/db';
import type { Logger } from '@docketwatch/log';
import { jobIds, type QueueSet } from '@docketwatch/queue';
import { polledKindIds } from '@docketwatch/sources';

/** How long a claimed source stays reserved while its poll job waits in the queue (if the job is lost: Redis flushed). */
export const CLAIM_LEASE_SECONDS = 120;

/** Sources claimed per query; the scheduler repeats until nothing due is left, so this bounds a query, not throughput. */
const CLAIM_BATCH = 500;

/** The longest the scheduler sleeps without looking: a new or "poll now" source waits at most this. */
const DEFAULT_IDLE_MS = 1000;

export interface SchedulerDeps {
  db: Db;
  queues: QueueSet;
  leaseSeconds?: number;
}

/**
 * Claims every source that is due in Postgres, batch after batch, and enqueues a poll job for each,
 * with an id made of the source and its check slot, so a repeated claim adds nothing twice. Several
 * schedulers may run at once: claims skip rows another holds, so each due source is claimed once.
 */
export async function enqueueDuePolls(deps: SchedulerDeps, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? CLAIM_BATCH;
  let total = 0;
  for (;;) {
    const claimed = await claimDueSources(deps.db, {
      limit: batch,
      leaseSeconds: deps.leaseSeconds ?? CLAIM_LEASE_SECONDS,
      kinds: [...polledKindIds],
    });
    await deps.queues.addBulk(
      'pollSource',
      claimed.map((c) => ({ payload: { sourceId: c.id }, jobId: jobIds.poll(c.id, c.slot) })),
    );
    total += claimed.length;
    if (claimed.length < batch) return total;
  }
}

/**
 * The scheduler: claims what is due, then sleeps until the next source falls due (at most `idleMs`,
 * so sources added or asked for meanwhile are seen soon). No per-tick cap and no tick boundary: how
 * fast N due sources are polled is decided by the pollers' concurrency and politeness alone.
 */
export class PollScheduler {
  #stopped = false;
  #wake: (() => void) | null = null;
  #running: Promise<void> | null = null;
  /** Whether the last round failed, so an outage is logged once when it starts and once when it ends. */
  #failing = false;

  constructor(private readonly deps: SchedulerDeps & { log: Logger; idleMs?: number }) {}

  start(): void {
    this.#running ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
    this.#running = null;
  }

  async #loop(): Promise<void> {
    const idleMs = this.deps.idleMs ?? DEFAULT_IDLE_MS;
    while (!this.#stopped) {
      let sleepMs = idleMs;
      try {
        await enqueueDuePolls(this.deps);
        const next = await nextDueAt(this.deps.db, [...polledKindIds]);
        if (next) sleepMs = Math.min(idleMs, Math.max(0, next.getTime() - Date.now()));
        if (this.#failing) this.deps.log.info('scheduler is claiming due sources again');
        this.#failing = false;
      } catch (err) {
        if (!this.#failing) this.deps.log.error({ err }, 'scheduler could not claim due sources; retrying every second');
        this.#failing = true;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sleepMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }
}
