import { DocketwatchError } from '@docketwatch/core';
import { parseDuration, sourceKinds } from '@docketwatch/sources';
import { parseCatalogue, readCatalogueFile, STARTER_CATALOGUE } from './load-catalogue';

describe('catalogue parsing', () => {
  it('ships a valid starter catalogue with the matters the news is about and their dockets', () => {
    const cat = readCatalogueFile(STARTER_CATALOGUE);
    expect(cat.matters.map((m) => m.slug)).toEqual([
      'abrego-garcia',
      'jgg-v-trump',
      'aarp-v-trump',
      'jop-v-dhs',
      'dvd-v-dhs',
      'aea-habeas',
    ]);
    const numbers = cat.matters.flatMap((m) => m.dockets.map((d) => `${d.court} ${d.number}`));
    expect(numbers).toEqual(
      expect.arrayContaining([
        'mdd 8:25-cv-00951',
        'ca4 25-1345',
        'scotus 24A949',
        'dcd 1:25-cv-00766',
        'scotus 24A931',
        'scotus 24A1007',
        'txnd 1:25-cv-00059',
        'tnmd 3:25-cr-00115',
        'mdd 8:19-cv-01944',
        'ca4 25-1519',
        'mad 1:25-cv-10676',
        'scotus 24A1153',
        'txsd 1:25-cv-00072',
        'ca5 25-40400',
        'nysd 1:25-cv-02886',
      ]),
    );
    // The Fifth Circuit publishes no RSS feed: no source may point at one.
    expect(cat.feeds.map((f) => String((f as { url?: unknown }).url)).filter((u) => u.includes('ca5'))).toEqual([]);
    // Every court a tracked docket sits in that has a CM/ECF RSS feed is read from it.
    const courtFeeds = cat.feeds.filter((f) => f.kind === 'pacer-rss') as { court: string; carries?: string[] }[];
    expect(courtFeeds.map((f) => f.court).sort()).toEqual(['ca4', 'cadc', 'cod', 'dcd', 'mad', 'nysd', 'pawd', 'tnmd', 'txnd', 'txsd']);
    // A feed known to carry only some entry types says which, so its dockets show the rest as unseen.
    expect(courtFeeds.find((f) => f.court === 'txnd')!.carries).toEqual(['order']);
    expect(cat.matters[0]!.dockets.find((d) => d.court === 'mdd')!.pacerCaseId).toBe('578815');
  });

  it("reads press rooms from their official feeds, keeping each one's page as a slower fallback", () => {
    const cat = readCatalogueFile(STARTER_CATALOGUE);
    const official = cat.feeds.filter((f) => f.kind === 'feed') as { url: string; pressRoom?: string }[];
    expect(official.map((f) => [f.pressRoom, f.url])).toEqual([
      ['justice-gov-news', 'https://www.justice.gov/news/rss?type=press_release'],
      ['whitehouse-news', 'https://www.whitehouse.gov/news/feed/'],
      ['aclu-press-releases', 'https://www.aclu.org/news/feed'],
    ]);
    const rooms = cat.pressRooms as { preset: string; every: number }[];
    for (const { pressRoom } of official) expect(rooms.find((r) => r.preset === pressRoom)!.every).toBe(parseDuration('6h'));
    expect(rooms.map((r) => r.preset)).toEqual(
      expect.arrayContaining(['dhs-news-releases', 'scotus-slip-opinions', 'scotus-opinions-relating-to-orders']),
    );
  });

  it('normalises docket numbers and durations', () => {
    const cat = parseCatalogue(`
matters:
  - slug: a
    name: A
    dockets:
      - court: mdd
        number: 8:25-CV-951-PX
        sources: [{ kind: scotus-docket, url: "https://example.org/a.json", every: 2m }]
    subscriptions: [{ email: a@example.com, docket: 8:25-cv-951 }]
feeds: [{ kind: pacer-rss, court: ca4, url: "https://ecf.ca4.uscourts.gov/rss", every: 90 }]
`);
    expect(cat.matters[0]!.dockets[0]!.number).toBe('8:25-cv-00951');
    expect(cat.matters[0]!.dockets[0]!.sources[0]!.every).toBe(120);
    expect(cat.feeds[0]!.every).toBe(90);
  });

  it("takes each section's entries and defaults from the source kinds that list it", () => {
    const cat = parseCatalogue(`
feeds: [{ kind: feed, name: Oral arguments, url: "https://x.test/oa.xml" }]
pressRooms: [{ preset: justice-gov-olc }]
pages: [{ name: Cases of interest, url: "https://x.test/cases" }]
mailboxes: [{ kind: nef-email, address: NEF@x.test }, { kind: scotus-email, address: scotus@x.test }]
webhooks: [{ kind: courtlistener-webhook, name: CL, secret: 0123456789abcdef }]
`);
    expect(cat.feeds).toEqual([
      { kind: 'feed', name: 'Oral arguments', url: 'https://x.test/oa.xml', every: sourceKinds.feed.defaultIntervalSeconds },
    ]);
    expect(cat.pressRooms[0]!.every).toBe(sourceKinds['press-listing'].defaultIntervalSeconds);
    expect(cat.pages[0]!.every).toBe(sourceKinds['page-watch'].defaultIntervalSeconds);
    expect(cat.mailboxes.map((m) => m.kind)).toEqual(['nef-email', 'scotus-email']);
    expect(cat.webhooks[0]).toMatchObject({ kind: 'courtlistener-webhook', checkSender: true });
  });

  it.each([
    ['not YAML', 'matters: [', /not valid YAML/],
    ['a bad slug', 'matters: [{ slug: "Abrego Garcia", name: x }]', /matters\.0\.slug/],
    ['a bad e-mail', 'matters: [{ slug: a, name: a, subscriptions: [{ email: nope }] }]', /matters\.0\.subscriptions\.0/],
    ['a non-http source', 'feeds: [{ kind: pacer-rss, court: ca4, url: "file:///etc/passwd" }]', /feeds\.0\.url/],
    ['an unknown source kind', 'feeds: [{ kind: tea-leaves, court: ca4, url: "https://x.test" }]', /feeds\.0\.kind/],
    ['a kind in a section it does not list', 'feeds: [{ kind: scotus-docket, url: "https://x.test" }]', /feeds\.0\.kind/],
    ['a polled kind as a mailbox', 'mailboxes: [{ kind: feed, address: a@b.co }]', /mailboxes\.0\.kind/],
    ['a bad duration', 'feeds: [{ kind: pacer-rss, court: ca4, url: "https://x.test", every: soon }]', /not a duration/],
    [
      'an absurd interval',
      'feeds: [{ kind: pacer-rss, court: ca4, url: "https://x.test", every: 99999999999999999999h }]',
      /at most 7 days/,
    ],
    ['an unknown top-level key', 'subscribers: []', /subscribers/],
    ['a duplicate matter', 'matters: [{ slug: a, name: a }, { slug: a, name: b }]', /duplicate matter/],
    [
      'a subscription to a docket not in the matter',
      'matters: [{ slug: a, name: a, subscriptions: [{ email: a@b.co, docket: 25-1 }] }]',
      /no docket 25-1/,
    ],
  ])('rejects %s, naming where', (_what, yaml, message) => {
    expect(() => parseCatalogue(yaml)).toThrow(DocketwatchError);
    expect(() => parseCatalogue(yaml)).toThrow(message);
  });

  it('refuses YAML alias bombs', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(() => parseCatalogue(bomb)).toThrow(DocketwatchError);
  });

  it('reads durations', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration(42)).toBe(42);
    expect(() => parseDuration('5 minutes')).toThrow(/not a duration/);
  });
});

describe('press rooms in the catalogue', () => {
  it('takes a new press room as a preset written in the catalogue, not code', () => {
    const cat = parseCatalogue(`
pressRooms:
  - preset: justice-gov-news
  - preset:
      id: state-ag-news
      name: State Attorney General news
      publisher: Office of the Attorney General
      baseUrl: https://ag.example.gov
      listingUrl: https://ag.example.gov/news
      item: article.news
      title: h2
      link: { selector: h2 a, attr: href }
      date: { selector: time, attr: datetime }
      maxPages: 1
      articleBody: [.body]
    every: 30m
`);
    expect(cat.pressRooms).toHaveLength(2);
    expect(typeof cat.pressRooms[1]!.preset).toBe('object');
    expect(cat.pressRooms[1]!.every).toBe(1800);
  });
});
