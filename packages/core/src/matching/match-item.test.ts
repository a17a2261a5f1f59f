import { excerptAround, matchItem, MATCH_MAX_TEXT_CHARS, type MatchableItem, type MatterProfile } from './match-item';

// The starter catalogue's matters (packages/catalogue/catalogues/starter.yaml), with the shared
// "Alien Enemies Act" as a keyword of both Alien Enemies Act matters.
const ABREGO = 1;
const JGG = 2;
const AARP = 3;

const MATTERS: MatterProfile[] = [
  {
    id: ABREGO,
    aliases: ['Abrego Garcia', 'Kilmar Abrego Garcia', 'Kilmar Armando Abrego Garcia', 'Ábrego García'],
    dockets: [
      { court: 'mdd', docketNumber: '8:25-cv-00951' },
      { court: 'ca4', docketNumber: '25-1345' },
      { court: 'ca4', docketNumber: '25-1404' },
      { court: 'scotus', docketNumber: '24A949' },
    ],
  },
  {
    id: JGG,
    aliases: ['J.G.G.', 'JGG v. Trump'],
    keywords: ['Alien Enemies Act'],
    dockets: [
      { court: 'dcd', docketNumber: '1:25-cv-00766' },
      { court: 'cadc', docketNumber: '25-5067' },
      { court: 'cadc', docketNumber: '25-5217' },
      { court: 'scotus', docketNumber: '24A931' },
    ],
  },
  {
    id: AARP,
    aliases: ['A.A.R.P.', 'W.M.M.', 'AARP v. Trump', 'WMM v. Trump'],
    keywords: ['Alien Enemies Act'],
    dockets: [
      { court: 'scotus', docketNumber: '24A1007' },
      { court: 'txnd', docketNumber: '1:25-cv-00059' },
      { court: 'ca5', docketNumber: '25-10534' },
    ],
  },
];

const item = (text: string, title = '', summary = ''): MatchableItem => ({ title, summary, text });
const ids = (text: string, matters: MatterProfile[] = MATTERS): number[] => matchItem(item(text), matters).map((r) => r.matterId);

