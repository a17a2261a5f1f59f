import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { openDatabase } from './connect';

describe('openDatabase (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('a connection Postgres drops in the middle of a query fails that query, and the process lives on', async () => {
    const handle = await openDatabase({ url: t.url, poolSize: 2 });
    try {
      const running = sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(30)`.execute(handle.db);
      // Another session ends the first one's backend, as a Postgres shutdown or failover does.
      const victim = await (async () => {
        for (;;) {
          const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
            where datname = current_database() and query like '%pg_sleep(30)%' and pid <> pg_backend_pid()`.execute(t.db);
          if (rows[0]) return rows[0].pid;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      await sql`select pg_terminate_backend(${victim})`.execute(t.db);
      await expect(running).rejects.toThrow(/terminat/i);
      // The pool replaces the dead connection (the first query after may still meet it and fail).
      let answered: number | undefined;
      for (let attempt = 0; attempt < 3 && answered === undefined; attempt++) {
        answered = await sql<{ one: number }>`select 1 as one`
          .execute(handle.db)
          .then(({ rows }) => rows[0]!.one)
          .catch(() => undefined);
      }
      expect(answered).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
