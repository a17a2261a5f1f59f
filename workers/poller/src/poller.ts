import type { Db } from '@docketwatch/db';
import type { HttpClient, RobotsRules } from '@docketwatch/http';
import type { Logger, Metrics } from '@docketwatch/log';
import type { CourtListenerClient } from '@docketwatch/sources';
import { closeWhenReady, startWorker, type QueueSet, type RedisConnection, type Worker } from '@docketwatch/queue';
import { ingestWebhooks, WEBHOOK_SWEEP_MS } from './ingest-webhooks';
import { pollSource } from './poll-source';
import { PollScheduler } from './poll-scheduler';

export interface PollerOptions {
  db: Db;
  http: HttpClient;
  queues: QueueSet;
  connection: RedisConnection;
  log: Logger;
  concurrency: number;
  /** Take poll jobs in this process. */
  poll: boolean;
  /** Run the scheduler in this process too (one or more processes may; claims never overlap). */
  schedule: boolean;
  /** The longest the scheduler sleeps between looks for due sources. */
  schedulerIdleMs?: number;
  jobLockMs?: number;
  /** CourtListener's API, when a token is configured. */
  courtListener?: CourtListenerClient | null;
  /** Sites' robots.txt, honoured before each poll's fetch. */
  robots?: RobotsRules;
  /** How long a claimed source stays reserved if its poll job is lost. */
  claimLeaseSeconds?: number;
  /** The process's metrics, which polls record into; absent, nothing is measured. */
  metrics?: Metrics;
}

/** The poller process: the scheduler, poll jobs and webhook ingest. start() and stop() are all it exposes. */
export class Poller {
  private workers: Worker[] = [];
  private scheduler: PollScheduler | null = null;

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    const { db, http, queues, connection, log } = this.options;
    if (this.options.poll) {
      this.workers.push(
        startWorker({
          key: 'pollSource',
          connection,
          prefix: queues.prefix,
          concurrency: this.options.concurrency,
          lockMs: this.options.jobLockMs,
          // A poll whose worker died is not re-run by BullMQ: its source's short lease runs out and the
          // scheduler claims it again (one recovery path, and no second poll racing a slow first one).
          options: { maxStalledCount: 0 },
          log,
          handler: ({ sourceId }, _job, jobLog) =>
            pollSource(
              {
                db,
                http,
                log: jobLog,
                onEvents: () => queues.add('fanOut', {}),
                courtListener: this.options.courtListener ?? null,
                metrics: this.options.metrics,
                robots: this.options.robots,
              },
              sourceId,
            ),
        }),
      );
    }
    if (this.options.poll) {
      // Webhook events kept by the API, ingested here: the poller already writes entries and holds
      // the CourtListener client, and the notifier only turns events into messages.
      this.workers.push(
        startWorker({
          key: 'ingestWebhooks',
          connection,
          prefix: queues.prefix,
          lockMs: this.options.jobLockMs,
          log,
          handler: ({ messageId }, _job, jobLog) =>
            ingestWebhooks({ db, log: jobLog, onEvents: () => queues.add('fanOut', {}) }, messageId),
        }),
      );
      // The sweep for events whose job was lost: once now, so a restarted poller catches up, then every minute.
      await queues.add('ingestWebhooks', {});
      await queues.every('ingestWebhooks', WEBHOOK_SWEEP_MS, {});
    }
    if (this.options.schedule) {
      this.scheduler = new PollScheduler({
        db,
        queues,
        log: log.child({ role: 'scheduler' }),
        ...(this.options.claimLeaseSeconds ? { leaseSeconds: this.options.claimLeaseSeconds } : {}),
        ...(this.options.schedulerIdleMs ? { idleMs: this.options.schedulerIdleMs } : {}),
      });
      this.scheduler.start();
    }
  }

  async stop(): Promise<void> {
    await this.scheduler?.stop();
    this.scheduler = null;
    await Promise.all(this.workers.map((w) => closeWhenReady(w)));
    this.workers = [];
  }
}
