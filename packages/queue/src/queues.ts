import { Queue, Worker, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger, QueueDepth } from '@docketwatch/log';
import { jobs, parsePayload, queueNames, type JobKey, type JobPayload, type QueueName } from './jobs';

export { UnrecoverableError, DelayedError } from 'bullmq';
export type { Job, Worker };

/**
 * Completed jobs are evidence only briefly; Postgres is the record (source_polls, deliveries), so
 * Redis stays small: a few hundred keys per queue at most, however long the run.
 */
const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { count: 100, age: 600 },
  removeOnFail: { count: 500, age: 24 * 3600 },
};

export interface QueueSetOptions {
  connection: Redis;
  prefix: string;
  onError?: (err: Error) => void;
}

/** All queues docketwatch uses, opened once per process. */
export class QueueSet {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly keepers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(private readonly options: QueueSetOptions) {
    for (const name of queueNames) {
      const queue = new Queue(name, { connection: options.connection, prefix: options.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', (err) => options.onError?.(err));
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  }

  async add<K extends JobKey>(key: K, payload: JobPayload<K>, options: JobsOptions = {}): Promise<void> {
    const def = jobs[key];
    await this.queue(def.queue).add(def.name, parsePayload(key, payload), options);
  }

  async addBulk<K extends JobKey>(key: K, items: { payload: JobPayload<K>; jobId: string }[]): Promise<void> {
    if (items.length === 0) return;
    const def = jobs[key];
    await this.queue(def.queue).addBulk(
      items.map((i) => ({ name: def.name, data: parsePayload(key, i.payload), opts: { jobId: i.jobId } })),
    );
  }

  /**
   * A repeating job; upsertJobScheduler never duplicates it however many processes call this.
   * The scheduler lives only in Redis, and each run schedules the next: if Redis loses it (flushed,
   * restarted empty) nothing would ever run again, so it is re-created whenever it is found missing.
   */
  async every<K extends JobKey>(key: K, everyMs: number, payload: JobPayload<K>): Promise<void> {
    const def = jobs[key];
    const queue = this.queue(def.queue);
    const id = `${def.name}-every`;
    const upsert = () => queue.upsertJobScheduler(id, { every: everyMs }, { name: def.name, data: payload });
    await upsert();
    let checking = false;
    const keeper = setInterval(
      () => {
        if (checking || this.closed) return;
        checking = true;
        queue
          .getJobScheduler(id)
          .then((found) => (found || this.closed ? undefined : upsert()))
          .catch((err: Error) => this.options.onError?.(err))
          .finally(() => (checking = false));
      },
      Math.min(Math.max(everyMs, 1000), 30_000),
    );
    keeper.unref();
    this.keepers.push(keeper);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.keepers.splice(0).forEach((k) => clearInterval(k));
    await Promise.all([...this.queues.values()].map((q) => closeWhenReady(q)));
  }

  /** Jobs each queue holds in each state, read when Prometheus scrapes. */
  async depths(): Promise<QueueDepth[]> {
    const states = ['waiting', 'active', 'delayed', 'failed'] as const;
    const perQueue = await Promise.all(this.all.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...states) })));
    return perQueue.flatMap(({ queue, counts }) => states.map((state) => ({ queue, state, count: counts[state] ?? 0 })));
  }

  get prefix(): string {
    return this.options.prefix;
  }

  get all(): Queue[] {
    return [...this.queues.values()];
  }
}

export interface WorkerSpec<K extends JobKey> {
  key: K;
  connection: Redis;
  prefix: string;
  concurrency?: number;
  /** `log` is the worker's logger with the job's id and name, so every line a job writes says which job it was. */
  handler: (payload: JobPayload<K>, job: Job, log: Logger) => Promise<unknown>;
  /** The worker's errors and failed jobs are logged here, with their stacks. */
  log: Logger;
  /** A job whose worker stops renewing its lock for this long is handed to another worker. */
  lockMs?: number;
  options?: Partial<WorkerOptions>;
}

/**
 * Closes a queue or worker once its connection has finished starting. Closed mid-start, BullMQ
 * reports "Connection is closed" on an emitter whose listeners it has already removed: an unhandled
 * 'error' that can take the process down when a role is stopped right after it started.
 */
export async function closeWhenReady(target: { waitUntilReady(): Promise<unknown>; close(): Promise<void> }): Promise<void> {
  await target.waitUntilReady().catch(() => undefined);
  await target.close();
}

/** A worker for one job kind; payloads are validated before the handler sees them. */
export function startWorker<K extends JobKey>(spec: WorkerSpec<K>): Worker {
  const def = jobs[spec.key];
  const worker = new Worker(
    def.queue,
    async (job) => {
      if (job.name !== def.name) throw new Error(`queue ${def.queue} got unknown job ${job.name}`);
      return spec.handler(parsePayload(spec.key, job.data), job, jobLog(spec.log, job));
    },
    {
      connection: spec.connection,
      prefix: spec.prefix,
      concurrency: spec.concurrency ?? 1,
      ...(spec.lockMs ? { lockDuration: spec.lockMs, stalledInterval: spec.lockMs } : {}),
      ...spec.options,
    },
  );
  worker.on('error', (err) => spec.log.error({ err, queue: def.queue }, 'queue error'));
  // BullMQ keeps the failed job for the queue dashboard; the log says why, with the stack.
  worker.on('failed', (job, err) => (job ? jobLog(spec.log, job) : spec.log).warn({ err }, 'job failed'));
  return worker;
}

function jobLog(log: Logger, job: Job): Logger {
  return log.child({ jobId: job.id, job: job.name });
}
