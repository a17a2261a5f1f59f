import { normaliseDocketNumber, parseDistrictDocketNumber, sameDocketNumber } from './docket-number';

describe('normaliseDocketNumber', () => {
  it.each([
    ['8:25-cv-00951', '8:25-cv-00951'],
    ['8:25-cv-951', '8:25-cv-00951'],
    ['8:25-CV-00951-PX', '8:25-cv-00951'],
    ['8:25cv951', '8:25-cv-00951'],
    ['1:25-cv-00766-JEB', '1:25-cv-00766'],
    ['1:17-cr-00554-1', '1:17-cr-00554'],
    ['1:19-mj-00012-ABC-DEF', '1:19-mj-00012'],
    ['  01:25-cv-00059  ', '1:25-cv-00059'],
    ['25-1345', '25-1345'],
    ['24A949', '24A949'],
    ['24a949', '24A949'],
    ['24A0949', '24A949'],
    ['23-7483', '23-7483'],
    ['18-00079', '18-00079'],
    ['Misc. No. 12', 'Misc. No. 12'],
  ])('%s -> %s', (raw, canonical) => {
    expect(normaliseDocketNumber(raw)).toBe(canonical);
  });

  it('knows two written forms of one case are the same case', () => {
    expect(sameDocketNumber('8:25-cv-951', '8:25-cv-00951')).toBe(true);
    expect(sameDocketNumber('8:25-cv-951', '8:25-cv-00952')).toBe(false);
    expect(sameDocketNumber('8:25-cv-951', '8:24-cv-00951')).toBe(false);
  });

  it('splits a district docket number into its parts', () => {
    expect(parseDistrictDocketNumber('8:25-cv-951-PX')).toEqual({ office: '8', year: '25', caseType: 'cv', sequence: '00951' });
    expect(parseDistrictDocketNumber('25-1345')).toBeNull();
  });

  it('does not take long on hostile input', () => {
    const hostile = `1:${'1'.repeat(50_000)}-cv-${'-a'.repeat(50_000)}`;
    expect(normaliseDocketNumber(hostile)).toBe(hostile);
  });
});
