/**
 * Counterexamples from the parser property tests (../parsers.property.test.ts), and the inputs
 * that made two of its helpers slow.
 */
import { scanHtml } from './html-complexity';
import { splitLowerCourtCases } from './lower-court-cases';
import { parseScotusDocket, parseScotusDocketJson } from './index';

describe('lower-court case ranges past 2^53', () => {
  // n++ stops changing n at 2^53: the expansion looped until "RangeError: Invalid array length".
  it('keeps the endpoints of a range whose numbers doubles cannot count', () => {
    expect(splitLowerCourtCases('9007199254740992 to 9007199254740994')).toEqual(['9007199254740992', '9007199254740994']);
    expect(splitLowerCourtCases('(97-9007199254740990/9007199254740996)')).toEqual(['97-9007199254740990', '97-9007199254740996']);
  });

  it('in a docket', () => {
    const json = JSON.stringify({
      CaseNumber: '24-1',
      PetitionerTitle: 'A',
      ProceedingsandOrder: [],
      LowerCourtCaseNumbers: '9007199254740992 to 9007199254740994',
    });
    expect(parseScotusDocketJson(json).dockets[0]!.lowerCourtCases).toEqual(['9007199254740992', '9007199254740994']);
  });

  it('still expands a short range', () => {
    expect(splitLowerCourtCases('97-1715/1111 to 1113')).toEqual(['97-1715', '97-1111', '97-1112', '97-1113']);
  });
});

describe('scanHtml on "<" runs with no ">" after them', () => {
  // Each "<a" searched the rest of the text for its ">": quadratic, over a minute for a 5 MB page.
  it('stops at the last ">" (4 MB of "<a" is scanned at once)', () => {
    expect(scanHtml('<a'.repeat(2_000_000))).toEqual({ elements: 0, exceeded: null });
    expect(scanHtml(`<p>x</p>${'<a'.repeat(2_000_000)}`)).toEqual({ elements: 1, exceeded: null });
  });

  it('a docket page made of them is refused as no docket page', () => {
    expect(() => parseScotusDocket(`<html>${'<a'.repeat(1_000_000)}`)).toThrow(expect.objectContaining({ code: 'PARSE_UNRECOGNISED' }));
  });
});
