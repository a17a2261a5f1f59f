import { openDatabase, upsertSource, type Db } from '@docketwatch/db';
import { createRedisConnection, QueueSet } from '@docketwatch/queue';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, deleteRedisPrefix, HttpStandIn, testRedisPrefix, TEST_REDIS_URL } from '@docketwatch/test-support';
import { enqueueDuePolls, PollScheduler } from './poll-scheduler';
import { pollSource } from './poll-source';

const log = createLogger({ name: 'test', level: 'silent' });

// Each test makes its own database, which takes seconds on a loaded 2-core machine.
jest.setTimeout(60_000);

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

describe('poll scheduler (real Postgres and Redis)', () => {
  it('two schedulers ticking at once claim every due source exactly once', async () => {
    const w = await world(60);
    try {
      // Small batches make the two schedulers interleave over many rounds (however they happen to).
      const claimedBy = async (db: Db) => {
        let total = 0;
        for (let round = 0; round < 20; round++) total += await enqueueDuePolls({ db, queues: w.queues }, { batch: 7 });
        return total;
      };
      const [a, b] = await Promise.all([claimedBy(w.t.db), claimedBy(w.second)]);
      expect(a + b).toBe(60);
      expect(await w.queuedSourceIds()).toEqual(w.ids);
      // Nothing is due any more: the claim leased every source forward.
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(0);
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
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(6);
      expect(await w.queuedSourceIds()).toEqual(w.ids.slice(4));
      release();
      await expect(other).rejects.toThrow('rolled back on purpose');
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(4);
      expect(await w.queuedSourceIds()).toEqual(w.ids);
    } finally {
      await w.close();
    }
  });

  it('a lost poll job is re-enqueued once the claim lease runs out', async () => {
    const w = await world(3);
    try {
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(3);
      await w.queues.queue('poll').obliterate({ force: true });
      const [sourceId] = w.ids;
      // Simulate the lease running out without the poll ever happening (Redis flushed, worker killed).
      await w.t.db
        .updateTable('sources')
        .set({ next_check_at: new Date(Date.now() - 1000) })
        .where('id', '=', sourceId!)
        .execute();
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(1);
      expect(await w.queuedSourceIds()).toEqual([sourceId]);
    } finally {
      await w.close();
    }
  });

  it('claims every due source in one pass: no per-tick cap', async () => {
    const w = await world(0);
    try {
      await w.t.db
        .insertInto('sources')
        .values(
          Array.from({ length: 1200 }, (_, i) => ({
            kind: 'page-watch' as const,
            name: `page ${i}`,
            address: `http://host${i % 50}.test/page/${i}`,
            interval_seconds: 300,
            next_check_at: new Date(Date.now() - 1000),
            config: JSON.stringify({}),
          })),
        )
        .execute();
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(1200);
      expect(await w.queues.queue('poll').count()).toBe(1200);
    } finally {
      await w.close();
    }
  });

  it('enqueues a source the moment it falls due, not at the next look (idle 60 s)', async () => {
    const w = await world(1);
    const scheduler = new PollScheduler({ db: w.t.db, queues: w.queues, log, idleMs: 60_000 });
    try {
      const [sourceId] = w.ids;
      // Due in 1.5 s: the scheduler's first look finds it not yet due and must wake for it.
      await w.t.db
        .updateTable('sources')
        .set({ next_check_at: new Date(Date.now() + 1500) })
        .where('id', '=', sourceId!)
        .execute();
      scheduler.start();
      const deadline = Date.now() + 30_000;
      while ((await w.queuedSourceIds()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Well before the 60 s idle look: woken by the source's own due time.
      expect(await w.queuedSourceIds()).toEqual([sourceId]);
      expect(Date.now()).toBeLessThan(deadline);
    } finally {
      await scheduler.stop();
      await w.close();
    }
  });

  it('a running poll renews its short lease, so a slow fetch is not claimed twice; its result then sets the next check', async () => {
    const w = await world(0);
    const court = new HttpStandIn();
    await court.start();
    const http = new HttpClient({ userAgent: 'docketwatch-test/1.0 (+tests)', allowPrivateAddresses: true });
    try {
      court.set('/slow', { body: '<html><body><main id="releases">one</main></body></html>', delayMs: 2500 });
      const source = await upsertSource(w.t.db, {
        kind: 'page-watch',
        name: 'slow page',
        address: `${court.url}/slow`,
        intervalSeconds: 300,
        config: { selector: '#releases' },
      });
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(1);
      // The lease (1.5 s) would have lapsed by the time the scheduler looks again (2 s), but it is renewed.
      const polling = pollSource({ db: w.t.db, http, log, runningLeaseSeconds: 1.5 }, source.id);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await enqueueDuePolls({ db: w.t.db, queues: w.queues })).toBe(0);
      expect((await polling).status).toBe('stored');
      const after = await w.t.db.selectFrom('sources').select('next_check_at').where('id', '=', source.id).executeTakeFirstOrThrow();
      expect(after.next_check_at.getTime()).toBeGreaterThan(Date.now() + 200_000);
      expect(court.requestsTo('/slow')).toHaveLength(1);
    } finally {
      await http.close();
      await court.stop();
      await w.close();
    }
  });
});
