import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { storeDocketEntries } from './entries.repository';
import { attachItem, removeItemFromMatter, storeItem } from './items.repository';
import { listMatterSummaries } from './matter-summaries.repository';
import { upsertDocket, upsertMatter } from './matters.repository';
import { upsertSource } from './sources.repository';

const entry = (e: Partial<ParsedEntry> & Pick<ParsedEntry, 'filedAt' | 'description'>): ParsedEntry => ({
  entryNumber: null,
  shortDescription: '',
  documentUrl: null,
  pacerDocId: null,
  attachments: [],
  ...e,
});

describe('listMatterSummaries', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  it('gives each matter its counts, newest entry and item, and newest entries, in four queries', async () => {
    const abrego = await upsertMatter(t.db, { slug: 'abrego', name: 'Abrego Garcia v. Noem' });
    const jgg = await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' });
    await upsertMatter(t.db, { slug: 'quiet', name: 'Quiet v. Nobody' });
    const mdd = await upsertDocket(t.db, { matterId: abrego.id, court: 'mdd', docketNumber: '8:25-cv-00951' });
    const ca4 = await upsertDocket(t.db, { matterId: abrego.id, court: 'ca4', docketNumber: '25-1345' });
    const dcd = await upsertDocket(t.db, { matterId: jgg.id, court: 'dcd', docketNumber: '1:25-cv-00766' });
    const { id: sourceId } = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'rss',
      address: 'http://x.test/rss',
      intervalSeconds: 60,
    });
    const store = (docket: typeof mdd, entries: ParsedEntry[]) =>
      storeDocketEntries(t.db, { sourceId, docket, entries, baseline: false, classify: classifyEntry });
    await store(mdd, [
      entry({ entryNumber: '1', filedAt: '2025-03-24T14:57:00-04:00', description: 'COMPLAINT' }),
      entry({ entryNumber: '31', filedAt: '2025-04-04T16:39:00-04:00', description: 'ORDER granting TRO' }),
    ]);
    await store(ca4, [entry({ entryNumber: '8', filedAt: '2025-04-07T20:31:00-04:00', description: 'Order denying stay' })]);
    // Two entries at the very same instant: the larger id is the newer.
    await store(dcd, [
      entry({ entryNumber: '80', filedAt: '2025-04-16', description: 'MINUTE ORDER' }),
      entry({ entryNumber: '81', filedAt: '2025-04-16', description: 'MEMORANDUM OPINION' }),
    ]);
    const press = async (url: string, publishedAt: string | null) =>
      (await storeItem(t.db, { sourceId, item: { url, title: url, publishedAt, summary: '', text: '', publisher: 'DOJ', enclosures: [] } }))
        .id;
    const older = await press('https://press.example/older', '2025-04-05T10:00:00Z');
    const newer = await press('https://press.example/newer', '2025-04-11T17:25:00Z');
    const removed = await press('https://press.example/removed', '2025-05-01T00:00:00Z');
    for (const itemId of [older, newer, removed]) await attachItem(t.db, { matterId: abrego.id, itemId, reasons: [] });
    await removeItemFromMatter(t.db, { matterId: abrego.id, itemId: removed, by: 'test' });

    let queries = 0;
    const summaries = await listMatterSummaries(
      t.db.withPlugin({
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          queries += 1;
          return args.result;
        },
      }),
      { recentEntries: 2 },
    );

    expect(queries).toBe(4);
    expect(summaries.map((s) => s.matter.slug)).toEqual(['abrego', 'jgg', 'quiet']);
    const [a, j, q] = summaries;
    expect(a).toMatchObject({ entryCount: 3, itemCount: 2 });
    expect(a!.latestEntry).toMatchObject({ court: 'ca4', entryNumber: '8', description: 'Order denying stay' });
    expect(a!.latestItem).toMatchObject({ url: 'https://press.example/newer' });
    expect(a!.recentEntries.map((e) => e.entryNumber)).toEqual(['8', '31']);
    expect(j).toMatchObject({ entryCount: 2, itemCount: 0, latestItem: null });
    expect(j!.latestEntry).toMatchObject({ entryNumber: '81' });
    expect(j!.recentEntries.map((e) => e.entryNumber)).toEqual(['81', '80']);
    expect(q).toMatchObject({ entryCount: 0, itemCount: 0, latestEntry: null, latestItem: null, recentEntries: [] });
    expect(a!.latestEntry!.at).toEqual(new Date('2025-04-08T00:31:00Z'));
  });
});
