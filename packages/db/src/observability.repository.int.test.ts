import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { storeDocketEntries } from './entries.repository';
import { upsertDocket, upsertMatter } from './matters.repository';
import { readOutboxLagSeconds, readSourceStandings } from './observability.repository';
import { upsertSource } from './sources.repository';

describe('what the metrics read from Postgres (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('reads each enabled source of the kinds asked for, with the time since its last success (or since it was added)', async () => {
    const fresh = await upsertSource(t.db, { kind: 'feed', name: 'fresh', address: 'http://fresh.test/feed', intervalSeconds: 300 });
    const stale = await upsertSource(t.db, { kind: 'feed', name: 'stale', address: 'http://stale.test/feed', intervalSeconds: 60 });
    const never = await upsertSource(t.db, { kind: 'feed', name: 'never', address: 'http://never.test/feed', intervalSeconds: 60 });
    const off = await upsertSource(t.db, { kind: 'feed', name: 'off', address: 'http://off.test/feed', intervalSeconds: 60 });
    await upsertSource(t.db, { kind: 'page-watch', name: 'other kind', address: 'http://page.test/', intervalSeconds: 60 });
    await t.db
      .updateTable('sources')
      .set({ last_success_at: sql`now()` })
      .where('id', '=', fresh.id)
      .execute();
    await t.db
      .updateTable('sources')
      .set({ last_success_at: sql`now() - interval '2 hours'`, consecutive_failures: 4 })
      .where('id', '=', stale.id)
      .execute();
    await t.db
      .updateTable('sources')
      .set({ created_at: sql`now() - interval '1 day'` })
      .where('id', '=', never.id)
      .execute();
    await t.db.updateTable('sources').set({ enabled: false }).where('id', '=', off.id).execute();

    const standings = await readSourceStandings(t.db, ['feed']);
    expect(standings.map((s) => s.name)).toEqual(['fresh', 'stale', 'never']);
    const [a, b, c] = standings;
    expect(a).toMatchObject({ id: fresh.id, kind: 'feed', intervalSeconds: 300, consecutiveFailures: 0 });
    expect(a!.secondsSinceSuccess).toBeLessThan(b!.secondsSinceSuccess);
    expect(b).toMatchObject({ intervalSeconds: 60, consecutiveFailures: 4 });
    expect(b!.secondsSinceSuccess).toBeGreaterThanOrEqual(7200);
    expect(c!.secondsSinceSuccess).toBeGreaterThanOrEqual(86_400);
    expect(await readSourceStandings(t.db, [])).toEqual([]);
  });

  it('reads the age of the oldest outbox event not fanned out, and 0 when none waits', async () => {
    const matter = await upsertMatter(t.db, { slug: 'lag', name: 'Lag' });
    const docket = await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'Lag v. Lead' });
    const source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'rss',
      address: 'http://lag.test/rss',
      court: 'mdd',
      intervalSeconds: 60,
    });
    expect(await readOutboxLagSeconds(t.db)).toBe(0);
    const entries = ['1', '2'].map((entryNumber) => ({
      entryNumber,
      filedAt: '2025-04-07T14:05:00-04:00',
      shortDescription: `Order ${entryNumber}`,
      description: '',
      documentUrl: null,
      pacerDocId: null,
      attachments: [],
    }));
    expect((await storeDocketEntries(t.db, { sourceId: source.id, docket, entries, baseline: false })).events).toBe(2);
    const [older, newer] = await t.db.selectFrom('outbox_events').select('id').orderBy('id').execute();
    // The older event is fanned out already; the newer one has waited 90 seconds.
    await t.db
      .updateTable('outbox_events')
      .set({ created_at: sql`now() - interval '10 minutes'`, fanned_out_at: sql`now()` })
      .where('id', '=', older!.id)
      .execute();
    await t.db
      .updateTable('outbox_events')
      .set({ created_at: sql`now() - interval '90 seconds'` })
      .where('id', '=', newer!.id)
      .execute();
    const lag = await readOutboxLagSeconds(t.db);
    expect(lag).toBeGreaterThanOrEqual(90);
    expect(lag).toBeLessThan(600);
    await t.db
      .updateTable('outbox_events')
      .set({ fanned_out_at: sql`now()` })
      .execute();
    expect(await readOutboxLagSeconds(t.db)).toBe(0);
  });
});
