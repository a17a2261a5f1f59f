import {
  docketNumbersMatch,
  findDocketNumbers,
  locateDocketNumbers,
  MAX_DOCKET_MENTIONS,
  type DocketNumberMention,
} from './docket-mentions';

const found = (text: string): [string, string][] => findDocketNumbers(text).map((m) => [m.canonical, m.kind]);

describe('findDocketNumbers: the forms docket numbers are written in', () => {
  it.each<[string, [string, string][]]>([
    // district, with an office
    ['Abrego Garcia v. Noem, No. 8:25-cv-951 (D. Md.)', [['8:25-cv-00951', 'district']]],
    ['Case 8:25-cv-00951-PX Document 31 Filed 04/04/25 Page 1 of 22', [['8:25-cv-00951', 'district']]],
    ['No. 8:25-cv-00951', [['8:25-cv-00951', 'district']]],
    ['Case 1:25-cv-00766-JEB Document 67 Filed 03/24/25', [['1:25-cv-00766', 'district']]],
    ['in 8:25CV951, the court', [['8:25-cv-00951', 'district']]],
    ['United States v. Doe, 1:17-cr-00554-1', [['1:17-cr-00554', 'district']]],
    ['W.M.M. v. Trump, 1:25-cv-00059-H (N.D. Tex.)', [['1:25-cv-00059', 'district']]],
    ['8:25‑cv‑951', [['8:25-cv-00951', 'district']]], // non-breaking hyphens
    // district, office left out (D.D.C. and press style)
    ['J.G.G. v. Trump, Civil Action No. 25-766 (JEB)', [['25-cv-00766', 'district']]],
    ['Civil Action No. 25-cv-766 (JEB)', [['25-cv-00766', 'district']]],
    ['Civ. A. No. 25-766', [['25-cv-00766', 'district']]],
    ['Civil No.: 25-59', [['25-cv-00059', 'district']]],
    ['Criminal Action No. 21-175 (TJK)', [['21-cr-00175', 'district']]],
    ['No. 25-766 (JEB)', [['25-cv-00766', 'district']]],
    ['Case No. 25-cv-00766', [['25-cv-00766', 'district']]],
    // bankruptcy
    ['In re Doe, Case No. 8:18-bk-12345', [['8:18-bk-12345', 'bankruptcy']]],
    ['Adv. Pro. No. 1:18-ap-00079', [['1:18-ap-00079', 'bankruptcy']]],
    ['Bankr. No. 18-00079', [['18-00079', 'bankruptcy']]],
    ['Bankruptcy Case No. 18-12345-TJC', [['18-12345', 'bankruptcy']]],
    // appellate
    ['Abrego Garcia v. Noem, No. 25-1345 (4th Cir. Apr. 7, 2025)', [['25-1345', 'appellate']]],
    ['USCA4 Appeal: 25-1404 Doc: 10 Filed: 04/17/2025', [['25-1404', 'appellate']]],
    ['J.G.G. v. Trump, No. 25-5067 (D.C. Cir. Mar. 26, 2025)', [['25-5067', 'appellate']]],
    ['W.M.M. v. Trump, No. 25-10534 (5th Cir.)', [['25-10534', 'appellate']]],
    [
      '(23-2051 (See also 23-1853))',
      [
        ['23-2051', 'appellate'],
        ['23-1853', 'appellate'],
      ],
    ],
    [
      'Nos. 25-5067 and 25-5068',
      [
        ['25-5067', 'appellate'],
        ['25-5068', 'appellate'],
      ],
    ],
    [
      'Nos. 25-5067/25-5068',
      [
        ['25-5067', 'appellate'],
        ['25-5068', 'appellate'],
      ],
    ],
    ['No. 25-123', [['25-123', 'appellate']]],
    ['No. 24-966, cert. granted', [['24-966', 'appellate']]],
    ['appeal 25–1345 (en dash)', [['25-1345', 'appellate']]],
    // Supreme Court applications
    ['Noem v. Abrego Garcia, No. 24A949', [['24A949', 'scotus']]],
    ['24A949', [['24A949', 'scotus']]],
    ['application 24a0949', [['24A949', 'scotus']]],
    [
      'Trump v. J.G.G., No. 24A931; A.A.R.P. v. Trump, No. 24A1007',
      [
        ['24A931', 'scotus'],
        ['24A1007', 'scotus'],
      ],
    ],
    ['https://www.supremecourt.gov/RSS/Cases/JSON/24A949.json', [['24A949', 'scotus']]],
    // mixed, in text order, each number once
    [
      'The district court (8:25-cv-951) was affirmed in No. 25-1345; the Government applied in 24A949. ' +
        'Again: 8:25-cv-00951-PX and No. 24A949.',
      [
        ['8:25-cv-00951', 'district'],
        ['25-1345', 'appellate'],
        ['24A949', 'scotus'],
      ],
    ],
  ])('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('keeps the number as written in raw', () => {
    expect(findDocketNumbers('Case 8:25-cv-00951-PX Document 31')).toEqual([
      { raw: '8:25-cv-00951-PX', canonical: '8:25-cv-00951', kind: 'district' },
    ]);
    expect(findDocketNumbers('Civil Action No. 25-766 (JEB)')).toEqual([{ raw: '25-766', canonical: '25-cv-00766', kind: 'district' }]);
    expect(findDocketNumbers('No. 24a0949')).toEqual([{ raw: '24a0949', canonical: '24A949', kind: 'scotus' }]);
  });
});

