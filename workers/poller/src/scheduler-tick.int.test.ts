import { openDatabase, upsertSource, type Db } from '@docketwatch/db';
import { createRedisConnection, QueueSet } from '@docketwatch/queue';
import { createTestDatabase, deleteRedisPrefix, testRedisPrefix, TEST_REDIS_URL } from '@docketwatch/test-support';
import { schedulerTick } from './scheduler-tick';

/** A database with `count` due CM/ECF feeds, a second connection pool to it, and a queue prefix: one test's own world. */
async function world(count: number) {
  const t = await createTestDatabase();
  const second = await openDatabase({ url: t.url, poolSize: 5 });
  const connection = createRedisConnection(TEST_REDIS_URL);
  const prefix = testRedisPrefix();
  const queues = new QueueSet({ connection, prefix });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: `feed ${i}`,
      address: `http://court${i}.test/rss`,
      court: 'mdd',
      intervalSeconds: 300,
    });
    ids.push(source.id);
  }
  return {
    t,
    second: second.db,
    queues,
    ids,
    queuedSourceIds: async () => {
      const jobs = await queues.queue('poll').getJobs(['waiting', 'prioritized', 'delayed']);
      return jobs.map((j) => (j.data as { sourceId: number }).sourceId).sort((x, y) => x - y);
    },
    close: async () => {
      await queues.close();
      connection.disconnect();
      await second.close();
      await t.drop();
      await deleteRedisPrefix(prefix);
    },
  };
}

describe('scheduler tick (real Postgres and Redis)', () => {
  it('two schedulers ticking at once claim every due source exactly once', async () => {
    const w = await world(60);
    try {
      // Small batches make the two schedulers interleave over many rounds (however they happen to).
      const claimedBy = async (db: Db) => {
        let total = 0;
        for (let round = 0; round < 20; round++) total += await schedulerTick({ db, queues: w.queues }, 7);
        return total;
      };
      const [a, b] = await Promise.all([claimedBy(w.t.db), claimedBy(w.second)]);
      expect(a + b).toBe(60);
      expect(await w.queuedSourceIds()).toEqual(w.ids);
      // Nothing is due any more: the claim leased every source forward.
      expect(await schedulerTick({ db: w.t.db, queues: w.queues })).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('skips sources another scheduler holds, and claims them once that scheduler lets go', async () => {
    const w = await world(10);
    try {
      const held = w.ids.slice(0, 4);
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockedNow = new Promise<void>((resolve) => (locked = resolve));
      // Another scheduler mid-claim: its transaction holds these rows' locks until it commits.
      const other = w.second.transaction().execute(async (trx) => {
        await trx.selectFrom('sources').select('id').where('id', 'in', held).forUpdate().execute();
        locked();
        await holding;
        // It rolls back (the process died mid-claim): the sources are due again for whoever comes next.
        throw new Error('rolled back on purpose');
      });
      await lockedNow;
      expect(await schedulerTick({ db: w.t.db, queues: w.queues })).toBe(6);
      expect(await w.queuedSourceIds()).toEqual(w.ids.slice(4));
      release();
      await expect(other).rejects.toThrow('rolled back on purpose');
      expect(await schedulerTick({ db: w.t.db, queues: w.queues })).toBe(4);
      expect(await w.queuedSourceIds()).toEqual(w.ids);
    } finally {
      await w.close();
    }
  });

  it('a lost poll job is re-enqueued once the claim lease runs out', async () => {
    const w = await world(3);
    try {
      expect(await schedulerTick({ db: w.t.db, queues: w.queues })).toBe(3);
      await w.queues.queue('poll').obliterate({ force: true });
      const [sourceId] = w.ids;
      // Simulate the lease running out without the poll ever happening (Redis flushed, worker killed).
      await w.t.db
        .updateTable('sources')
        .set({ next_check_at: new Date(Date.now() - 1000) })
        .where('id', '=', sourceId!)
        .execute();
      expect(await schedulerTick({ db: w.t.db, queues: w.queues })).toBe(1);
      expect(await w.queuedSourceIds()).toEqual([sourceId]);
    } finally {
      await w.close();
    }
  });
});
