import { foldText, foldWithOffsets } from './fold';

describe('foldText', () => {
  it.each<[string, string]>([
    ['Ábrego García', 'abrego garcia'],
    ['ÁBREGO GARCÍA', 'abrego garcia'],
    ['Abrego Garcia', 'abrego garcia'],
    // decomposed input (combining acute accents) folds the same as precomposed
    ['A\u0301brego Garci\u0301a', 'abrego garcia'],
    ['  Kilmar\u00A0Armando \n\t Abrego  García ', 'kilmar armando abrego garcia'],
    ['Abrego Garcia’s ‘case’', "abrego garcia's 'case'"],
    ['“Alien Enemies Act”', '"alien enemies act"'],
    ['A.A.R.P. – W.M.M. — J.G.G.', 'a.a.r.p. - w.m.m. - j.g.g.'],
    ['No. 25\u20111345', 'no. 25-1345'],
    ['Ａｂｒｅｇｏ', 'abrego'], // full-width letters (NFKD)
    ['ﬁling', 'filing'], // ligature
    ['Straße Øresund Łódź', 'strasse oresund lodz'],
    ['İstanbul', 'istanbul'],
    ['Ab\u00ADrego Gar\u200Bcia', 'abrego garcia'], // soft hyphen and zero-width space vanish
    ['Noël Nuñez', 'noel nunez'],
    ['', ''],
    ['   ', ''],
  ])('%j -> %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps, for every folded character, the index it came from', () => {
    const source = '  ÁBREGO   García';
    const { text, offsets } = foldWithOffsets(source);
    expect(text).toBe('abrego garcia');
    expect(offsets).toHaveLength(text.length);
    expect(source[offsets[0]!]).toBe('Á');
    expect(source[offsets[text.indexOf('garcia')]!]).toBe('G');
    expect(source[offsets[text.length - 1]!]).toBe('a');
  });

  it('keeps astral characters whole', () => {
    expect(foldText('Abrego 😀 Garcia')).toBe('abrego 😀 garcia');
  });

  it('folds long text', () => {
    const long = 'Ábrego García '.repeat(20_000);
    expect(foldText(long)).toBe('abrego garcia '.repeat(20_000).trim());
  });
});
