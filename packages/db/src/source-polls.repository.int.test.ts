import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { POLLS_KEPT_PER_SOURCE, recentSourcePolls, recordSourcePoll } from './source-polls.repository';
import { upsertSource } from './sources.repository';

describe('source poll history (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('keeps each source’s newest polls, newest first, and no more than it should', async () => {
    const a = await upsertSource(t.db, { kind: 'feed', name: 'a', address: 'http://a.test/feed', intervalSeconds: 60 });
    const b = await upsertSource(t.db, { kind: 'feed', name: 'b', address: 'http://b.test/feed', intervalSeconds: 60 });
    for (let i = 0; i < POLLS_KEPT_PER_SOURCE + 7; i++) {
      await recordSourcePoll(t.db, a.id, {
        outcome: i % 3 === 0 ? 'failed' : 'stored',
        errorCode: i % 3 === 0 ? 'FETCH_TIMEOUT' : null,
        created: i,
        durationMs: 12.6,
      });
    }
    await recordSourcePoll(t.db, b.id, { outcome: 'not-modified', errorCode: null, created: 0, durationMs: 3 });

    const kept = await t.db.selectFrom('source_polls').select('id').where('source_id', '=', a.id).execute();
    expect(kept).toHaveLength(POLLS_KEPT_PER_SOURCE);
    const recent = await recentSourcePolls(t.db, [a.id, b.id], 3);
    expect(recent.get(a.id)!.map((p) => p.created)).toEqual([26, 25, 24]);
    expect(recent.get(a.id)![1]).toMatchObject({ outcome: 'stored', errorCode: null, durationMs: 13 });
    expect(recent.get(a.id)!.map((p) => p.outcome)).toEqual(['stored', 'stored', 'failed']);
    expect(recent.get(b.id)).toEqual([expect.objectContaining({ outcome: 'not-modified', created: 0 })]);
    expect(await recentSourcePolls(t.db, [])).toEqual(new Map());
  });
});
