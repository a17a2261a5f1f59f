import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { storeDocketEntries } from './entries.repository';
import { attachItem, removeItemFromMatter, storeItem } from './items.repository';
import { upsertDocket, upsertMatter } from './matters.repository';
import { MATCH_END, MATCH_START, searchTimeline } from './search.repository';
import { upsertSource } from './sources.repository';

const entry = (n: number, shortDescription: string, description: string): ParsedEntry => ({
  entryNumber: String(n),
  filedAt: `2025-04-${String(n).padStart(2, '0')}`,
  shortDescription,
  description,
  documentUrl: `https://ecf.mdd.uscourts.gov/doc1/${n}`,
  pacerDocId: null,
  attachments: [],
});

describe('searchTimeline (real Postgres full-text search)', () => {
  let t: TestDatabase;
  let abrego: number;
  let jgg: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    abrego = (await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' })).id;
    jgg = (await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' })).id;
    const mdd = await upsertDocket(t.db, { matterId: abrego, court: 'mdd', docketNumber: '8:25-cv-00951' });
    const dcd = await upsertDocket(t.db, { matterId: jgg, court: 'dcd', docketNumber: '1:25-cv-00766' });
    const sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
    await storeDocketEntries(t.db, {
      sourceId,
      docket: mdd,
      baseline: false,
      classify: classifyEntry,
      entries: [
        entry(1, 'ORDER', 'ORDER directing Defendants to facilitate the return of Kilmar Armando Abrego Garcia to the United States.'),
        entry(2, 'Status Report', 'STATUS REPORT by Kristi Noem on steps taken to facilitate his return.'),
        entry(3, 'Notice of Appearance', 'NOTICE of Appearance by counsel.'),
      ],
    });
    await storeDocketEntries(t.db, {
      sourceId,
      docket: dcd,
      baseline: false,
      classify: classifyEntry,
      entries: [entry(4, 'TEMPORARY RESTRAINING ORDER', 'TRO barring removals under the Alien Enemies Act of 1798.')],
    });
    const statement = (
      await storeItem(t.db, {
        sourceId,
        item: {
          url: 'https://www.justice.gov/opa/pr/statement',
          title: 'Statement on the removal of Abrego Garcia',
          publishedAt: '2025-04-10',
          summary: 'The Department will comply with the Supreme Court.',
          text: '',
          publisher: 'DOJ',
          enclosures: [],
        },
      })
    ).id;
    await attachItem(t.db, { matterId: abrego, itemId: statement, reasons: [] });
  });
  afterAll(() => t.drop());

  it('finds entries and press items by stemmed words, best first, with highlighted snippets', async () => {
    const hits = await searchTimeline(t.db, { text: 'facilitate return', limit: 10 });
    expect(hits.map((h) => h.title).sort()).toEqual(['ORDER', 'Status Report']);
    expect(hits.every((h) => h.snippet.includes(`${MATCH_START}facilitate${MATCH_END}`))).toBe(true);
    expect(hits[0]!.matter).toEqual({ slug: 'abrego-garcia', name: 'Abrego Garcia v. Noem' });
    expect(hits[0]!.rank).toBeGreaterThanOrEqual(hits[1]!.rank);
    // "removals" and "removal" share a stem; the press statement's title outweighs an entry's body.
    const removal = await searchTimeline(t.db, { text: 'removal', limit: 10 });
    expect(removal.map((h) => h.type).sort()).toEqual(['entry', 'item']);
    expect(removal[0]).toMatchObject({ type: 'item', url: 'https://www.justice.gov/opa/pr/statement' });
  });

  it('takes phrases, exclusions and a matter, and finds nothing for stop words or punctuation', async () => {
    expect((await searchTimeline(t.db, { text: '"Alien Enemies Act"', limit: 10 })).map((h) => h.matter.slug)).toEqual(['jgg']);
    expect((await searchTimeline(t.db, { text: 'order -restraining', limit: 10 })).map((h) => h.title)).toEqual(['ORDER']);
    expect(await searchTimeline(t.db, { text: 'removal', matterId: jgg, limit: 10 })).toHaveLength(1);
    for (const nothing of ['the of and', '!!! ((', "'); drop table entries; --"]) {
      expect(await searchTimeline(t.db, { text: nothing, limit: 10 })).toEqual([]);
    }
  });

  it('keeps a press item removed from a matter out of that matter’s results', async () => {
    const sourceId = (await upsertSource(t.db, { kind: 'feed', name: 'aclu', address: 'http://x.test/aclu', intervalSeconds: 60 })).id;
    const { id } = await storeItem(t.db, {
      sourceId,
      item: {
        url: 'https://aclu.example/wrong',
        title: 'Unrelated zoning hearing',
        publishedAt: null,
        summary: '',
        text: '',
        publisher: null,
        enclosures: [],
      },
    });
    await attachItem(t.db, { matterId: abrego, itemId: id, reasons: [] });
    expect(await searchTimeline(t.db, { text: 'zoning', limit: 10 })).toHaveLength(1);
    await removeItemFromMatter(t.db, { matterId: abrego, itemId: id, by: 'test' });
    expect(await searchTimeline(t.db, { text: 'zoning', limit: 10 })).toEqual([]);
  });
});
