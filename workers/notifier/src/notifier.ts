import type { Db } from '@docketwatch/db';
import type { Logger } from '@docketwatch/log';
import type { EmailSender, SlackSender } from '@docketwatch/notify';
import { startWorker, type QueueSet, type RedisConnection, type Worker } from '@docketwatch/queue';
import { deliver } from './deliver';
import { fanOutAndSweep } from './fan-out';

export interface NotifierOptions {
  db: Db;
  queues: QueueSet;
  connection: RedisConnection;
  log: Logger;
  email: EmailSender;
  slack: SlackSender;
  publicUrl: string;
  concurrency: number;
  tickMs: number;
  jobLockMs?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
}

/** The notifier process: fan-out/sweep ticks and delivery jobs. */
export class Notifier {
  private workers: Worker[] = [];

  constructor(private readonly options: NotifierOptions) {}

  async start(): Promise<void> {
    const { db, queues, connection, log } = this.options;
    const leaseSeconds = this.options.leaseSeconds ?? 120;
    const onError = (err: Error) => log.error({ err: err.message }, 'queue error');
    const deps = {
      db,
      email: this.options.email,
      slack: this.options.slack,
      log,
      publicUrl: this.options.publicUrl,
      leaseSeconds,
      maxAttempts: this.options.maxAttempts ?? 12,
      mailDomain: new URL(this.options.publicUrl).hostname || 'docketwatch.localhost',
    };
    this.workers.push(
      startWorker({
        key: 'fanOut',
        connection,
        prefix: queues.prefix,
        onError,
        handler: () => fanOutAndSweep({ db, queues, leaseSeconds }),
      }),
      startWorker({
        key: 'deliver',
        connection,
        prefix: queues.prefix,
        concurrency: this.options.concurrency,
        lockMs: this.options.jobLockMs,
        onError,
        handler: ({ deliveryId }) => deliver(deps, deliveryId),
      }),
    );
    await queues.every('fanOut', this.options.tickMs, {});
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers = [];
  }
}