describe('findDocketNumbers: what is not a docket number', () => {
  it.each<string>([
    'On 2025-04-07 the court ruled.',
    'Dated 04-07-2025 and 4/7/25.',
    'FY 2024-2025 and the 2024-25 term.',
    'Call (410) 962-4000 or 202-514-2007; 1-800-555-1234.',
    'Office of Public Affairs, Washington, DC 20530-0001',
    'removal under 8 U.S.C. 1231(b)(2)(C)',
    'the Alien Enemies Act, 50 U.S.C. §§ 21-24, of 1798',
    '50 U.S.C. § 21-24',
    'Pub. L. 115-232, 132 Stat. 1636',
    'Pub. L. No. 115-232',
    'Public Law 93-579',
    'See ECF No. 31-1 and ECF No. 31-12; Dkt. No. 45-123',
    'Doc. 12-345 at pp. 12-345',
    'children ages 18-25 and groups of 10-20',
    'between 10-1000 people were removed',
    'a 6-3 decision; a 2-1 panel; a 5-4 ruling',
    '$25-100 million',
    'Version 1.25-1345',
    'COVID-19, H-1B, Form I-589, 24-hour',
    'SSN 123-45-6789',
    'at 10:30am-5pm and 9:30-10:30',
    'hash 3f24a949bc and id x24A949',
    'No. 25-12 (two digits, no civil label)',
    'the 25-123 figure (three digits, no label)',
    '',
  ])('%j', (text) => {
    expect(findDocketNumbers(text)).toEqual([]);
  });
});

describe('findDocketNumbers: hostile input', () => {
  it('is bounded on long and repetitive text', () => {
    const text = `${'1:25-cv-'.repeat(20_000)} ${'25-'.repeat(50_000)} ${'No. '.repeat(30_000)}${'9'.repeat(50_000)}`;
    expect(() => findDocketNumbers(text)).not.toThrow();
    const noisy = `${'a'.repeat(100_000)}-${'1'.repeat(100_000)}`;
    expect(findDocketNumbers(noisy)).toEqual([]);
  });

  it('returns each distinct number once and caps how many it returns', () => {
    const many = Array.from({ length: 500 }, (_, i) => `No. 25-${1000 + i}`).join('; ');
    const result = findDocketNumbers(`${many}; No. 25-1000 again`);
    expect(result).toHaveLength(MAX_DOCKET_MENTIONS);
    expect(result[0]).toEqual({ raw: '25-1000', canonical: '25-1000', kind: 'appellate' });
  });

  it('reports where each number is', () => {
    const text = 'See No. 24A949 and 8:25-cv-951.';
    const located = locateDocketNumbers(text);
    expect(located.map((m) => text.slice(m.index, m.end))).toEqual(['24A949', '8:25-cv-951']);
  });
});

describe('docketNumbersMatch', () => {
  const mention = (canonical: string): Pick<DocketNumberMention, 'canonical'> => ({ canonical });

  it.each<[string, string, 'exact' | 'officeless' | null]>([
    ['8:25-cv-00951', '8:25-cv-00951', 'exact'],
    ['8:25-cv-00951', '8:25-CV-951-PX', 'exact'],
    ['8:25-cv-00951', '8:25-cv-00952', null],
    ['8:25-cv-00951', '1:25-cv-00951', null], // another office is another case
    ['25-cv-00766', '1:25-cv-00766', 'officeless'],
    ['25-cv-00766', '1:25-cv-00767', null],
    ['25-cr-00766', '1:25-cv-00766', null],
    ['25-1345', '25-1345', 'exact'],
    ['25-1345', '25-01345', null], // appellate numbers compare exactly after normalising
    ['25-1345', '24A949', null],
    ['24A949', '24a949', 'exact'],
    ['24A949', '24A0949', 'exact'],
    ['24A949', '24A94', null],
    ['18-00079', '18-00079', 'exact'],
  ])('%s names %s: %s', (canonical, docketNumber, expected) => {
    expect(docketNumbersMatch(mention(canonical), docketNumber)).toBe(expected);
  });
});
