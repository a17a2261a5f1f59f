import type { ParsedEntry } from '@docketwatch/core';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { storeDocketEntries } from './entries.repository';
import { upsertDocket, upsertMatter } from './matters.repository';
import { upsertSource } from './sources.repository';
import type { Docket } from './schema';

function entry(overrides: Partial<ParsedEntry> = {}): ParsedEntry {
  return {
    entryNumber: '31',
    filedAt: '2025-04-07T14:05:00-04:00',
    shortDescription: 'Order',
    description: '',
    documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/09313063443',
    pacerDocId: '09313063443',
    attachments: [],
    ...overrides,
  };
}

describe('storeDocketEntries (real Postgres)', () => {
  let t: TestDatabase;
  let docket: Docket;
  let sourceId: number;
  let otherSourceId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia' });
    docket = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      caseName: 'Abrego Garcia v. Noem',
    });
    sourceId = (
      await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', court: 'mdd', intervalSeconds: 60 })
    ).id;
    otherSourceId = (
      await upsertSource(t.db, { kind: 'pacer-rss', name: 'other', address: 'http://x.test/other', court: 'mdd', intervalSeconds: 60 })
    ).id;
  });
  afterAll(() => t.drop());

  const counts = async () => ({
    entries: Number(
      (
        await t.db
          .selectFrom('entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    sightings: Number(
      (
        await t.db
          .selectFrom('sightings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    events: Number(
      (
        await t.db
          .selectFrom('outbox_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('stores a baseline without outbox events', async () => {
    const r = await storeDocketEntries(t.db, { sourceId, docket, entries: [entry({ entryNumber: '1' })], baseline: true });
    expect(r).toEqual({ created: 1, updated: 0, unchanged: 0, events: 0 });
    expect(await counts()).toEqual({ entries: 1, sightings: 1, events: 0 });
  });

  it('stores new entries once with one event each, and the same input again adds nothing', async () => {
    const feed = [entry(), entry({ entryNumber: '32', pacerDocId: '09313063444', shortDescription: 'Motion to Stay' })];
    const first = await t.db.transaction().execute((trx) => storeDocketEntries(trx, { sourceId, docket, entries: feed, baseline: false }));
    expect(first).toEqual({ created: 2, updated: 0, unchanged: 0, events: 2 });
    const before = await counts();
    const again = await t.db.transaction().execute((trx) => storeDocketEntries(trx, { sourceId, docket, entries: feed, baseline: false }));
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 2, events: 0 });
    expect(await counts()).toEqual(before);
  });

  it('records a second source as a sighting of the same entry, not a new entry', async () => {
    const before = await counts();
    const r = await storeDocketEntries(t.db, { sourceId: otherSourceId, docket, entries: [entry()], baseline: false });
    expect(r.created).toBe(0);
    const after = await counts();
    expect(after.entries).toBe(before.entries);
    expect(after.sightings).toBe(before.sightings + 1);
  });

  it('turns richer text into one update event, and a poorer sighting changes nothing', async () => {
    const richer = entry({
      description: 'ORDER granting Motion for Temporary Restraining Order. Signed by Judge Paula Xinis on 4/7/2025.',
    });
    const r = await storeDocketEntries(t.db, { sourceId: otherSourceId, docket, entries: [richer], baseline: false });
    expect(r).toEqual({ created: 0, updated: 1, unchanged: 0, events: 1 });
    const event = await t.db.selectFrom('outbox_events').select('kind').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.kind).toBe('entry.updated');
    const poorer = await storeDocketEntries(t.db, { sourceId, docket, entries: [entry()], baseline: false });
    expect(poorer).toEqual({ created: 0, updated: 0, unchanged: 1, events: 0 });
    const row = await t.db.selectFrom('entries').selectAll().where('entry_number', '=', '31').executeTakeFirstOrThrow();
    expect(row.description).toMatch(/granting Motion/);
  });

  it('identifies entries without a number by day and text', async () => {
    const minute = entry({
      entryNumber: null,
      pacerDocId: null,
      documentUrl: null,
      shortDescription: 'Minute Entry',
      description: 'Motion Hearing held on 4/15/2025.',
    });
    const r1 = await storeDocketEntries(t.db, { sourceId, docket, entries: [minute, minute], baseline: false });
    expect(r1.created).toBe(1);
    const r2 = await storeDocketEntries(t.db, { sourceId, docket, entries: [minute], baseline: false });
    expect(r2.created).toBe(0);
  });

  it('concurrent stores of the same filing from two sources create it once', async () => {
    const fresh = entry({ entryNumber: '77', pacerDocId: '0931300077' });
    const results = await Promise.all(
      [sourceId, otherSourceId].map((id) =>
        t.db.transaction().execute((trx) => storeDocketEntries(trx, { sourceId: id, docket, entries: [fresh], baseline: false })),
      ),
    );
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(1);
    const rows = await t.db.selectFrom('entries').select('id').where('entry_number', '=', '77').execute();
    expect(rows).toHaveLength(1);
    const sightings = await t.db.selectFrom('sightings').select('source_id').where('entry_id', '=', rows[0]!.id).execute();
    expect(sightings).toHaveLength(2);
  });
});
