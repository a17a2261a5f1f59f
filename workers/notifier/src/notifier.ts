import { installationSecret, type Db } from '@docketwatch/db';
import type { Logger, Metrics } from '@docketwatch/log';
import type { EmailSender } from '@docketwatch/notify';
import type { HttpClient } from '@docketwatch/http';
import {
  closeWhenReady,
  createDestinationHold,
  createSendSpacer,
  startWorker,
  type QueueSet,
  type RedisConnection,
  type Worker,
} from '@docketwatch/queue';
import { deliver, type DeliverDeps } from './deliver';
import { sendDueDigests } from './digest';
import { fanOutAndSweep } from './fan-out';
import { sendOperatorNotices } from './operator-notices';

export interface NotifierOptions {
  db: Db;
  queues: QueueSet;
  connection: RedisConnection;
  log: Logger;
  email: EmailSender;
  /** The outbound HTTP client every chat and webhook channel posts through. */
  http: Pick<HttpClient, 'post'>;
  publicUrl: string;
  concurrency: number;
  tickMs: number;
  jobLockMs?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
  /** How long a new delivery waits so a burst in one matter goes out as one message. */
  coalesceSeconds?: number;
  /** Most entries combined into one message. */
  batchMax?: number;
  /** Who is mailed when a source turns failing, changes layout, falls silent or recovers; none: logged only. */
  operatorEmails?: readonly string[];
  /** The process's metrics, which deliveries and digests record into; absent, nothing is measured. */
  metrics?: Metrics;
}

/** The notifier process: fan-out/sweep ticks, delivery jobs, and the daily-digest sweep. */
export class Notifier {
  private workers: Worker[] = [];

  constructor(private readonly options: NotifierOptions) {}

  async start(): Promise<void> {
    const { db, queues, connection, log } = this.options;
    const leaseSeconds = this.options.leaseSeconds ?? 8;
    const linkSecret = await installationSecret(db, 'link-signing');
    const mailDomain = new URL(this.options.publicUrl).hostname || 'docketwatch.localhost';
    const deps: DeliverDeps = {
      db,
      services: { http: this.options.http, mail: this.options.email, mailDomain },
      log,
      publicUrl: this.options.publicUrl,
      linkSecret,
      leaseSeconds,
      maxAttempts: this.options.maxAttempts ?? 12,
      space: createSendSpacer(connection, queues.prefix),
      hold: createDestinationHold(connection, queues.prefix),
      batchLimit: this.options.batchMax ?? 50,
      metrics: this.options.metrics,
    };
    const coalesceSeconds = this.options.coalesceSeconds ?? 0;
    this.workers.push(
      startWorker({
        key: 'fanOut',
        connection,
        prefix: queues.prefix,
        log,
        handler: () => fanOutAndSweep({ db, queues, leaseSeconds, coalesceSeconds }),
      }),
      startWorker({
        key: 'deliver',
        connection,
        prefix: queues.prefix,
        concurrency: this.options.concurrency,
        lockMs: this.options.jobLockMs,
        log,
        handler: ({ deliveryId }, _job, jobLog) => deliver({ ...deps, log: jobLog }, deliveryId),
      }),
      startWorker({
        key: 'digest',
        connection,
        prefix: queues.prefix,
        log,
        handler: (_payload, _job, jobLog) =>
          sendDueDigests({
            db,
            email: this.options.email,
            log: jobLog,
            publicUrl: this.options.publicUrl,
            linkSecret,
            mailDomain,
            now: new Date(),
            metrics: this.options.metrics,
          }),
      }),
      startWorker({
        key: 'operatorNotices',
        connection,
        prefix: queues.prefix,
        log,
        handler: (_payload, _job, jobLog) =>
          sendOperatorNotices({
            db,
            email: this.options.email,
            log: jobLog,
            publicUrl: this.options.publicUrl,
            mailDomain,
            operatorEmails: this.options.operatorEmails ?? [],
            metrics: this.options.metrics,
          }),
      }),
    );
    await queues.every('fanOut', this.options.tickMs, {});
    await queues.every('digest', 60_000, {});
    await queues.every('operatorNotices', 60_000, {});
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => closeWhenReady(w)));
    this.workers = [];
  }
}
