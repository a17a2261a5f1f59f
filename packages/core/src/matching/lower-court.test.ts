import { linkLowerCourtCases, type MatterDocket } from './lower-court';

const DOCKETS: MatterDocket[] = [
  { court: 'mdd', docketNumber: '8:25-cv-00951', matterId: 1 },
  { court: 'ca4', docketNumber: '25-1345', matterId: 1 },
  { court: 'ca4', docketNumber: '25-1404', matterId: 1 },
  { court: 'scotus', docketNumber: '24A949', matterId: 1 },
  { court: 'dcd', docketNumber: '1:25-cv-00766', matterId: 2 },
  { court: 'cadc', docketNumber: '25-5067', matterId: 2 },
  { court: 'scotus', docketNumber: '24A931', matterId: 2 },
  { court: 'txnd', docketNumber: '1:25-cv-00059', matterId: 3 },
  { court: 'ca5', docketNumber: '25-10534', matterId: 3 },
  { court: 'scotus', docketNumber: '24A1007', matterId: 3 },
];

describe('linkLowerCourtCases', () => {
  it.each<[string[], number[]]>([
    // the Supreme Court's 24A949 names the district case as "8:25-cv-951"
    [['8:25-cv-951'], [1]],
    [['8:25-CV-00951-PX'], [1]],
    [['25-1404'], [1]],
    [['25-5067'], [2]],
    [['1:25-cv-00766-JEB'], [2]],
    [['25-cv-766'], [2]], // no office: year, type and sequence
    [['1:25-cv-59', '25-10534'], [3]],
    // raw clerk text, not yet split
    [['(25-1345 (See also 25-1404))'], [1]],
    [['(8:25-cv-951, 25-1345)'], [1]],
    // several matters, in the order named
    [
      ['25-5067', '8:25-cv-951'],
      [2, 1],
    ],
    // nothing known
    [['23-2051', '23-1853'], []],
    [['COA16-723', '1998-CA-0022039-MR', ''], []],
    [[], []],
  ])('%j -> %j', (cases, expected) => {
    expect(linkLowerCourtCases(cases, DOCKETS)).toEqual(expected);
  });

  it('never links through a Supreme Court docket', () => {
    expect(linkLowerCourtCases(['24A949', '24A1007'], DOCKETS)).toEqual([]);
  });

  it('looks only in the given courts when told which', () => {
    const ambiguous: MatterDocket[] = [
      { court: 'ca4', docketNumber: '25-1345', matterId: 1 },
      { court: 'ca9', docketNumber: '25-1345', matterId: 8 },
    ];
    expect(linkLowerCourtCases(['25-1345'], ambiguous)).toEqual([1, 8]);
    expect(linkLowerCourtCases(['25-1345'], ambiguous, { courts: ['CA9'] })).toEqual([8]);
  });

  it('is bounded on hostile input', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `20-${i}`);
    expect(linkLowerCourtCases([...many, '25-1345'], DOCKETS)).toEqual([]);
    expect(linkLowerCourtCases([`${'8:25-cv-'.repeat(100_000)}`], DOCKETS)).toEqual([]);
  });
});
