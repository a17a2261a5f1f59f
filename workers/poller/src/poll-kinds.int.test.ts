/**
 * The polled source kinds (drivers in packages/sources) end to end through pollSource: real Postgres,
 * real parsers, and a local stand-in serving recorded court files (juriscraper's) or synthetic pages
 * in their shape. Nothing here reaches the internet: every URL a driver fetches is on the stand-in.
 */
import { pinCourtListenerDocket, upsertDocket, upsertMatter, upsertSource, getSource, type Matter, type Docket } from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { CourtListenerClient, parseFeed } from '@docketwatch/sources';
import { createTestDatabase, HttpStandIn, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { pollSource, type PollDeps } from './poll-source';

const log = createLogger({ name: 'test', level: 'silent' });

describe('source drivers through pollSource (real Postgres, local stand-in)', () => {
  let t: TestDatabase;
  let court: HttpStandIn;
  let http: HttpClient;
  let deps: PollDeps;
  let abrego: Matter;
  let abregoDistrict: Docket;
  let events = 0;

  const itemsSeenBy = async (sourceId: number) =>
    t.db
      .selectFrom('items')
      .innerJoin('item_sightings', 'item_sightings.item_id', 'items.id')
      .selectAll('items')
      .where('item_sightings.source_id', '=', sourceId)
      .orderBy('items.id')
      .execute();
  const attachments = async (itemId: number) =>
    t.db.selectFrom('matter_items').select(['matter_id', 'reasons']).where('item_id', '=', itemId).orderBy('matter_id').execute();
  const itemEvents = async (itemIds: number[]) =>
    itemIds.length === 0
      ? []
      : t.db.selectFrom('outbox_events').select(['kind', 'item_id', 'matter_id']).where('item_id', 'in', itemIds).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestDatabase();
    court = new HttpStandIn();
    await court.start();
    http = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 2000,
      maxBodyBytes: 1024 * 1024,
    });
    const courtListener = new CourtListenerClient({ http, token: 'test-token', baseUrl: court.url, minIntervalMs: 0, rateLimits: [] });
    deps = { db: t.db, http, log, courtListener, onEvents: async (n) => void (events += n) };
    // As in the starter catalogue.
    abrego = await upsertMatter(t.db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      aliases: ['Abrego Garcia', 'Kilmar Abrego Garcia', 'Kilmar Armando Abrego Garcia', 'Ábrego García'],
      keywords: ['Kilmar'],
    });
    abregoDistrict = await upsertDocket(t.db, {
      matterId: abrego.id,
      court: 'mdd',
      docketNumber: '8:25-cv-00951',
      pacerCaseId: '578815',
      caseName: 'Abrego Garcia v. Noem',
    });
  });
  afterAll(async () => {
    await http.close();
    await court.stop();
    await t.drop();
  });

  describe("'feed': the Eighth Circuit's oral-argument podcast (ca8_example.xml)", () => {
    const FIXTURE = readFixture('oral_args/united_states/ca8_example.xml').toString('utf8');
    const NEW_ARGUMENT = `<item>
   <title>15-6003: Jessica Robb vs Janice Harder (rehearing)</title>
   <link>http://www.ca8.uscourts.gov/cgi-bin/new/oralargs.pl?case_num=156003&amp;argued=20150915</link>
   <description>Oral argument argued before the Eighth Circuit U.S. Court of Appeals on or about 09/15/2015</description>
   <enclosure url="http://media-oa.ca8.uscourts.gov/OAaudio/2015/9/156003.MP3" length="20000000" type="audio/mpeg"/>
   <guid isPermaLink="true">http://media-oa.ca8.uscourts.gov/OAaudio/2015/9/156003.mp3</guid>
   <pubDate>Tue, 15 Sep 2015 09:00 CDT</pubDate>
   </item>
   `;

    it('stores every item on the first (baseline) poll, attaches by docket number silently, then alerts on a new argument', async () => {
      const matter = await upsertMatter(t.db, { slug: 'robb-v-harder', name: 'Robb v. Harder' });
      await upsertDocket(t.db, { matterId: matter.id, court: 'ca8', docketNumber: '15-6003', caseName: 'Robb v. Harder' });
      court.set('/ca8/oral-arguments.xml', { body: FIXTURE, contentType: 'application/rss+xml' });
      const { id } = await upsertSource(t.db, {
        kind: 'feed',
        name: 'Eighth Circuit oral arguments',
        address: `${court.url}/ca8/oral-arguments.xml`,
        intervalSeconds: 3600,
      });

      const first = await pollSource(deps, id);
      expect(first).toMatchObject({ status: 'stored', baseline: true, events: 0 });
      const expected = parseFeed(FIXTURE).items!;
      const stored = await itemsSeenBy(id);
      expect(stored).toHaveLength(expected.length);
      expect(stored.length).toBeGreaterThan(20);
      const robb = stored.find((i) => i.url === 'http://www.ca8.uscourts.gov/cgi-bin/new/oralargs.pl?case_num=156003')!;
      expect(robb).toMatchObject({
        title: '15-6003: Jessica Robb vs Janice Harder',
        published_at: '2015-06-02T09:00:00-05:00',
        publisher: 'Eighth Circuit U.S. Court of Appeals',
        enclosures: [{ url: 'http://media-oa.ca8.uscourts.gov/OAaudio/2015/6/156003.MP3', type: 'audio/mpeg' }],
      });
      expect(await attachments(robb.id)).toEqual([
        { matter_id: matter.id, reasons: [expect.objectContaining({ kind: 'docket-number', value: '15-6003' })] },
      ]);
      expect(await itemEvents(stored.map((i) => i.id))).toEqual([]);

      expect((await pollSource(deps, id)).status).toBe('not-modified');

      court.set('/ca8/oral-arguments.xml', {
        body: FIXTURE.replace('<item>', `${NEW_ARGUMENT}<item>`),
        contentType: 'application/rss+xml',
      });
      const third = await pollSource(deps, id);
      expect(third).toMatchObject({ status: 'stored', baseline: false, events: 1 });
      const after = await itemsSeenBy(id);
      expect(after).toHaveLength(expected.length + 1);
      const rehearing = after.find((i) => i.title === '15-6003: Jessica Robb vs Janice Harder (rehearing)')!;
      expect(await itemEvents(after.map((i) => i.id))).toEqual([{ kind: 'item.attached', item_id: rehearing.id, matter_id: matter.id }]);
    });
  });

  describe("'press-listing'", () => {
    it('justice-gov-olc on olc_example.html: stores the listing and its next page, then unchanged, then a changed layout fails loudly', async () => {
      const listingPath = '/olc/opinions?items_per_page=40';
      // The fixture's pager links "?items_per_page=40&page=1", relative: the next page is on the stand-in too.
      const nextPath = '/olc/opinions?items_per_page=40&page=1';
      let listing = readFixture('opinions/united_states/olc_example.html').toString('utf8');
      let responses = 0;
      // A server whose ETag changes from response to response while the page does not, so the
      // driver's own body comparison is what tells it nothing changed.
      court.set(listingPath, () => ({ body: listing, contentType: 'text/html; charset=utf-8', headers: { etag: `"olc-${++responses}"` } }));
      court.set(nextPath, {
        contentType: 'text/html; charset=utf-8',
        body: `<html><body><div class="rows-wrapper"><div class="views-row">
<article role="article" class="news-content-listing node-opinion"><div class="node-content">
<h2 class="opinion-title"><a href="/d9/2022-09/2022-09-01-older-opinion.pdf" rel="bookmark"><span>An Older Opinion</span></a></h2>
<div class="node-date"><time datetime="2022-09-01T12:00:00Z">September 1, 2022</time></div>
<div class="field_overview"><p>An older opinion on the second page.</p></div>
</div></article></div></div></body></html>`,
      });
      const { id } = await upsertSource(t.db, {
        kind: 'press-listing',
        name: 'Office of Legal Counsel opinions',
        address: `${court.url}${listingPath}`,
        intervalSeconds: 3600,
        config: { preset: 'justice-gov-olc' },
      });

      const first = await pollSource(deps, id);
      expect(first).toMatchObject({ status: 'stored', baseline: true, events: 0 });
      const stored = await itemsSeenBy(id);
      expect(stored).toHaveLength(11);
      expect(stored.map((i) => i.title)).toContain('Retaining Private Counsel to Represent the DHS Secretary in Impeachment Processes');
      expect(stored.map((i) => i.title)).toContain('An Older Opinion');
      // Relative links resolve against the page's own address; the opinions are PDFs, so no article page is read.
      const retaining = stored.find((i) => i.title.startsWith('Retaining Private Counsel'))!;
      expect(retaining).toMatchObject({
        url: `${court.url}/d9/2023-02/2023-01-04-dhs-impeachment-representation.pdf`,
        published_at: '2023-01-04',
        text: '',
        enclosures: [{ url: `${court.url}/d9/2023-02/2023-01-04-dhs-impeachment-representation.pdf`, type: 'application/pdf' }],
      });
      expect(court.requests.filter((r) => r.path.startsWith('/d9/'))).toEqual([]);
      expect(court.requestsTo(nextPath)).toHaveLength(1);

      const second = await pollSource(deps, id);
      expect(second.status).toBe('unchanged');
      expect(court.requestsTo(listingPath)).toHaveLength(2);
      expect(court.requestsTo(listingPath)[1]!.headers['if-none-match']).toBe('"olc-1"');
      expect(court.requestsTo(nextPath)).toHaveLength(1);

      // The site was redesigned: the listing still answers 200, but nothing in it is an item.
      listing = '<html><head><title>Opinions</title></head><body><main><h1>Opinions</h1><p>Search our opinions.</p></main></body></html>';
      const third = await pollSource(deps, id);
      expect(third.status).toBe('failed');
      const s = (await getSource(t.db, id))!;
      // A source that had worked is reported at once: retrying will not bring its items back.
      expect(s).toMatchObject({
        last_error_code: 'PARSE_LAYOUT_CHANGED',
        health: 'layout-changed',
        consecutive_failures: 1,
        enabled: true,
      });
      expect(s.last_error).toContain('layout changed? justice-gov-olc found no items');
      expect(await itemsSeenBy(id)).toHaveLength(11);
    });

    it("justice-gov-news: reads each new item's own page for its text, tolerates one that fails, and reads it when the item is seen again", async () => {
      const listingPath = '/news/press-releases';
      const row = (slug: string, title: string, day: string, teaser: string): string => `<div class="views-row">
<article class="news-content-listing node-press-release"><h2><a href="/opa/pr/${slug}">${title}</a></h2>
<time datetime="${day}T12:00:00Z">${day}</time><div class="field_summary"><p>${teaser}</p></div></article></div>`;
      const page = (...rows: string[]): string =>
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Press Releases</title></head><body><main>
<div class="rows-wrapper">${rows.join('\n')}</div></main></body></html>`;
      const article = (title: string, paragraphs: string[]): string =>
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>
<div class="node-date"><time datetime="2025-04-10T12:00:00Z">April 10, 2025</time></div>
<div class="field_body">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></main></body></html>`;

      const statement = row('statement-on-removal-case', 'Statement on a removal case', '2025-04-10', 'The Department issued a statement.');
      const briefing = row('briefing-schedule', 'Briefing schedule set in Maryland case', '2025-04-11', 'A schedule was set.');
      court.set(listingPath, { body: page(briefing, statement), contentType: 'text/html; charset=utf-8' });
      court.set('/opa/pr/statement-on-removal-case', {
        contentType: 'text/html; charset=utf-8',
        body: article('Statement on a removal case', [
          'The Department respects the order of the District Court concerning Kilmar Abrego Garcia.',
          'It will report on the status of his return as the court directed.',
        ]),
      });
      // /opa/pr/briefing-schedule is not served yet: its page fails (404) on the first poll.

      const { id } = await upsertSource(t.db, {
        kind: 'press-listing',
        name: 'Justice Department press releases',
        address: `${court.url}${listingPath}`,
        intervalSeconds: 900,
        config: { preset: 'justice-gov-news' },
      });
      const first = await pollSource(deps, id);
      expect(first).toMatchObject({ status: 'stored', baseline: true, events: 0 });
      let stored = await itemsSeenBy(id);
      expect(stored).toHaveLength(2);
      const statementItem = stored.find((i) => i.url === `${court.url}/opa/pr/statement-on-removal-case`)!;
      expect(statementItem).toMatchObject({
        title: 'Statement on a removal case',
        published_at: '2025-04-10',
        summary: 'The Department issued a statement.',
      });
      expect(statementItem.text).toContain('concerning Kilmar Abrego Garcia');
      // The page's text named the matter: attached, silently (the source's baseline).
      expect((await attachments(statementItem.id)).map((a) => a.matter_id)).toEqual([abrego.id]);
      const briefingItem = stored.find((i) => i.url === `${court.url}/opa/pr/briefing-schedule`)!;
      expect(briefingItem).toMatchObject({ summary: 'A schedule was set.', text: '' });
      expect(await attachments(briefingItem.id)).toEqual([]);
      expect(court.requestsTo('/opa/pr/briefing-schedule')).toHaveLength(1);

      // Next poll: a new item at the top, and the page that failed now answers.
      court.set('/opa/pr/briefing-schedule', {
        contentType: 'text/html; charset=utf-8',
        body: article('Briefing schedule set in Maryland case', [
          'The court set a schedule in Abrego Garcia v. Noem, No. 8:25-cv-951 (D. Md.).',
        ]),
      });
      const fresh = row('unrelated-grant', 'Grants announced for victim services', '2025-04-12', 'Funding for victim services.');
      court.set('/opa/pr/unrelated-grant', {
        contentType: 'text/html; charset=utf-8',
        body: article('Grants announced for victim services', ['The Office for Victims of Crime announced grants.']),
      });
      court.set(listingPath, { body: page(fresh, briefing, statement), contentType: 'text/html; charset=utf-8' });

      const second = await pollSource(deps, id);
      expect(second).toMatchObject({ status: 'stored', baseline: false });
      stored = await itemsSeenBy(id);
      expect(stored).toHaveLength(3);
      // Only pages not read yet are fetched: the new item's and the one that failed; never the statement's again.
      expect(court.requestsTo('/opa/pr/unrelated-grant')).toHaveLength(1);
      expect(court.requestsTo('/opa/pr/statement-on-removal-case')).toHaveLength(1);
      expect(court.requestsTo('/opa/pr/briefing-schedule')).toHaveLength(2);
      const briefingNow = stored.find((i) => i.id === briefingItem.id)!;
      expect(briefingNow.text).toContain('No. 8:25-cv-951 (D. Md.)');
      // With its text, the item now names the matter: attached, and this time it is news.
      const reasons = await attachments(briefingItem.id);
      expect(reasons.map((a) => a.matter_id)).toEqual([abrego.id]);
      expect(reasons[0]!.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'alias', value: 'Abrego Garcia' }),
          expect.objectContaining({ kind: 'docket-number', value: '8:25-cv-00951' }),
        ]),
      );
      expect(await itemEvents(stored.map((i) => i.id))).toEqual([
        { kind: 'item.attached', item_id: briefingItem.id, matter_id: abrego.id },
      ]);
      expect(second.events).toBe(1);

      expect((await pollSource(deps, id)).status).toBe('not-modified');
    });
  });

  describe("'page-watch'", () => {
    const page = (cases: string[], generated: string): string => `<!DOCTYPE html><html><head><title>Cases of Interest</title></head><body>
<header><a href="/">U.S. District Court, District of Maryland</a></header>
<div id="cases"><h2>Cases of Interest</h2><ul>${cases.map((c) => `<li>${c}</li>`).join('')}</ul></div>
<footer>Page generated ${generated}</footer></body></html>`;

    it('sets a snapshot first, then turns a change in the region into one item attached to the matter it names', async () => {
      const path = '/cases-of-interest';
      const before = ['United States v. Smith, 1:24-cr-00100: sentencing set for May 1, 2025'];
      court.set(path, { body: page(before, '09:00:01'), contentType: 'text/html; charset=utf-8' });
      const { id } = await upsertSource(t.db, {
        kind: 'page-watch',
        name: 'D. Md. cases of interest',
        address: `${court.url}${path}`,
        intervalSeconds: 600,
        config: { selector: '#cases' },
      });

      const first = await pollSource(deps, id);
      expect(first).toMatchObject({ status: 'stored', baseline: true, events: 0 });
      expect(await itemsSeenBy(id)).toEqual([]);
      const snapshot = (await getSource(t.db, id))!.state.snapshot as string;
      expect(snapshot).toContain('United States v. Smith');
      expect(snapshot).not.toContain('Page generated');

      // Same page: the server answers 304.
      expect((await pollSource(deps, id)).status).toBe('not-modified');
      // Only the footer changed: the page is new, the watched region is not.
      court.set(path, { body: page(before, '09:10:07'), contentType: 'text/html; charset=utf-8' });
      expect(await pollSource(deps, id)).toMatchObject({ status: 'stored', events: 0 });
      expect(await itemsSeenBy(id)).toEqual([]);

      const eventsBefore = events;
      const added = 'Abrego Garcia v. Noem, 8:25-cv-00951: order of April 10, 2025 and transcript of the hearing';
      court.set(path, { body: page([added, ...before], '09:20:13'), contentType: 'text/html; charset=utf-8' });
      const changed = await pollSource(deps, id);
      expect(changed).toMatchObject({ status: 'stored', baseline: false, events: 1 });
      expect(events - eventsBefore).toBe(1);
      const items = await itemsSeenBy(id);
      expect(items).toHaveLength(1);
      expect(items[0]!.url).toMatch(new RegExp(`^${court.url.replace(/[.]/g, '\\.')}/cases-of-interest#dw-change-[0-9a-f]{12}$`));
      expect(items[0]!).toMatchObject({ title: 'Page changed: D. Md. cases of interest', summary: added });
      const [attached] = await attachments(items[0]!.id);
      expect(attached!.matter_id).toBe(abrego.id);
      expect(attached!.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'alias', value: 'Abrego Garcia' }),
          expect.objectContaining({ kind: 'docket-number', value: '8:25-cv-00951' }),
        ]),
      );
      expect((await getSource(t.db, id))!.state.snapshot).toContain(added);

      expect((await pollSource(deps, id)).status).toBe('not-modified');
      expect(await itemsSeenBy(id)).toHaveLength(1);
    });
  });

  describe("'courtlistener'", () => {
    const CL_DOCKET = 68571705;
    const entry = (n: number, date: string, time: string, modified: string, description: string, clDocket = CL_DOCKET) => ({
      resource_uri: `https://www.courtlistener.com/api/rest/v4/docket-entries/${900000 + n}/`,
      id: 900000 + n,
      docket: `https://www.courtlistener.com/api/rest/v4/dockets/${clDocket}/`,
      recap_documents: [
        {
          id: 950000 + n,
          absolute_url: `/docket/${clDocket}/${n}/abrego-garcia-v-noem/`,
          document_type: 1,
          document_number: String(n),
          attachment_number: null,
          pacer_doc_id: `09313${String(n).padStart(6, '0')}`,
          is_available: false,
          is_sealed: false,
          filepath_local: '',
          description: '',
        },
      ],
      date_created: `${date}T12:00:00.000000-07:00`,
      date_modified: modified,
      date_filed: date,
      time_filed: time,
      entry_number: n,
      description,
    });
    const pageOf = (...results: ReturnType<typeof entry>[]) => ({
      body: JSON.stringify({ count: `https://www.courtlistener.com/?count=on`, next: null, previous: null, results }),
      contentType: 'application/json',
    });
    const entriesPath = (since?: string, clDocket = CL_DOCKET): string =>
      `/api/rest/v4/docket-entries/?docket=${clDocket}&order_by=date_modified${since ? `&date_modified__gte=${encodeURIComponent(since)}` : ''}`;
    const outboxOf = async (docketId: number) =>
      t.db
        .selectFrom('outbox_events')
        .innerJoin('entries', 'entries.id', 'outbox_events.entry_id')
        .select(['outbox_events.kind', 'entries.entry_number'])
        .where('outbox_events.docket_id', '=', docketId)
        .orderBy('outbox_events.id')
        .execute();

    const complaint = entry(
      1,
      '2025-03-24',
      '17:31:00',
      '2025-03-24T15:00:00.000000-07:00',
      'COMPLAINT for Declaratory and Injunctive Relief',
    );
    const opinion = entry(
      31,
      '2025-04-04',
      '14:05:00',
      '2025-04-04T11:06:00.123456-07:00',
      'MEMORANDUM OPINION. Signed by Judge Paula Xinis on 4/4/2025.',
    );
    const order = entry(
      32,
      '2025-04-04',
      '14:07:00',
      '2025-04-04T11:08:00.000000-07:00',
      'ORDER granting Motion for Preliminary Injunction.',
    );
    const notice = entry(
      35,
      '2025-04-07',
      '09:12:00',
      '2025-04-07T06:13:00.000000-07:00',
      'NOTICE OF APPEAL to 4th Circuit by Kristi Noem.',
    );
    // A RECAP upload of an older filing: filed before the newest entry seen, added to CourtListener after it.
    const lateUpload = entry(20, '2025-03-31', '16:40:00', '2025-04-08T09:30:00.000000-07:00', 'MOTION for Temporary Restraining Order.');

    it('resumes from date_modified: an entry filed earlier but added later is stored and alerted once', async () => {
      await pinCourtListenerDocket(t.db, abregoDistrict.id, CL_DOCKET);
      const { id } = await upsertSource(t.db, {
        kind: 'courtlistener',
        name: 'CourtListener: D. Md. 8:25-cv-00951',
        address: 'courtlistener:mdd/8:25-cv-00951',
        court: 'mdd',
        docketId: abregoDistrict.id,
        intervalSeconds: 900,
      });
      court.set(entriesPath(), pageOf(complaint, opinion));

      const first = await pollSource(deps, id);
      expect(first).toMatchObject({ status: 'stored', created: 2, events: 0, baseline: true });
      expect((await getSource(t.db, id))!.state).toEqual({
        cursors: { [CL_DOCKET]: { modifiedSince: opinion.date_modified, idsAtInstant: [opinion.id] } },
      });
      const request = court.requestsTo(entriesPath())[0]!;
      expect(request.headers.authorization).toBe('Token test-token');
      expect(request.headers.accept).toBe('application/json');

      // CourtListener answers >= the instant: the opinion again (seen at that instant, dropped), then
      // what changed since, in order of modification, the late upload among them.
      court.set(entriesPath(opinion.date_modified), pageOf(opinion, order, notice, lateUpload));
      const second = await pollSource(deps, id);
      expect(court.requests.at(-1)!.path).toBe(entriesPath(opinion.date_modified));
      expect(second).toMatchObject({ status: 'stored', created: 3, updated: 0, events: 3, baseline: false });
      expect((await getSource(t.db, id))!.state).toEqual({
        cursors: { [CL_DOCKET]: { modifiedSince: lateUpload.date_modified, idsAtInstant: [lateUpload.id] } },
      });

      const stored = await t.db
        .selectFrom('entries')
        .select(['entry_number', 'filed_at', 'description', 'document_url'])
        .where('docket_id', '=', abregoDistrict.id)
        .orderBy('filed_at_ts')
        .execute();
      expect(stored.map((e) => e.entry_number)).toEqual(['1', '20', '31', '32', '35']);
      expect(stored[2]).toMatchObject({
        filed_at: '2025-04-04T14:05:00-04:00',
        description: 'MEMORANDUM OPINION. Signed by Judge Paula Xinis on 4/4/2025.',
        document_url: `https://www.courtlistener.com/docket/${CL_DOCKET}/31/abrego-garcia-v-noem/`,
      });

      // Nothing modified after the cursor: nothing stored, nothing said; the late upload was alerted once.
      court.set(entriesPath(lateUpload.date_modified), pageOf(lateUpload));
      expect(await pollSource(deps, id)).toMatchObject({ status: 'stored', created: 0, updated: 0, events: 0 });
      expect(court.requests.at(-1)!.path).toBe(entriesPath(lateUpload.date_modified));
      expect(await outboxOf(abregoDistrict.id)).toEqual([
        { kind: 'entry.created', entry_number: '32' },
        { kind: 'entry.created', entry_number: '35' },
        { kind: 'entry.created', entry_number: '20' },
      ]);
    });

    it('reads every CourtListener docket pinned to one docket, each from its own cursor, into that docket', async () => {
      const jgg = await upsertMatter(t.db, { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump' });
      const district = await upsertDocket(t.db, {
        matterId: jgg.id,
        court: 'dcd',
        docketNumber: '1:25-cv-00766',
        caseName: 'J.G.G. v. Trump',
      });
      const [older, newer] = [70000001, 70000002];
      await pinCourtListenerDocket(t.db, district.id, older);
      await pinCourtListenerDocket(t.db, district.id, newer);
      const { id } = await upsertSource(t.db, {
        kind: 'courtlistener',
        name: 'CourtListener: D.D.C. 1:25-cv-00766',
        address: 'courtlistener:dcd/1:25-cv-00766',
        court: 'dcd',
        docketId: district.id,
        intervalSeconds: 900,
      });
      const tro = entry(3, '2025-03-15', '09:00:00', '2025-03-15T07:00:00.000000-07:00', 'MOTION for TRO.', older);
      const sameTro = entry(3, '2025-03-15', '09:00:00', '2025-03-16T07:00:00.000000-07:00', 'MOTION for TRO.', newer);
      const minute = entry(4, '2025-03-15', '18:47:00', '2025-03-16T08:00:00.000000-07:00', 'MINUTE ORDER.', newer);
      court.set(entriesPath(undefined, older), pageOf(tro));
      court.set(entriesPath(undefined, newer), pageOf(sameTro, minute));

      expect(await pollSource(deps, id)).toMatchObject({ status: 'stored', created: 2 });
      const stored = await t.db
        .selectFrom('entries')
        .select('entry_number')
        .where('docket_id', '=', district.id)
        .orderBy('entry_number')
        .execute();
      // The filing both CourtListener dockets hold is one entry.
      expect(stored.map((e) => e.entry_number)).toEqual(['3', '4']);
      expect(Object.keys((await getSource(t.db, id))!.state.cursors as object).sort()).toEqual([String(older), String(newer)]);
    });

    it('without a CourtListener client, the source fails with a message saying what is missing', async () => {
      const docket = await upsertDocket(t.db, {
        matterId: abrego.id,
        court: 'ca4',
        docketNumber: '25-1345',
        caseName: 'Abrego Garcia v. Noem',
      });
      const { id } = await upsertSource(t.db, {
        kind: 'courtlistener',
        name: 'CourtListener: 4th Cir. 25-1345',
        address: 'courtlistener:ca4/25-1345',
        court: 'ca4',
        docketId: docket.id,
        intervalSeconds: 900,
      });
      const requests = court.requests.length;
      const report = await pollSource({ ...deps, courtListener: null }, id);
      expect(report.status).toBe('failed');
      const s = (await getSource(t.db, id))!;
      expect(s).toMatchObject({ last_error: 'CourtListener sources need COURTLISTENER_TOKEN', health: 'degraded', enabled: true });
      expect(s.baseline_at).toBeNull();
      expect(court.requests.length).toBe(requests);
    });
  });
});
