import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { storeDocketEntries } from './entries.repository';
import { attachItem, storeItem } from './items.repository';
import { upsertDocket, upsertMatter } from './matters.repository';
import { upsertSource } from './sources.repository';
import { matterTimelinePage, type TimelineQuery, type TimelineRow } from './timeline.repository';

/**
 * A matter whose timeline is hard to page: 24 entries over two courts on only three distinct
 * dates (plain dates sort at noon UTC, so eight share each instant), and four press items, two of
 * them published at the very instant the entries of one date share.
 */
async function crowdedMatter() {
  const t = await createTestDatabase();
  const matter = await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' });
  const dcd = await upsertDocket(t.db, { matterId: matter.id, court: 'dcd', docketNumber: '1:25-cv-00766' });
  const cadc = await upsertDocket(t.db, { matterId: matter.id, court: 'cadc', docketNumber: '25-5067' });
  const sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
  const dates = ['2025-03-15', '2025-03-16', '2025-03-17'];
  const entries = (court: number): ParsedEntry[] =>
    Array.from({ length: 12 }, (_, i) => ({
      entryNumber: String(court * 100 + i),
      filedAt: dates[i % 3]!,
      shortDescription: i % 2 ? `ORDER ${court}-${i}` : `MOTION ${court}-${i}`,
      description: '',
      documentUrl: null,
      pacerDocId: null,
      attachments: [],
    }));
  await storeDocketEntries(t.db, { sourceId, docket: dcd, baseline: false, classify: classifyEntry, entries: entries(1) });
  await storeDocketEntries(t.db, { sourceId, docket: cadc, baseline: false, classify: classifyEntry, entries: entries(2) });
  const published = ['2025-03-16T12:00:00Z', '2025-03-16T12:00:00Z', '2025-03-15T09:30:00-04:00', '2025-03-18T10:00:00Z'];
  for (const [i, at] of published.entries()) {
    const { id: itemId } = await storeItem(t.db, {
      sourceId,
      item: {
        url: `https://press.example/${i}`,
        title: `Statement ${i}`,
        publishedAt: at,
        summary: '',
        text: '',
        publisher: 'DOJ',
        enclosures: [],
      },
    });
    await attachItem(t.db, { matterId: matter.id, itemId, reasons: [] });
  }
  return { t, matterId: matter.id };
}

/** Every page of the query, in order. */
async function everyPage(t: TestDatabase, matterId: number, query: TimelineQuery): Promise<TimelineRow[][]> {
  const pages: TimelineRow[][] = [];
  let after: TimelineQuery['after'];
  do {
    const page = await matterTimelinePage(t.db, matterId, { ...query, ...(after ? { after } : {}) });
    pages.push(page.rows);
    after = page.next ?? undefined;
  } while (after && pages.length < 100);
  return pages;
}

const key = (r: TimelineRow) => `${r.type}:${r.id}`;

describe('matterTimelinePage (real Postgres): keyset paging and filters', () => {
  let t: TestDatabase;
  let matterId: number;
  beforeAll(async () => {
    ({ t, matterId } = await crowdedMatter());
  });
  afterAll(() => t.drop());

  it.each([1, 3, 5, 7, 28, 100])('reaches every row exactly once, newest first, in pages of %i', async (limit) => {
    const all = (await matterTimelinePage(t.db, matterId, { limit: 1000 })).rows;
    expect(all).toHaveLength(28);
    const pages = await everyPage(t, matterId, { limit });
    expect(pages.flat().map(key)).toEqual(all.map(key));
    expect(pages.every((p) => p.length <= limit)).toBe(true);
    const times = all.map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('says when there is no next page', async () => {
    expect((await matterTimelinePage(t.db, matterId, { limit: 28 })).next).toBeNull();
    expect((await matterTimelinePage(t.db, matterId, { limit: 27 })).next).not.toBeNull();
  });

  it('filters by class, court, press and time, and pages within the filter', async () => {
    const orders = (await everyPage(t, matterId, { limit: 4, classes: ['order'] })).flat();
    expect(orders).toHaveLength(12);
    expect(orders.every((r) => r.type === 'entry' && r.class === 'order')).toBe(true);
    const appeals = (await everyPage(t, matterId, { limit: 5, courts: ['cadc'] })).flat();
    expect(appeals.map((r) => (r.type === 'entry' ? r.court : 'press'))).toEqual(Array(12).fill('cadc'));
    const press = (await everyPage(t, matterId, { limit: 3, courts: ['press'] })).flat();
    expect(press.map((r) => r.type)).toEqual(['item', 'item', 'item', 'item']);
    const pressOrOrders = (await matterTimelinePage(t.db, matterId, { limit: 100, classes: ['order', 'press'] })).rows;
    expect(pressOrOrders).toHaveLength(16);
    const day = (
      await matterTimelinePage(t.db, matterId, {
        limit: 100,
        since: new Date('2025-03-16T00:00:00Z'),
        until: new Date('2025-03-17T00:00:00Z'),
      })
    ).rows;
    expect(day.map((r) => r.at.toISOString().slice(0, 10))).toEqual(Array(10).fill('2025-03-16'));
  });
});
