import { listingUrlFor, supremeCourtTerm } from './court-term';

describe('the Supreme Court term in listing URLs', () => {
  it('starts a term on 1 October and keeps it through the summer', () => {
    expect(supremeCourtTerm(new Date('2026-09-30T23:59:59Z'))).toBe(25);
    expect(supremeCourtTerm(new Date('2026-10-01T00:00:00Z'))).toBe(26);
    expect(supremeCourtTerm(new Date('2027-06-30T12:00:00Z'))).toBe(26);
    expect(supremeCourtTerm(new Date('2100-01-15T00:00:00Z'))).toBe(99);
    expect(supremeCourtTerm(new Date('2100-10-15T00:00:00Z'))).toBe(0);
  });

  it('fills {term} in a listing URL, in its raw or its URL-encoded form, and leaves other URLs alone', () => {
    const december2026 = new Date('2026-12-04T12:00:00Z');
    expect(listingUrlFor('https://www.supremecourt.gov/opinions/slipopinion/{term}', december2026)).toBe(
      'https://www.supremecourt.gov/opinions/slipopinion/26',
    );
    expect(listingUrlFor('https://www.supremecourt.gov/opinions/relatingtoorders/%7Bterm%7D', new Date('2101-03-01Z'))).toBe(
      'https://www.supremecourt.gov/opinions/relatingtoorders/00',
    );
    expect(listingUrlFor('https://www.justice.gov/news', december2026)).toBe('https://www.justice.gov/news');
  });
});
