/**
 * A worker's logs on a real Redis: every line a job writes carries its job id and name, a failed
 * job is logged with its error's stack, and the queue depths the metrics read count its jobs.
 */
import { Writable } from 'node:stream';
import { createLogger } from '@docketwatch/log';
import { deleteRedisPrefix, eventually, TEST_REDIS_URL, testRedisPrefix } from '@docketwatch/test-support';
import { createRedisConnection, type RedisConnection } from './connection';
import { closeWhenReady, QueueSet, startWorker, type Worker } from './queues';

interface Line {
  msg: string;
  jobId?: string;
  job?: string;
  deliveryId?: number;
  err?: { message: string; stack: string };
}

describe('startWorker and QueueSet on Redis', () => {
  const prefix = testRedisPrefix();
  let connection: RedisConnection;
  let queues: QueueSet;
  let worker: Worker | null = null;
  const lines: Line[] = [];
  const log = createLogger({
    name: 'test',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Line);
        done();
      },
    }),
  });

  beforeAll(() => {
    connection = createRedisConnection(TEST_REDIS_URL);
    queues = new QueueSet({ connection, prefix });
  });
  afterAll(async () => {
    if (worker) await closeWhenReady(worker);
    await queues.close();
    connection.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it('counts waiting jobs per queue, then gives each job a logger with its id, and logs a failed one with its stack', async () => {
    await queues.addBulk('deliver', [
      { payload: { deliveryId: 1 }, jobId: 'deliver-1' },
      { payload: { deliveryId: 2 }, jobId: 'deliver-2' },
    ]);
    const depths = await queues.depths();
    expect(depths).toContainEqual({ queue: 'deliver', state: 'waiting', count: 2 });
    expect(depths).toContainEqual({ queue: 'deliver', state: 'failed', count: 0 });

    worker = startWorker({
      key: 'deliver',
      connection,
      prefix,
      log,
      handler: async ({ deliveryId }, _job, jobLog) => {
        jobLog.info({ deliveryId }, 'sending');
        if (deliveryId === 2) throw new Error('the channel broke');
      },
    });
    await eventually(async () => lines.some((l) => l.msg === 'job failed'), 'the failed job to be logged');
    await eventually(async () => lines.filter((l) => l.msg === 'sending').length === 2, 'both jobs to log');

    expect(lines.filter((l) => l.msg === 'sending').map(({ jobId, job, deliveryId }) => ({ jobId, job, deliveryId }))).toEqual(
      expect.arrayContaining([
        { jobId: 'deliver-1', job: 'deliver', deliveryId: 1 },
        { jobId: 'deliver-2', job: 'deliver', deliveryId: 2 },
      ]),
    );
    const failed = lines.find((l) => l.msg === 'job failed')!;
    expect(failed).toMatchObject({ jobId: 'deliver-2', job: 'deliver', err: { message: 'the channel broke' } });
    expect(failed.err!.stack).toContain('Error: the channel broke\n    at ');
  });
});
