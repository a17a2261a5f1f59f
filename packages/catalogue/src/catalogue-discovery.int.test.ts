import { findMatterBySlug, listSources, listSubscriptions } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { applyCatalogue } from './apply-catalogue';
import { parseCatalogue, readCatalogueFile, STARTER_CATALOGUE } from './load-catalogue';

describe('discovery in the catalogue (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t.drop());

  it("stores a matter's discovery rule, a search source among the feeds, and who asked for new cases", async () => {
    const catalogue = parseCatalogue(`
matters:
  - slug: detainee-habeas
    name: Detainee habeas petitions
    discovery:
      natureOfSuit: ['463']
      courts: [district, ca5]
      autoAttach: true
    subscriptions:
      - { email: desk@example.test, newCases: true }
      - { email: entries@example.test }
feeds:
  - kind: discovery
    query: suitNature:"Habeas Corpus - Alien Detainee"
    courts: [txwd, txsd]
    every: 2h
`);
    await applyCatalogue(t.db, catalogue);
    const matter = await findMatterBySlug(t.db, 'detainee-habeas');
    expect(matter?.discovery).toEqual({ parties: [], statutes: [], natureOfSuit: ['463'], courts: ['district', 'ca5'], autoAttach: true });
    const subscriptions = await listSubscriptions(t.db, matter!.id);
    expect(subscriptions.map((s) => [s.target, s.new_cases])).toEqual([
      ['desk@example.test', true],
      ['entries@example.test', false],
    ]);
    const [search] = await listSources(t.db);
    expect(search).toMatchObject({
      kind: 'discovery',
      interval_seconds: 7200,
      config: { query: 'suitNature:"Habeas Corpus - Alien Detainee"', courts: ['txsd', 'txwd'], lookbackDays: 14 },
    });
  });

  it('refuses a rule that names nothing to match, naming where', () => {
    expect(() => parseCatalogue('matters:\n  - slug: x\n    name: X\n    discovery: { courts: [district] }\n')).toThrow(
      /matters\.0\.discovery/,
    );
  });

  it('gives the starter Alien Enemies Act matter a rule and a CourtListener search', () => {
    const starter = readCatalogueFile(STARTER_CATALOGUE);
    expect(starter.matters.find((m) => m.slug === 'aea-habeas')?.discovery).toMatchObject({
      statutes: ['Alien Enemies Act', '50 U.S.C. 21'],
      natureOfSuit: ['463'],
      courts: ['district'],
      autoAttach: false,
    });
    expect(starter.feeds.filter((f) => f.kind === 'discovery')).toHaveLength(1);
  });
});
