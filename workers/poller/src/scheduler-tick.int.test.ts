import { openDatabase, upsertSource, type DbHandle } from '@docketwatch/db';
import { createRedisConnection, QueueSet, type RedisConnection } from '@docketwatch/queue';
import { createTestDatabase, deleteRedisPrefix, testRedisPrefix, TEST_REDIS_URL, type TestDatabase } from '@docketwatch/test-support';
import { schedulerTick } from './scheduler-tick';

describe('scheduler tick (real Postgres and Redis)', () => {
  let t: TestDatabase;
  let second: DbHandle;
  let connection: RedisConnection;
  let queues: QueueSet;
  const prefix = testRedisPrefix();
  const SOURCES = 60;

  beforeAll(async () => {
    t = await createTestDatabase();
    second = await openDatabase({ url: t.url, poolSize: 5 });
    connection = createRedisConnection(TEST_REDIS_URL);
    queues = new QueueSet({ connection, prefix });
    for (let i = 0; i < SOURCES; i++) {
      await upsertSource(t.db, {
        kind: 'pacer-rss',
        name: `feed ${i}`,
        url: `http://court${i}.test/rss`,
        court: 'mdd',
        intervalSeconds: 300,
      });
    }
  });

  afterAll(async () => {
    await queues.close();
    connection.disconnect();
    await second.close();
    await t.drop();
    await deleteRedisPrefix(prefix);
  });

  it('two schedulers ticking at once claim every due source exactly once', async () => {
    // Small batches make the two schedulers interleave over many rounds.
    const claimedBy = async (db: TestDatabase['db']) => {
      let total = 0;
      for (let round = 0; round < 20; round++) total += await schedulerTick({ db, queues }, 7);
      return total;
    };
    const [a, b] = await Promise.all([claimedBy(t.db), claimedBy(second.db)]);
    expect(a + b).toBe(SOURCES);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);

    const jobs = await queues.queue('poll').getJobs(['waiting', 'prioritized', 'delayed']);
    const sourceIds = jobs.map((j) => (j.data as { sourceId: number }).sourceId).sort((x, y) => x - y);
    expect(sourceIds).toHaveLength(SOURCES);
    expect(new Set(sourceIds).size).toBe(SOURCES);

    // Nothing is due any more: the claim leased every source forward.
    expect(await schedulerTick({ db: t.db, queues })).toBe(0);
  });

  it('a lost poll job is re-enqueued once the claim lease runs out', async () => {
    await queues.queue('poll').obliterate({ force: true });
    const sourceId = (await t.db.selectFrom('sources').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    // Simulate the lease running out without the poll ever happening (Redis flushed, worker killed).
    await t.db
      .updateTable('sources')
      .set({ next_check_at: new Date(Date.now() - 1000) })
      .where('id', '=', sourceId)
      .execute();
    expect(await schedulerTick({ db: t.db, queues })).toBe(1);
    const jobs = await queues.queue('poll').getJobs(['waiting', 'prioritized']);
    expect(jobs.map((j) => j.data)).toEqual([{ sourceId }]);
  });
});
