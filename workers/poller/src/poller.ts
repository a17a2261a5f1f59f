import type { Db } from '@docketwatch/db';
import type { HttpClient } from '@docketwatch/http';
import type { Logger } from '@docketwatch/log';
import type { CourtListenerClient } from '@docketwatch/sources';
import { closeWhenReady, startWorker, type QueueSet, type RedisConnection, type Worker } from '@docketwatch/queue';
import { pollSource } from './poll-source';
import { schedulerTick } from './scheduler-tick';

export interface PollerOptions {
  db: Db;
  http: HttpClient;
  queues: QueueSet;
  connection: RedisConnection;
  log: Logger;
  concurrency: number;
  /** Take poll jobs in this process. */
  poll: boolean;
  /** Run the scheduler tick in this process too (one or more processes may; claims never overlap). */
  schedule: boolean;
  tickMs: number;
  jobLockMs?: number;
  /** CourtListener's API, when a token is configured. */
  courtListener?: CourtListenerClient | null;
  /** How long a claimed source stays reserved if its poll job is lost. */
  claimLeaseSeconds?: number;
}

/** The poller process: scheduler ticks and poll jobs. start() and stop() are all it exposes. */
export class Poller {
  private workers: Worker[] = [];

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    const { db, http, queues, connection, log } = this.options;
    const onError = (err: Error) => log.error({ err: err.message }, 'queue error');
    if (this.options.poll) {
      this.workers.push(
        startWorker({
          key: 'pollSource',
          connection,
          prefix: queues.prefix,
          concurrency: this.options.concurrency,
          lockMs: this.options.jobLockMs,
          onError,
          handler: ({ sourceId }) =>
            pollSource(
              {
                db,
                http,
                log,
                onEvents: () => queues.add('fanOut', {}),
                courtListener: this.options.courtListener ?? null,
              },
              sourceId,
            ),
        }),
      );
    }
    if (this.options.schedule) {
      this.workers.push(
        startWorker({
          key: 'tick',
          connection,
          prefix: queues.prefix,
          onError,
          handler: () =>
            schedulerTick({ db, queues, ...(this.options.claimLeaseSeconds ? { leaseSeconds: this.options.claimLeaseSeconds } : {}) }),
        }),
      );
      await queues.every('tick', this.options.tickMs, {});
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => closeWhenReady(w)));
    this.workers = [];
  }
}