describe('matchItem: press-release phrasings', () => {
  it.each<[string, number[]]>([
    // DOJ / DHS / White House on Abrego Garcia
    ["Justice Department Statement on the Supreme Court's Order in Noem v. Abrego Garcia", [ABREGO]],
    ['Kilmar Abrego Garcia was removed to El Salvador on March 15, 2025.', [ABREGO]],
    ['Kilmar Armando Abrego Garcia, a native of El Salvador, entered the United States illegally.', [ABREGO]],
    ["ÁBREGO GARCÍA's removal was an administrative error, the Government conceded.", [ABREGO]],
    ['Statement from the Press Secretary on Ábrego García', [ABREGO]],
    ['The White House said Abrego-Garcia would not be returned.', [ABREGO]],
    ['The Fourth Circuit denied the stay (No. 25-1345).', [ABREGO]],
    ['Order in 8:25-cv-951 requiring the Government to facilitate his return.', [ABREGO]],
    [
      'The application (24A949) presented to The Chief Justice and by him referred to the Court is granted in part and denied in part.',
      [ABREGO],
    ],
    // Alien Enemies Act cases
    ['ACLU Statement on Supreme Court Ruling in Alien Enemies Act Case', [JGG, AARP]],
    ['Judge Boasberg found probable cause of criminal contempt in J.G.G. v. Trump.', [JGG]],
    ['The plaintiffs in J. G. G. asked the court to enforce its order.', [JGG]],
    ['The D.C. Circuit heard argument in JGG v. Trump, No. 25-5067.', [JGG]],
    ['Trump v. J.G.G., No. 24A931, was decided on April 7, 2025.', [JGG]],
    ['The Supreme Court blocked removals of the putative class in A.A.R.P. v. Trump.', [AARP]],
    ['In W.M.M. v. Trump the Fifth Circuit heard the appeal.', [AARP]],
    ['No. 24A1007 (A.A.R.P. v. Trump): application for injunction granted.', [AARP]],
    ['The Fifth Circuit, in No. 25-10534, ruled on notice.', [AARP]],
    ['AARP v. Trump is the ACLU case from the Northern District of Texas.', [AARP]],
    ['AEA removals halted under the alien  enemies  ACT, in both cases.', [JGG, AARP]],
    // several matters in one item
    ['Abrego Garcia and the J.G.G. plaintiffs were both sent to CECOT under the Alien Enemies Act.', [ABREGO, JGG, AARP]],
  ])('%j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('matchItem: what must not match', () => {
  it.each<string>([
    'Abregogarcia is not a name we know.',
    'Garcia and Abrego are common surnames.',
    'Alien enemies were discussed in 1798; the Act was debated.',
    'AARP urges Congress to protect Social Security for retirees.',
    'The AARP Foundation released its annual report.',
    'JGG', // a compact initialism alone is weak
    'Civil Action No. 25-766 (JEB)', // an officeless district number alone is weak
    'The court in 2:25-cv-00951 (another office) ruled.',
    'No. 25-1346 and 24A948 are other cases.',
    'The U.S. Court of Appeals ruled on 2025-04-07; call 202-514-2007.',
    '',
  ])('%j', (text) => {
    expect(matchItem(item(text), MATTERS)).toEqual([]);
  });
});

describe('matchItem: weak signals need a second signal of the same matter', () => {
  it('AARP with the Alien Enemies Act matches both Alien Enemies Act matters, with the weak AARP as a reason', () => {
    const results = matchItem(item('AARP members asked about Alien Enemies Act removals.'), MATTERS);
    expect(results.map((r) => r.matterId)).toEqual([JGG, AARP]);
    const aarp = results.find((r) => r.matterId === AARP)!;
    expect(aarp.reasons.map((r) => [r.kind, r.value, r.strength])).toEqual([
      ['keyword', 'Alien Enemies Act', 'strong'],
      ['alias', 'A.A.R.P.', 'weak'],
    ]);
  });

  it('AARP with its Supreme Court number matches', () => {
    expect(ids('AARP filed in No. 24A1007.')).toEqual([AARP]);
  });

  it('two different weak names corroborate each other', () => {
    expect(ids('The AARP and WMM petitioners')).toEqual([AARP]);
    expect(ids('JGG, Civil Action No. 25-766 (JEB)')).toEqual([JGG]);
  });

  it('the same weak name twice is still one signal', () => {
    expect(ids('AARP, AARP, AARP')).toEqual([]);
  });

  it("another matter's signal does not corroborate", () => {
    expect(ids('AARP and Abrego Garcia')).toEqual([ABREGO]);
  });

  it('the dotted form is strong even when the compact one appears first', () => {
    const [result] = matchItem(item('JGG ... later the opinion in J.G.G. said'), MATTERS);
    expect(result?.reasons).toEqual([
      { kind: 'alias', value: 'J.G.G.', strength: 'strong', excerpt: 'JGG ... later the opinion in J.G.G. said' },
    ]);
  });

  it('aliases listed as weak need a second signal', () => {
    const matters: MatterProfile[] = [{ id: 9, aliases: ['Noem v. Abrego Garcia'], weakAliases: ['Noem'], dockets: [] }];
    expect(ids('Secretary Noem testified.', matters)).toEqual([]);
    expect(ids('Secretary Noem testified in Noem v. Abrego Garcia.', matters)).toEqual([9]);
  });

  it('an undotted all-capitals alias is an initialism: dotted forms are strong, the compact form weak', () => {
    const matters: MatterProfile[] = [{ id: 7, aliases: ['AARP'], dockets: [] }];
    expect(ids('AARP', matters)).toEqual([]);
    expect(ids('A.A.R.P.', matters)).toEqual([7]);
  });
});

describe('matchItem: the starter catalogue as written (Alien Enemies Act as an alias of both matters)', () => {
  const catalogue: MatterProfile[] = [
    { ...MATTERS[0]! },
    { id: JGG, aliases: ['J.G.G.', 'JGG v. Trump', 'Alien Enemies Act'], dockets: MATTERS[1]!.dockets },
    { id: AARP, aliases: ['A.A.R.P.', 'W.M.M.', 'AARP v. Trump', 'WMM v. Trump', 'Alien Enemies Act'], dockets: MATTERS[2]!.dockets },
  ];

  it('a shared alias matches both matters', () => {
    expect(ids('Proclamation invoking the Alien Enemies Act', catalogue)).toEqual([JGG, AARP]);
  });

  it('AARP alone still matches nothing', () => {
    expect(ids('AARP', catalogue)).toEqual([]);
  });
});

describe('matchItem: reasons', () => {
  it('names every kind of reason with an excerpt of the original text', () => {
    const text =
      'WASHINGTON — The Department of Justice today filed its response in Noem v. Ábrego García, No. 24A949, ' +
      'asking the Court to vacate the order of the District of Maryland in Case 8:25-cv-00951-PX.';
    const [result] = matchItem(item(text, 'DOJ files in Supreme Court'), MATTERS);
    expect(result?.matterId).toBe(ABREGO);
    expect(result?.reasons.map((r) => [r.kind, r.value, r.strength])).toEqual([
      ['alias', 'Abrego Garcia', 'strong'],
      ['docket-number', '24A949', 'strong'],
      ['docket-number', '8:25-cv-00951', 'strong'],
    ]);
    const [alias, scotus] = result!.reasons;
    expect(alias!.excerpt).toContain('Noem v. Ábrego García, No. 24A949');
    expect(alias!.excerpt.startsWith('…')).toBe(true);
    expect(alias!.excerpt.endsWith('…')).toBe(true);
    expect(scotus!.excerpt).toContain('No. 24A949');
  });

  it('writes a docket-number reason as the docket number of the matter, in canonical form', () => {
    const [result] = matchItem(item('see 8:25-CV-951'), MATTERS);
    expect(result?.reasons).toEqual([{ kind: 'docket-number', value: '8:25-cv-00951', strength: 'strong', excerpt: 'see 8:25-CV-951' }]);
  });

  it('marks an officeless district number as weak and names the docket it may mean', () => {
    const [result] = matchItem(item('J.G.G. v. Trump, Civil Action No. 25-766 (JEB)'), MATTERS);
    expect(result?.reasons.map((r) => [r.kind, r.value, r.strength])).toEqual([
      ['alias', 'J.G.G.', 'strong'],
      ['alias', 'JGG v. Trump', 'strong'],
      ['docket-number', '1:25-cv-00766', 'weak'],
    ]);
  });

  it('finds signals in the title and the summary too', () => {
    expect(matchItem({ title: 'Abrego Garcia returns', summary: '', text: '' }, MATTERS).map((r) => r.matterId)).toEqual([ABREGO]);
    expect(matchItem({ title: '', summary: 'Update in 24A931', text: '' }, MATTERS).map((r) => r.matterId)).toEqual([JGG]);
  });

  it('keeps the order of the matters it was given', () => {
    const reversed = [...MATTERS].reverse();
    expect(ids('Abrego Garcia and A.A.R.P.', reversed)).toEqual([AARP, ABREGO]);
  });
});

describe('excerptAround', () => {
  it('shows about 60 characters either side, whitespace collapsed', () => {
    const source = `${'x'.repeat(100)} before\n\n  MATCH  after ${'y'.repeat(100)}`;
    const start = source.indexOf('MATCH');
    const excerpt = excerptAround(source, start, start + 5);
    expect(excerpt).toMatch(/^…x+ before MATCH after y+…$/);
    expect(excerpt.length).toBeLessThanOrEqual(5 + 2 * 60 + 2);
  });

  it('does not cut at the ends of a short text', () => {
    expect(excerptAround('in 24A949 today', 3, 9)).toBe('in 24A949 today');
  });
});

describe('matchItem: hostile input', () => {
  it('reads long text only up to its cap', () => {
    const text = `${'lorem ipsum '.repeat(MATCH_MAX_TEXT_CHARS / 12)} Abrego Garcia`;
    expect(text.length).toBeGreaterThan(MATCH_MAX_TEXT_CHARS);
    expect(ids(text)).toEqual([]);
    expect(ids(`Abrego Garcia ${text}`)).toEqual([ABREGO]);
  });

  it('survives repetitive text built to make patterns backtrack', () => {
    const nearMisses = [
      'A.A.R.'.repeat(20_000),
      'J. G. '.repeat(20_000),
      'abrego '.repeat(20_000),
      'alien enemies '.repeat(10_000),
      `${'8:25-cv-'.repeat(10_000)}`,
      `${'-'.repeat(50_000)}${'.'.repeat(50_000)}`,
    ].join(' ');
    expect(ids(nearMisses)).toEqual([]);
  });

  it('treats aliases as text, not patterns, and ignores oversized ones', () => {
    const matters: MatterProfile[] = [
      { id: 1, aliases: ['(a+)+$', '.*', '[', 'x'.repeat(1_000)], keywords: ['\\d+'], dockets: [] },
      { id: 2, aliases: ['C++ v. Java'], dockets: [{ court: 'mdd', docketNumber: 'not a number' }] },
    ];
    expect(ids(`${'a'.repeat(50_000)}!`, matters)).toEqual([]);
    expect(ids('(a+)+$', matters)).toEqual([1]);
    expect(ids('c v java', matters)).toEqual([2]);
  });

  it('copes with empty aliases, empty matters and missing fields', () => {
    const matters: MatterProfile[] = [{ id: 1, aliases: ['', '  ', '...'], dockets: [] }];
    expect(ids('anything ...', matters)).toEqual([]);
    expect(matchItem(item('Abrego Garcia'), [])).toEqual([]);
    expect(matchItem({ title: 'Abrego Garcia' } as unknown as MatchableItem, MATTERS).map((r) => r.matterId)).toEqual([ABREGO]);
  });
});
