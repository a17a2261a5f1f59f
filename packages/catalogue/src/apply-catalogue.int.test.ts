import { courtListenerIdsOf, listPinnedCourtListenerIds, listSources, listSubscriptions } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { applyCatalogue } from './apply-catalogue';
import { parseCatalogue, readCatalogueFile, STARTER_CATALOGUE } from './load-catalogue';

describe('applyCatalogue (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('loads the starter catalogue, and loading it again changes nothing', async () => {
    const cat = readCatalogueFile(STARTER_CATALOGUE);
    const first = await applyCatalogue(t.db, cat);
    expect(first.matters).toBe(6);
    const snapshot = async () => ({
      matters: await t.db.selectFrom('matters').selectAll().orderBy('id').execute(),
      dockets: await t.db.selectFrom('dockets').selectAll().orderBy('id').execute(),
      sources: await listSources(t.db),
    });
    const before = await snapshot();
    await applyCatalogue(t.db, cat);
    expect(await snapshot()).toEqual(before);
    const scotus = before.sources.filter((s) => s.kind === 'scotus-docket');
    expect(scotus).toHaveLength(4);
    expect(scotus.every((s) => s.docket_id !== null)).toBe(true);
  });

  it('adds subscriptions once, by matter or by docket, and keeps schedule state on reload', async () => {
    const yaml = `
matters:
  - slug: abrego-garcia
    name: Abrego Garcia v. Noem
    dockets: [{ court: scotus, number: 24A949 }]
    subscriptions:
      - { email: Lawyer@Example.com }
      - { email: clerk@example.com, docket: 24A949 }
      - { slack: "https://hooks.slack.com/services/T/B/X" }
`;
    await t.db.updateTable('sources').set({ etag: '"kept"', consecutive_failures: 2 }).execute();
    await applyCatalogue(t.db, parseCatalogue(yaml));
    await applyCatalogue(t.db, parseCatalogue(yaml));
    const subs = await listSubscriptions(t.db);
    expect(subs.map((s) => [s.channel, s.target, s.docket_id === null]).sort()).toEqual([
      ['email', 'clerk@example.com', false],
      ['email', 'lawyer@example.com', true],
      ['slack', 'https://hooks.slack.com/services/T/B/X', true],
    ]);
    const sources = await listSources(t.db);
    expect(sources.every((s) => s.etag === '"kept"' && s.consecutive_failures === 2)).toBe(true);
  });
});

describe('applyCatalogue CourtListener pins (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('pins every CourtListener id a docket lists to that one docket (a case CourtListener holds twice)', async () => {
    const yaml = `
matters:
  - slug: jgg-v-trump
    name: J.G.G. v. Trump
    dockets:
      - { court: dcd, number: 1:25-cv-00766, courtlistenerId: 70000001, courtlistenerIds: [70000002, 70000001] }
      - { court: cadc, number: 25-5067 }
`;
    await applyCatalogue(t.db, parseCatalogue(yaml));
    const [district] = await t.db.selectFrom('dockets').select('id').where('court', '=', 'dcd').execute();
    expect(await courtListenerIdsOf(t.db, district!.id)).toEqual([70000001, 70000002]);
    expect(await listPinnedCourtListenerIds(t.db)).toEqual([70000001, 70000002]);
  });
});

describe('applyCatalogue subscriptions on every channel in the registry (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('stores Teams, Discord, ntfy and signed-webhook subscriptions as the operator wrote them, active at once', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await applyCatalogue(
      t.db,
      parseCatalogue(`
matters:
  - slug: dvd
    name: D.V.D. v. DHS
    subscriptions:
      - { teams: "https://prod-12.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x", classes: [order, opinion] }
      - { discord: "https://discord.com/api/webhooks/123/abc", owner: desk@newsroom.example }
      - { ntfy: "https://ntfy.sh/dvd-orders" }
      - { webhook: "https://tracker.example.org/hooks/dw", secrets: ["${secret}"] }
`),
    );
    const subs = await listSubscriptions(t.db);
    expect(subs.map((s) => [s.channel, s.status, s.webhook_secrets.length]).sort()).toEqual([
      ['discord', 'active', 0],
      ['ntfy', 'active', 0],
      ['teams', 'active', 0],
      ['webhook', 'active', 1],
    ]);
    expect(subs.find((s) => s.channel === 'teams')!.classes).toEqual(['order', 'opinion']);
    expect(subs.find((s) => s.channel === 'discord')!.owner_email).toBe('desk@newsroom.example');
  });

  it.each([
    ['a plain-http chat URL', '{ discord: "http://discord.example/api/webhooks/1/x" }', /https/],
    ['a digest on a chat channel', '{ teams: "https://x.example/flow", mode: digest }', /digests go by e-mail/],
    ['a channel docketwatch does not have', '{ fax: "555-0100" }', /subscriptions/],
    ['a signed webhook without its secret', '{ webhook: "https://x.example/hook" }', /subscriptions/],
  ])('refuses %s', (_what, subscription, message) => {
    expect(() => parseCatalogue(`matters: [{ slug: m, name: M, subscriptions: [${subscription}] }]`)).toThrow(message);
  });
});

describe('applyCatalogue press rooms (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('stores a catalogue-written preset on its source, and refuses a broken one at load time', async () => {
    const preset = {
      id: 'state-ag-news',
      name: 'State Attorney General news',
      publisher: 'Office of the Attorney General',
      baseUrl: 'https://ag.example.gov',
      listingUrl: 'https://ag.example.gov/news',
      item: 'article.news',
      title: 'h2',
      link: { selector: 'h2 a', attr: 'href' },
      maxPages: 1,
      articleBody: ['.body'],
    };
    await applyCatalogue(t.db, parseCatalogue(JSON.stringify({ pressRooms: [{ preset }] })));
    const source = (await listSources(t.db)).find((s) => s.kind === 'press-listing')!;
    expect(source.address).toBe('https://ag.example.gov/news');
    expect(source.name).toBe('State Attorney General news');
    expect((source.config.preset as { id: string }).id).toBe('state-ag-news');
    await expect(
      applyCatalogue(t.db, parseCatalogue(JSON.stringify({ pressRooms: [{ preset: { id: 'Broken Preset' } }] }))),
    ).rejects.toThrow(/preset/i);
    await expect(applyCatalogue(t.db, parseCatalogue('pressRooms: [{ preset: no-such-room }]'))).rejects.toThrow(/unknown press preset/);
  });
});
