/**
 * Finding new cases, in process: a discovery source polled through pollSource against a local
 * CourtListener stand-in serving synthetic v4 RECAP search pages (test/support/courtlistener-search.ts),
 * real Postgres, fan-out and delivery to a real SMTP server. A matching case is proposed, a
 * non-matching one is not; a rule that attaches makes the case a docket of its matter, with a
 * CourtListener source; its "new case" alert reaches only the subscriber who asked for new cases,
 * and its later entries reach every subscriber like any docket's.
 */
import {
  fanOutPendingEvents,
  listCaseProposals,
  setMatterDiscovery,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Matter,
  type Source,
} from '@docketwatch/db';
import { HttpClient } from '@docketwatch/http';
import { createLogger } from '@docketwatch/log';
import { EmailSender, pushChannelIds } from '@docketwatch/notify';
import { deliver, type DeliverDeps } from '@docketwatch/notifier';
import { pollSource, type PollDeps } from '@docketwatch/poller';
import { CourtListenerClient, recapSearchUrl, savedSearchOf, sourceKinds } from '@docketwatch/sources';
import {
  AEA_PETITION,
  createTestDatabase,
  HttpStandIn,
  OTHER_HABEAS,
  recapSearchPage,
  SmtpSink,
  type TestDatabase,
} from '@docketwatch/test-support';

const log = createLogger({ name: 'test', level: 'silent' });

