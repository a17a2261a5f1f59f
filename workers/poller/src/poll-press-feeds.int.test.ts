/**
 * A press room's official feed (a `feed` source with `config.pressRoom`) through pollSource: real
 * Postgres, the synthetic justice.gov feed of packages/sources/src/feed/testdata served by a local
 * stand-in (its links rewritten onto the stand-in, so nothing reaches the internet), each new item's
 * page read with the press room's article selectors, and the press room's listing as its fallback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { upsertMatter, upsertSource, type Matter } from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, HttpStandIn, type TestDatabase } from '@docketwatch/test-support';
import { pollSource, type PollDeps } from './poll-source';

const log = createLogger({ name: 'test', level: 'silent' });
const TESTDATA = path.resolve(__dirname, '../../../packages/sources/src/feed/testdata');

describe('a press room read through its official feed (real Postgres, local stand-in)', () => {
  let t: TestDatabase;
  let site: HttpStandIn;
  let http: HttpClient;
  let deps: PollDeps;
  let abrego: Matter;

  const itemsSeenBy = async (sourceId: number) =>
    t.db
      .selectFrom('items')
      .innerJoin('item_sightings', 'item_sightings.item_id', 'items.id')
      .selectAll('items')
      .where('item_sightings.source_id', '=', sourceId)
      .orderBy('items.id')
      .execute();

  const article = (title: string, body: string): string =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>
<div class="node-date"><time datetime="2025-04-10T12:00:00Z">April 10, 2025</time></div>
<div class="field_body"><p>${body}</p></div></main></body></html>`;

  beforeAll(async () => {
    t = await createTestDatabase();
    site = new HttpStandIn();
    await site.start();
    http = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 2000,
      maxBodyBytes: 1024 * 1024,
    });
    deps = { db: t.db, http, log, courtListener: null, onEvents: async () => undefined };
    abrego = await upsertMatter(t.db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      aliases: ['Abrego Garcia'],
      keywords: ['Kilmar'],
    });
    const feed = readFileSync(path.join(TESTDATA, 'justice-gov-press-releases.rss.xml'), 'utf8').replaceAll(
      'https://www.justice.gov',
      site.url,
    );
    site.set('/news/rss?type=press_release', { body: feed, contentType: 'application/rss+xml; charset=utf-8' });
    site.set('/opa/pr/justice-department-statement-supreme-courts-order-noem-v-abrego-garcia', {
      contentType: 'text/html; charset=utf-8',
      body: article('Statement on Noem v. Abrego Garcia', 'The Department will facilitate the return of Kilmar Abrego Garcia as ordered.'),
    });
    site.set('/opa/pr/attorney-general-statement-alien-enemies-act-removals', {
      contentType: 'text/html; charset=utf-8',
      body: article('Attorney General Statement', 'The Attorney General welcomed the decision.'),
    });
    // /usao-sdtx/pr/two-men-charged-human-smuggling-scheme is not served: its page fails (404).
  });
  afterAll(async () => {
    await http.close();
    await site.stop();
    await t.drop();
  });

  it("names the press room as publisher, reads each item's page for its text, and keeps the teaser of a page that fails", async () => {
    const { id } = await upsertSource(t.db, {
      kind: 'feed',
      name: 'Justice Department press releases (feed)',
      address: `${site.url}/news/rss?type=press_release`,
      intervalSeconds: 900,
      config: { pressRoom: 'justice-gov-news' },
    });
    expect(await pollSource(deps, id)).toMatchObject({ status: 'stored', baseline: true, events: 0 });

    const stored = await itemsSeenBy(id);
    expect(stored.map((i) => [i.publisher, i.published_at])).toEqual([
      ['U.S. Department of Justice', '2025-04-10T21:30:00-04:00'],
      ['U.S. Department of Justice', '2025-04-10T16:05:00-05:00'],
      ['U.S. Department of Justice', '2025-04-07T20:12:00-04:00'],
    ]);
    const [statement, smuggling, attorneyGeneral] = stored;
    expect(statement!.text).toBe('The Department will facilitate the return of Kilmar Abrego Garcia as ordered.');
    expect(attorneyGeneral!.text).toBe('The Attorney General welcomed the decision.');
    expect(smuggling).toMatchObject({ text: '', summary: expect.stringContaining('Two men have been charged') });
    expect(site.requestsTo('/usao-sdtx/pr/two-men-charged-human-smuggling-scheme')).toHaveLength(1);

    // Seen again (a changed feed): only the page not read yet is fetched again.
    site.set('/news/rss?type=press_release', {
      body: readFileSync(path.join(TESTDATA, 'justice-gov-press-releases.rss.xml'), 'utf8')
        .replaceAll('https://www.justice.gov', site.url)
        .replace('<language>en</language>', '<language>en-US</language>'),
      contentType: 'application/rss+xml; charset=utf-8',
    });
    expect(await pollSource(deps, id)).toMatchObject({ status: 'stored', baseline: false });
    expect(site.requestsTo('/opa/pr/justice-department-statement-supreme-courts-order-noem-v-abrego-garcia')).toHaveLength(1);
    expect(site.requestsTo('/usao-sdtx/pr/two-men-charged-human-smuggling-scheme')).toHaveLength(2);
  });

  it('shares its items with the press room listing kept as fallback: one item, a sighting from each', async () => {
    const listingPath = '/news/press-releases';
    site.set(listingPath, {
      contentType: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html><html><body><main><div class="rows-wrapper"><div class="views-row"><article class="news-content-listing">
<h2><a href="/opa/pr/justice-department-statement-supreme-courts-order-noem-v-abrego-garcia">Justice Department Statement</a></h2>
<time datetime="2025-04-10T12:00:00Z">April 10, 2025</time></article></div></div></main></body></html>`,
    });
    const fallback = await upsertSource(t.db, {
      kind: 'press-listing',
      name: 'Justice Department press releases',
      address: `${site.url}${listingPath}`,
      intervalSeconds: 21600,
      config: { preset: 'justice-gov-news' },
    });
    expect(await pollSource(deps, fallback.id)).toMatchObject({ status: 'stored' });
    const [item] = await itemsSeenBy(fallback.id);
    const sightings = await t.db.selectFrom('item_sightings').select('source_id').where('item_id', '=', item!.id).execute();
    expect(sightings).toHaveLength(2);
    // Its page was read once, by the feed: the listing found the item already stored with its text.
    expect(site.requestsTo('/opa/pr/justice-department-statement-supreme-courts-order-noem-v-abrego-garcia')).toHaveLength(1);
    const attached = await t.db.selectFrom('matter_items').select('matter_id').where('item_id', '=', item!.id).execute();
    expect(attached).toEqual([{ matter_id: abrego.id }]);
  });

  it('reads no page for a feed that is no press room', async () => {
    site.set('/other/feed.xml', {
      contentType: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Other</title><link>${site.url}/other/</link>
<item><title>Only a teaser</title><link>${site.url}/other/only-a-teaser</link><description>Teaser.</description></item></channel></rss>`,
    });
    const { id } = await upsertSource(t.db, { kind: 'feed', name: 'Other', address: `${site.url}/other/feed.xml`, intervalSeconds: 900 });
    expect(await pollSource(deps, id)).toMatchObject({ status: 'stored' });
    expect(await itemsSeenBy(id)).toEqual([expect.objectContaining({ publisher: 'Other', text: '' })]);
    expect(site.requestsTo('/other/only-a-teaser')).toEqual([]);
  });
});
