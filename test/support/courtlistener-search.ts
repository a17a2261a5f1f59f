/**
 * Synthetic pages of CourtListener's RECAP search (GET /api/rest/v4/search/?type=r), in the shape
 * the v4 API answers: `count`, cursor `next`/`previous` links and one result per docket, with the
 * docket's fields in camelCase (`caseName`, `docketNumber`, `dateFiled`, `suitNature`, `cause`),
 * `docket_id`, `court_id`, `pacer_case_id`, `absolute_url` and the matched `recap_documents` (each
 * with `description`, `document_number` and a `snippet` highlighted with <mark>). The cases are made
 * up; the field names and value forms follow the REST v4 documentation's search examples.
 */

export interface SearchCase {
  docketId: number;
  court: string;
  courtName: string;
  docketNumber: string;
  caseName: string;
  dateFiled: string;
  suitNature: string;
  cause: string;
  /** The matched documents: their descriptions and highlighted snippets. */
  documents: { number: string; description: string; snippet: string }[];
}

function slug(caseName: string): string {
  return caseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function recapSearchResult(c: SearchCase): Record<string, unknown> {
  return {
    absolute_url: `/docket/${c.docketId}/${slug(c.caseName)}/`,
    assignedTo: '',
    assigned_to_id: null,
    caseName: c.caseName,
    case_name_full: '',
    cause: c.cause,
    chapter: null,
    court: c.courtName,
    court_citation_string: c.courtName,
    court_id: c.court,
    dateArgued: null,
    dateFiled: c.dateFiled,
    dateTerminated: null,
    docketNumber: c.docketNumber,
    docket_absolute_url: `/docket/${c.docketId}/${slug(c.caseName)}/`,
    docket_id: c.docketId,
    firm: [],
    jurisdictionType: 'U.S. Government Defendant',
    juryDemand: 'None',
    meta: { timestamp: `${c.dateFiled}T18:04:11.000000Z`, date_created: `${c.dateFiled}T18:04:11.000000Z`, score: { bm25: 41.2 } },
    more_docs: false,
    pacer_case_id: String(400000 + (c.docketId % 100000)),
    party: ['Petitioner', 'Donald J. Trump'],
    recap_documents: c.documents.map((d, i) => ({
      absolute_url: `/docket/${c.docketId}/${d.number}/${slug(c.caseName)}/`,
      attachment_number: null,
      description: d.description,
      docket_entry_id: c.docketId * 10 + i,
      document_number: d.number,
      document_type: 'PACER Document',
      entry_date_filed: c.dateFiled,
      entry_number: Number(d.number),
      filepath_local: null,
      id: c.docketId * 100 + i,
      is_available: false,
      meta: { timestamp: `${c.dateFiled}T18:04:11.000000Z`, date_created: `${c.dateFiled}T18:04:11.000000Z` },
      page_count: null,
      short_description: d.description.split(' ').slice(0, 4).join(' '),
      snippet: d.snippet,
    })),
    referredTo: '',
    suitNature: c.suitNature,
  };
}

export function recapSearchPage(cases: SearchCase[], next: string | null = null): string {
  return JSON.stringify({ count: cases.length, document_count: cases.length, next, previous: null, results: cases.map(recapSearchResult) });
}

/** An Alien Enemies Act habeas petition as a RECAP search finds it. */
export const AEA_PETITION: SearchCase = {
  docketId: 70001234,
  court: 'cod',
  courtName: 'District Court, D. Colorado',
  docketNumber: '1:25-cv-01163',
  caseName: 'D.B.U. v. Trump',
  dateFiled: '2025-04-12',
  suitNature: '463 Habeas Corpus - Alien Detainee',
  cause: '28:2241 Petition for Writ of Habeas Corpus (federa',
  documents: [
    {
      number: '1',
      description: 'PETITION for Writ of Habeas Corpus and Complaint for Declaratory and Injunctive Relief',
      snippet: 'Petitioners challenge their removal under the <mark>Alien Enemies Act</mark>, 50 U.S.C. § 21',
    },
  ],
};

/** A habeas petition the same search might return that is not about the Act. */
export const OTHER_HABEAS: SearchCase = {
  docketId: 70005678,
  court: 'txwd',
  courtName: 'District Court, W.D. Texas',
  docketNumber: '5:25-cv-00411',
  caseName: 'Ramirez v. Noem',
  dateFiled: '2025-04-11',
  suitNature: '463 Habeas Corpus - Alien Detainee',
  cause: '28:2241 Petition for Writ of Habeas Corpus (federa',
  documents: [
    {
      number: '1',
      description: 'PETITION for Writ of Habeas Corpus',
      snippet: 'detained pending removal proceedings; no <mark>enemies</mark> of the petitioner were named',
    },
  ],
};
