/**
 * Discovery through ingestDocument (real Postgres): a court feed's case opener on a docket nobody
 * follows is offered to the matters' discovery rules; a match is proposed once, with its provenance
 * and reasons, and a rejected proposal stays rejected however often the case is seen again.
 */
import {
  decideCaseProposal,
  listCaseProposals,
  setMatterDiscovery,
  upsertMatter,
  upsertSource,
  type Matter,
  type Source,
} from '@docketwatch/db';
import { parsePacerRss } from '@docketwatch/sources';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { ingestDocument } from './ingest-document';

interface FeedItem {
  caption: string;
  caseId: string;
  event: string;
  number: string;
}

/** A District of Colorado CM/ECF "recent entries" feed in the fixtures' shape: caption and event, no docket text. */
function codFeed(items: FeedItem[]): string {
  const body = items
    .map(
      (i) => `<item><title>${i.caption}</title><link>https://ecf.cod.uscourts.gov/cgi-bin/DktRpt.pl?${i.caseId}</link>
<description>[${i.event}] (&lt;a href="https://ecf.cod.uscourts.gov/doc1/0391${i.caseId}${i.number}"&gt;${i.number}&lt;/a&gt;)</description>
<guid isPermaLink="true">https://ecf.cod.uscourts.gov/cgi-bin/DktRpt.pl?${i.caseId}&amp;${i.number}</guid>
<pubDate>Sat, 12 Apr 2025 14:02:11 GMT</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>District of Colorado - Recent Entries</title><link>https://ecf.cod.uscourts.gov</link>
<description>Docket entries of type: all</description>
${body}
</channel></rss>`;
}

const DBU_PETITION = {
  caption: '1:25-cv-01163 D.B.U. v. Trump et al',
  caseId: '231234',
  event: 'Petition for Writ of Habeas Corpus (2241)',
  number: '1',
};

describe('case discovery from a court feed (real Postgres)', () => {
  let t: TestDatabase;
  let aea: Matter;
  let feed: Source;

  beforeAll(async () => {
    t = await createTestDatabase();
    // As the starter catalogue has it: D.B.U.'s Colorado number is not known, so the case is looked for by its petitioners' names.
    aea = await upsertMatter(t.db, { slug: 'aea-habeas', name: 'Alien Enemies Act habeas petitions', aliases: ['D.B.U.'] });
    await setMatterDiscovery(t.db, aea.id, { parties: ['D.B.U.', 'J.A.V.'], statutes: ['Alien Enemies Act'], courts: ['district'] });
    feed = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Colo. CM/ECF feed',
      address: 'https://ecf.cod.uscourts.gov/cgi-bin/rss_outside.pl',
      court: 'cod',
      intervalSeconds: 300,
    });
  });
  afterAll(async () => t.drop());

  it('proposes a habeas petition on an unknown docket that fits the rule, and not an unrelated new case', async () => {
    const document = parsePacerRss(
      codFeed([DBU_PETITION, { caption: '1:25-cv-01170 Acme Corp. v. Widget LLC', caseId: '231240', event: 'Complaint', number: '1' }]),
      { court: 'cod' },
    );
    const report = await ingestDocument(t.db, { source: feed, document, baseline: false });
    expect(report).toMatchObject({ casesProposed: 1, casesAttached: 0, untracked: 2 });

    const [proposal, ...others] = await listCaseProposals(t.db, aea.id);
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({
      court: 'cod',
      docket_number: '1:25-cv-01163',
      case_name: 'D.B.U. v. Trump',
      pacer_case_id: '231234',
      filed_on: '2025-04-12',
      status: 'proposed',
      source_id: feed.id,
      found_by: 'D. Colo. CM/ECF feed',
      docket_id: null,
    });
    expect(proposal!.reasons).toEqual([
      { kind: 'party', value: 'D.B.U.', excerpt: 'D.B.U. v. Trump' },
      { kind: 'court', value: 'district', excerpt: 'cod' },
    ]);
    // Proposed, not followed: no docket and no alert yet.
    expect(await t.db.selectFrom('dockets').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('outbox_events').select('id').execute()).toEqual([]);
  });

  it('proposes a case once however often it is seen, and a rejected proposal stays rejected', async () => {
    const again = parsePacerRss(codFeed([DBU_PETITION]), { court: 'cod' });
    expect((await ingestDocument(t.db, { source: feed, document: again, baseline: false })).casesProposed).toBe(0);
    const [proposal] = await listCaseProposals(t.db, aea.id);
    expect(await decideCaseProposal(t.db, { id: proposal!.id, status: 'rejected', by: 'admin' })).toBe(true);

    expect((await ingestDocument(t.db, { source: feed, document: again, baseline: false })).casesProposed).toBe(0);
    expect((await listCaseProposals(t.db, aea.id)).map((p) => p.status)).toEqual(['rejected']);
    // A decision is taken once: accepting it now changes nothing.
    expect(await decideCaseProposal(t.db, { id: proposal!.id, status: 'accepted', by: 'admin' })).toBe(false);
  });
});