describe('case discovery: search, proposal, attachment and the new-case alert', () => {
  let t: TestDatabase;
  let courtListener: HttpStandIn;
  let smtp: SmtpSink;
  let http: HttpClient;
  let pollDeps: PollDeps;
  let deliverDeps: DeliverDeps;

  /** A discovery source as the catalogue makes it from `{ kind: discovery, query }`. */
  async function searchSource(query: string): Promise<Source> {
    const [entry] = sourceKinds.discovery.catalogue;
    const row = entry!.toSource(entry!.schema.parse({ kind: 'discovery', query }), null);
    return upsertSource(t.db, { kind: 'discovery', ...row });
  }

  /** Serves `page` at the exact search URL the source asks for today. */
  function serveSearch(source: Source, page: string): string {
    const url = recapSearchUrl(new URL(courtListener.url), savedSearchOf(source.config, new Date()));
    const path = `${url.pathname}${url.search}`;
    courtListener.set(path, { body: page, contentType: 'application/json' });
    return path;
  }

  /** Fans out and delivers everything due; returns the addresses mailed, in order. */
  async function sendAlerts(): Promise<string[]> {
    const before = smtp.messages.length;
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    for (const id of deliveryIds) await deliver(deliverDeps, id);
    if (deliveryIds.length > 0) await smtp.waitFor(before + deliveryIds.length);
    return smtp.messages.slice(before).map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? '');
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    courtListener = new HttpStandIn();
    smtp = new SmtpSink();
    const [, smtpUrl] = await Promise.all([courtListener.start(), smtp.start()]);
    http = new HttpClient({
      userAgent: 'docketwatch-test/1.0 (+tests)',
      allowPrivateAddresses: true,
      timeoutMs: 2000,
      maxBodyBytes: 1024 * 1024,
    });
    const client = new CourtListenerClient({ http, token: 'test-token', baseUrl: courtListener.url, minIntervalMs: 0, rateLimits: [] });
    pollDeps = { db: t.db, http, log, courtListener: client };
    deliverDeps = {
      db: t.db,
      services: { http, mail: new EmailSender({ from: 'docketwatch <alerts@example.test>', smtpUrl }), mailDomain: 'dw.example.test' },
      linkSecret: 'test-link-secret',
      log,
      publicUrl: 'http://dw.example.test',
      leaseSeconds: 60,
      maxAttempts: 3,
    };
  });
  afterAll(async () => {
    await (deliverDeps.services.mail as EmailSender).close();
    await http.close();
    await Promise.all([courtListener.stop(), smtp.stop()]);
    await t.drop();
  });

  describe('a rule that proposes', () => {
    let aea: Matter;
    let search: Source;

    beforeAll(async () => {
      // The starter catalogue's rule for the Alien Enemies Act matter.
      aea = await upsertMatter(t.db, { slug: 'aea-habeas', name: 'Alien Enemies Act habeas petitions' });
      await setMatterDiscovery(t.db, aea.id, {
        statutes: ['Alien Enemies Act', '50 U.S.C. 21'],
        natureOfSuit: ['463'],
        courts: ['district'],
      });
      search = await searchSource('"Alien Enemies Act" AND "habeas corpus"');
    });

    it('proposes the new case that fits the rule, with where it was found and why, and not the one that does not', async () => {
      serveSearch(search, recapSearchPage([]));
      expect(await pollSource(pollDeps, search.id)).toMatchObject({ status: 'stored', baseline: true });

      const path = serveSearch(search, recapSearchPage([AEA_PETITION, OTHER_HABEAS]));
      expect(await pollSource(pollDeps, search.id)).toMatchObject({ status: 'stored', baseline: false });
      const [request] = courtListener.requestsTo(path);
      expect(request?.headers.authorization).toBe('Token test-token');

      const proposals = await listCaseProposals(t.db, aea.id);
      expect(proposals).toHaveLength(1);
      expect(proposals[0]).toMatchObject({
        court: 'cod',
        docket_number: '1:25-cv-01163',
        case_name: 'D.B.U. v. Trump',
        courtlistener_id: 70001234,
        filed_on: '2025-04-12',
        nature_of_suit: '463 Habeas Corpus - Alien Detainee',
        status: 'proposed',
        source_id: search.id,
        found_by: `${search.name} ("Alien Enemies Act" AND "habeas corpus")`,
        url: 'https://www.courtlistener.com/docket/70001234/d-b-u-v-trump/',
      });
      expect(proposals[0]!.reasons.map((r) => `${r.kind}:${r.value}`)).toEqual([
        'statute:Alien Enemies Act',
        'statute:50 U.S.C. 21',
        'nature-of-suit:463',
        'court:district',
      ]);
      // The next poll finds the same case again: still one proposal.
      await pollSource(pollDeps, search.id);
      expect(await listCaseProposals(t.db, aea.id)).toHaveLength(1);
      // Proposed is not followed: no docket, nobody told.
      expect(await t.db.selectFrom('dockets').select('id').execute()).toEqual([]);
      expect(await sendAlerts()).toEqual([]);
    });
  });

  describe('a rule that attaches', () => {
    let watch: Matter;
    let search: Source;

    beforeAll(async () => {
      watch = await upsertMatter(t.db, { slug: 'detainee-habeas', name: 'Detainee habeas petitions' });
      await setMatterDiscovery(t.db, watch.id, { natureOfSuit: ['463'], courts: ['txwd'], autoAttach: true });
      await upsertSubscription(t.db, { matterId: watch.id, channel: 'email', target: 'new-cases@example.test', newCases: true });
      await upsertSubscription(t.db, { matterId: watch.id, channel: 'email', target: 'entries-only@example.test' });
      search = await searchSource('suitNature:"Habeas Corpus - Alien Detainee"');
      serveSearch(search, recapSearchPage([]));
      await pollSource(pollDeps, search.id);
    });

    it('attaches the case with a CourtListener source, tells only who asked for new cases, then alerts its entries to all', async () => {
      serveSearch(search, recapSearchPage([OTHER_HABEAS]));
      expect(await pollSource(pollDeps, search.id)).toMatchObject({ status: 'stored', baseline: false });

      const [proposal] = await listCaseProposals(t.db, watch.id);
      expect(proposal).toMatchObject({ status: 'attached', courtlistener_id: 70005678 });
      const docket = await t.db.selectFrom('dockets').selectAll().where('id', '=', proposal!.docket_id!).executeTakeFirstOrThrow();
      expect(docket).toMatchObject({ matter_id: watch.id, court: 'txwd', docket_number: '5:25-cv-00411', case_name: 'Ramirez v. Noem' });
      const sources = await t.db.selectFrom('sources').selectAll().where('docket_id', '=', docket.id).execute();
      expect(sources.map((s) => ({ kind: s.kind, address: s.address, config: s.config }))).toEqual([
        { kind: 'courtlistener', address: 'courtlistener:txwd/5:25-cv-00411', config: { docketId: 70005678 } },
      ]);

      expect(await sendAlerts()).toEqual(['new-cases@example.test']);
      const alert = smtp.messages.at(-1)!;
      expect(alert.text).toContain('New case: Ramirez v. Noem');
      expect(alert.text).toContain('5:25-cv-00411');
      // Found again on the next poll: attached once, told once.
      await pollSource(pollDeps, search.id);
      expect(await sendAlerts()).toEqual([]);

      // The court's feed now stores the docket's entries, and every subscriber of the matter hears of them.
      const feed = await upsertSource(t.db, {
        kind: 'pacer-rss',
        name: 'W.D. Tex. CM/ECF feed',
        address: `${courtListener.url}/txwd/rss_outside.pl`,
        court: 'txwd',
        intervalSeconds: 300,
      });
      const rss = (entries: string[]) => `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Western District of Texas - Recent Entries</title><link>https://ecf.txwd.uscourts.gov</link>
<description>Docket entries of type: all</description>
${entries
  .map(
    (n) => `<item><title>5:25-cv-00411 Ramirez v. Noem</title><link>https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?1234567</link>
<description>[Order to Show Cause] (&lt;a href="https://ecf.txwd.uscourts.gov/doc1/18123456${n}"&gt;${n}&lt;/a&gt;)</description>
<guid isPermaLink="true">https://ecf.txwd.uscourts.gov/cgi-bin/DktRpt.pl?1234567&amp;${n}</guid><pubDate>Mon, 14 Apr 2025 15:0${n}:00 GMT</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
      courtListener.set('/txwd/rss_outside.pl', { body: rss([]), contentType: 'application/rss+xml' });
      await pollSource(pollDeps, feed.id);
      courtListener.set('/txwd/rss_outside.pl', { body: rss(['4']), contentType: 'application/rss+xml' });
      expect(await pollSource(pollDeps, feed.id)).toMatchObject({ status: 'stored', created: 1 });
      expect((await sendAlerts()).sort()).toEqual(['entries-only@example.test', 'new-cases@example.test']);
    });
  });
});
