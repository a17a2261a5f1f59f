import { isCaseOpener, matchNewCase, type DiscoveryProfile } from './match-case';

const aea: DiscoveryProfile = {
  matterId: 7,
  rule: { statutes: ['Alien Enemies Act', '50 U.S.C. 21'], natureOfSuit: ['463'], courts: ['district'] },
};

const petition = {
  court: 'cod',
  caseName: 'D.B.U. v. Trump',
  natureOfSuit: '463 Habeas Corpus - Alien Detainee',
  cause: '28:2241 Petition for Writ of Habeas Corpus (federa',
  text: 'PETITION for Writ of Habeas Corpus challenging removal under the Alien Enemies Act, 50 U.S.C. 21 et seq.',
};

describe('matchNewCase', () => {
  it('matches statute words, nature of suit and court, each recorded as a reason', () => {
    const [match] = matchNewCase(petition, [aea]);
    expect(match?.matterId).toBe(7);
    expect(match?.reasons.map((r) => `${r.kind}:${r.value}`)).toEqual([
      'statute:Alien Enemies Act',
      'statute:50 U.S.C. 21',
      'nature-of-suit:463',
      'court:district',
    ]);
    expect(match?.autoAttach).toBe(false);
  });

  it('reads a citation with or without its section sign', () => {
    const cited = { ...petition, text: 'removal under 50 U.S.C. § 21' };
    expect(matchNewCase(cited, [aea])[0]?.reasons[0]).toMatchObject({ kind: 'statute', value: '50 U.S.C. 21' });
    expect(matchNewCase(cited, [{ matterId: 1, rule: { statutes: ['50 U.S.C. § 21'] } }])).toHaveLength(1);
  });

  it('does not match on a nature of suit alone when the rule names statutes', () => {
    expect(matchNewCase({ ...petition, text: 'PETITION for Writ of Habeas Corpus (detention pending removal)' }, [aea])).toEqual([]);
  });

  it('keeps cases outside the listed courts out', () => {
    expect(matchNewCase({ ...petition, court: 'ca10' }, [aea])).toEqual([]);
    expect(matchNewCase({ ...petition, court: 'txsd' }, [{ matterId: 1, rule: { ...aea.rule, courts: ['nysd'] } }])).toEqual([]);
  });

  it('matches party names in the caption only', () => {
    const rule = { matterId: 2, rule: { parties: ['J.G.G.'], autoAttach: true } };
    expect(matchNewCase({ ...petition, caseName: 'J.G.G. v. Trump' }, [rule])[0]).toMatchObject({ autoAttach: true });
    expect(matchNewCase({ ...petition, text: 'as in J.G.G. v. Trump' }, [rule])).toEqual([]);
  });

  it('matches on a nature of suit when the rule lists nothing else', () => {
    expect(matchNewCase(petition, [{ matterId: 3, rule: { natureOfSuit: ['Alien Detainee'] } }])).toHaveLength(1);
    expect(
      matchNewCase({ ...petition, natureOfSuit: '440 Civil Rights: Other' }, [{ matterId: 3, rule: { natureOfSuit: ['463'] } }]),
    ).toEqual([]);
  });
});

describe('isCaseOpener', () => {
  it('recognises complaints and habeas petitions, not later filings', () => {
    expect(isCaseOpener({ entryNumber: '1', shortDescription: 'Petition for Writ of Habeas Corpus', description: '' })).toBe(true);
    expect(isCaseOpener({ entryNumber: null, shortDescription: 'Complaint', description: '' })).toBe(true);
    expect(isCaseOpener({ entryNumber: '12', shortDescription: 'Motion to Dismiss', description: '' })).toBe(false);
    expect(isCaseOpener({ entryNumber: '3', shortDescription: 'Order', description: 'ORDER on the complaint' })).toBe(false);
  });
});
