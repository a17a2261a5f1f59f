/** Search over HTTP: the API's ranked hits and the results page, with hostile court text kept inert. */
import type { FastifyInstance } from 'fastify';
import { classifyEntry } from '@docketwatch/core';
import { storeDocketEntries, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase, listenLocally, quietApiDeps } from '@docketwatch/test-support';
import { snippetHtml } from './search.routes';
import { buildServer } from './server';

describe('GET /api/search and /search', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'jgg', name: 'J.G.G. v. Trump' });
    const other = await upsertMatter(t.db, { slug: 'dvd', name: 'D.V.D. v. DHS' });
    const dcd = await upsertDocket(t.db, { matterId: matter.id, court: 'dcd', docketNumber: '1:25-cv-00766' });
    const mad = await upsertDocket(t.db, { matterId: other.id, court: 'mad', docketNumber: '1:25-cv-10676' });
    const sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
    const entry = (n: number, shortDescription: string, description: string) => ({
      entryNumber: String(n),
      filedAt: '2025-03-15',
      shortDescription,
      description,
      documentUrl: `https://ecf.dcd.uscourts.gov/doc1/${n}`,
      pacerDocId: null,
      attachments: [],
    });
    await storeDocketEntries(t.db, {
      sourceId,
      docket: dcd,
      baseline: false,
      classify: classifyEntry,
      entries: [
        entry(3, 'TEMPORARY RESTRAINING ORDER', 'ORDER "&" <script>alert(1)</script> 5 < 6 barring removals under the Alien Enemies Act.'),
        entry(4, 'MINUTE ORDER', 'Hearing set on the Alien Enemies Act proclamation.'),
      ],
    });
    await storeDocketEntries(t.db, {
      sourceId,
      docket: mad,
      baseline: false,
      classify: classifyEntry,
      entries: [entry(5, 'ORDER', 'Third-country removals require notice under the Alien Enemies Act analysis.')],
    });
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const search = async (query: string) => {
    const res = await fetch(`${origin}/api/search?${query}`);
    return {
      status: res.status,
      body: (await res.json()) as {
        hits: { matter: { slug: string }; title: string; snippet: string; snippetHtml: string }[];
        next: number | null;
        code?: string;
      },
    };
  };

  it('answers ranked hits across matters, narrowed to one matter on request, and pages', async () => {
    const all = await search('q=%22Alien+Enemies+Act%22');
    expect(all.status).toBe(200);
    expect(all.body.hits.map((h) => h.matter.slug).sort()).toEqual(['dvd', 'jgg', 'jgg']);
    expect((await search('q=%22Alien+Enemies+Act%22&matter=jgg')).body.hits).toHaveLength(2);
    const first = await search('q=%22Alien+Enemies+Act%22&limit=2');
    expect(first.body.next).toBe(2);
    expect((await search('q=%22Alien+Enemies+Act%22&limit=2&offset=2')).body).toMatchObject({ next: null, hits: [expect.anything()] });
  });

  it('gives the snippet as plain text and as escaped HTML with the matches marked', async () => {
    const { body } = await search('q=restraining+removals');
    const [hit] = body.hits;
    // Postgres drops what parses as a tag; what is left of the court's text is escaped.
    expect(hit!.snippet).toContain('"&"');
    expect(hit!.snippet).toContain('5 < 6');
    expect(hit!.snippetHtml).toContain('<mark>removals</mark>');
    expect(hit!.snippetHtml).toContain('&quot;&amp;&quot;');
    expect(hit!.snippetHtml).toContain('5 &lt; 6');
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('refuses a too-short query, an unknown matter and unknown parameters as problems', async () => {
    expect((await search('q=a')).body).toMatchObject({ code: 'INVALID_QUERY' });
    expect((await search('q=order&matter=nope')).body).toMatchObject({ code: 'MATTER_NOT_FOUND' });
    expect((await search('q=order&sort=new')).body).toMatchObject({ code: 'INVALID_QUERY' });
  });

  it('shows a results page whose court text stays text', async () => {
    const res = await fetch(`${origin}/search?q=removals`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<mark>removals</mark>');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('href="/matters/jgg"');
    // The search can be followed by e-mail from its results.
    expect(page).toMatch(/<form method="post" action="\/subscribe"[^]*name="query" value="removals"/);
    expect(await (await fetch(`${origin}/search`)).text()).toContain('Search every docket entry');
  });

  it('marks matches and escapes everything else, whatever the markers surround', () => {
    expect(snippetHtml('a \u0002<b>\u0003 c')).toBe('a <mark>&lt;b&gt;</mark> c');
    expect(snippetHtml('\u0003 stray \u0002open')).toBe(' stray <mark>open</mark>');
  });
});
