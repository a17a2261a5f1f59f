import { upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { ingestDocument } from './ingest-document';

describe('ingestDocument with hostile text (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('drops NUL characters, which Postgres text cannot hold, instead of failing the source for good', async () => {
    const matter = await upsertMatter(t.db, { slug: 'abrego-garcia', name: 'Abrego Garcia', aliases: ['Abrego Garcia'] });
    await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951' });
    const source = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'rss',
      address: 'http://x.test/rss',
      court: 'mdd',
      intervalSeconds: 60,
    });
    const report = await ingestDocument(t.db, {
      source,
      baseline: false,
      document: {
        format: 'pacer-rss',
        dockets: [
          {
            court: 'mdd',
            docketNumber: '8:25-cv-00951',
            caseName: 'Abrego\u0000 Garcia v. Noem',
            pacerCaseId: null,
            entries: [
              {
                entryNumber: '31',
                filedAt: '2025-04-04',
                shortDescription: 'Or\u0000der',
                description: 'ORDER\u0000 granting',
                documentUrl: null,
                pacerDocId: null,
                attachments: [],
              },
            ],
          },
        ],
        items: [
          {
            url: 'https://www.justice.gov/x',
            title: 'On Abrego Garcia\u0000',
            publishedAt: null,
            summary: '',
            text: 'a\u0000b',
            publisher: null,
            enclosures: [],
          },
        ],
      },
    });
    expect(report).toMatchObject({ created: 1, itemsCreated: 1, itemsAttached: 1 });
    const entry = await t.db.selectFrom('entries').selectAll().executeTakeFirstOrThrow();
    expect(entry.short_description).toBe('Order');
    expect(entry.description).toBe('ORDER granting');
    const item = await t.db.selectFrom('items').selectAll().executeTakeFirstOrThrow();
    expect(item.text).toBe('ab');
  });
});
