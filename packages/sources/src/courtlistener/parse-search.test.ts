import { AEA_PETITION, OTHER_HABEAS, recapSearchPage } from '@docketwatch/test-support';
import { readRecapSearchPage, recapSearchUrl } from './parse-search';

describe('readRecapSearchPage (synthetic v4 RECAP search pages, test/support/courtlistener-search.ts)', () => {
  it('reads each result as a case: identity, filing day, nature of suit, cause and the matched text', () => {
    const next = 'https://www.courtlistener.com/api/rest/v4/search/?cursor=cz0yMDI1&q=x&type=r';
    const page = readRecapSearchPage(recapSearchPage([AEA_PETITION, OTHER_HABEAS], next));
    expect(page.next).toBe(next);
    expect(page.cases).toHaveLength(2);
    expect(page.cases[0]).toEqual({
      court: 'cod',
      docketNumber: '1:25-cv-01163',
      caseName: 'D.B.U. v. Trump',
      pacerCaseId: expect.any(String),
      courtListenerId: 70001234,
      filedOn: '2025-04-12',
      natureOfSuit: '463 Habeas Corpus - Alien Detainee',
      cause: '28:2241 Petition for Writ of Habeas Corpus (federa',
      text: expect.stringContaining('removal under the Alien Enemies Act, 50 U.S.C. § 21'),
      url: 'https://www.courtlistener.com/docket/70001234/d-b-u-v-trump/',
    });
  });

  it('skips a result without its docket id, court or number, and refuses what is not a results page', () => {
    const page = JSON.parse(recapSearchPage([AEA_PETITION])) as { results: Record<string, unknown>[] };
    page.results.push({ caseName: 'No id', court_id: 'cod', docketNumber: '1:25-cv-1' });
    expect(readRecapSearchPage(JSON.stringify(page)).cases).toHaveLength(1);
    expect(() => readRecapSearchPage('{"detail":"Invalid token."}')).toThrow(/Invalid token/);
  });

  it('asks for RECAP dockets, newest filed first, within the courts and window', () => {
    const url = recapSearchUrl(new URL('https://www.courtlistener.com'), {
      query: '"Alien Enemies Act"',
      courts: ['cod', 'txsd'],
      filedAfter: '2025-04-01',
    });
    expect(url.pathname).toBe('/api/rest/v4/search/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'r',
      q: '"Alien Enemies Act"',
      court: 'cod txsd',
      filed_after: '2025-04-01',
      order_by: 'dateFiled desc',
    });
  });
});
