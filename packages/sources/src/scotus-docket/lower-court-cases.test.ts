import { splitLowerCourtCases } from './lower-court-cases';

describe('splitLowerCourtCases', () => {
  // The abbreviations juriscraper's own tests cover (tests/local/test_ScotusDocketTest.py), with its answers.
  it.each<[string, string[]]>([
    ['98-35309/35509', ['98-35309', '98-35509']],
    ['96-C-235/239/240/241', ['96-C-235', '96-C-239', '96-C-240', '96-C-241']],
    ['99-1845,-1846,-1847,-197', ['99-1845', '99-1846', '99-1847', '99-197']],
    ['98-4033;-4214;-4246', ['98-4033', '98-4214', '98-4246']],
    ['98-60240,-60454,-60467,-', ['98-60240', '98-60454', '98-60467']],
    ['33094-CW,33095-CW', ['33094-CW', '33095-CW']],
    ['95-56639 & 96-55194', ['95-56639', '96-55194']],
    ['95-56639 See also 96-55194', ['95-56639', '96-55194']],
    ['CR-99-1140', ['CR-99-1140']],
    ['1998-CA-0022039-MR', ['1998-CA-0022039-MR']],
    ['97-1715/98-1111 to 1115', ['97-1715', '98-1111', '98-1112', '98-1113', '98-1114', '98-1115']],
    ['97-1715/1111 to 1115', ['97-1715', '97-1111', '97-1112', '97-1113', '97-1114', '97-1115']],
    ['98-123; 98-124\n98-125 & 98-126', ['98-123', '98-124', '98-125', '98-126']],
    ['(98-4033;-4214)', ['98-4033', '98-4214']],
  ])('%j', (raw, expected) => {
    expect(splitLowerCourtCases(raw)).toEqual(expected);
  });

  it('splits the forms seen in the fixtures', () => {
    expect(splitLowerCourtCases('(23-2051 (See also 23-1853))')).toEqual(['23-2051', '23-1853']);
    expect(splitLowerCourtCases('(15-1977, 15-1986, 15-1987)')).toEqual(['15-1977', '15-1986', '15-1987']);
    expect(splitLowerCourtCases('(16-10098-G)')).toEqual(['16-10098-G']);
    expect(splitLowerCourtCases('(83738-9-1)')).toEqual(['83738-9-1']);
    expect(splitLowerCourtCases('(COA16-723)')).toEqual(['COA16-723']);
  });

  it('keeps district-court numbers exactly as written', () => {
    expect(splitLowerCourtCases('(8:25-cv-951)')).toEqual(['8:25-cv-951']);
    expect(splitLowerCourtCases('(8:25-cv-951, 8:25-cv-00952-PX)')).toEqual(['8:25-cv-951', '8:25-cv-00952-PX']);
  });

  it('does not guess a prefix for bare numbers after a comma', () => {
    expect(splitLowerCourtCases('15-1977, 1986')).toEqual(['15-1977', '1986']);
  });

  it('returns each case once, and nothing for empty input', () => {
    expect(splitLowerCourtCases('(05-5062, 05-5062)')).toEqual(['05-5062']);
    expect(splitLowerCourtCases('')).toEqual([]);
    expect(splitLowerCourtCases('()')).toEqual([]);
    expect(splitLowerCourtCases(null)).toEqual([]);
    expect(splitLowerCourtCases(undefined)).toEqual([]);
  });

  it('keeps only the ends of an implausibly long range, and caps the total', () => {
    expect(splitLowerCourtCases('97-1/5 to 100000')).toEqual(['97-1', '97-5', '97-100000']);
    const many = Array.from({ length: 500 }, (_, i) => `20-${i + 1}`).join(', ');
    expect(splitLowerCourtCases(many)).toHaveLength(200);
  });
});
