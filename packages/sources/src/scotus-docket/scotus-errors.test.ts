/**
 * Bad input: every failure is a typed ParseError with the right code, never an empty success.
 */
import { ParseError } from '@docketwatch/core';
import type { ErrorCode, ParsedDocument } from '@docketwatch/core';
import { parseScotusDocket, parseScotusDocketHtml, parseScotusDocketJson } from './index';
import { MAX_DOCUMENT_CHARS } from './scotus-common';

type Parser = (text: string) => ParsedDocument;

function parseErrorOf(parse: Parser, input: unknown): ParseError {
  try {
    parse(input as string);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw new Error(`expected a ParseError, got ${String(err)}`);
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

function expectParseError(parse: Parser, input: unknown, code: ErrorCode): void {
  expect(parseErrorOf(parse, input).code).toBe(code);
}

/** A minimal docket JSON in supremecourt.gov's shape, with overrides. */
function docketJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    CaseNumber: '24A949 ',
    PetitionerTitle: 'Jane Roe, Applicant',
    RespondentTitle: 'John Doe',
    LowerCourtCaseNumbers: '(8:25-cv-951)',
    ProceedingsandOrder: [{ Date: 'May 07 2024', Text: 'Application filed.' }],
    ...overrides,
  });
}

/** What supremecourt.gov serves (HTTP 200) for a docket number it does not know. */
const NOT_FOUND_PAGE = `<!DOCTYPE html><html><head><title>Supreme Court of the United States</title></head>
<body><div id="pagemaindiv"><div id="pagetitle"><h1>ERROR: File or directory not found.</h1></div>
<p>The page you requested could not be found.</p></div></body></html>`;

const ACCESS_DENIED_PAGE = `<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>
You don't have permission to access "http://www.supremecourt.gov/RSS/Cases/JSON/24A949.json" on this server.<P>
Reference #18.6f2d3e17.1700000000.1a2b3c4d</BODY></HTML>`;

const RANDOM_HTML = '<!DOCTYPE html><html><head><title>Cats</title></head><body><h1>Cats</h1><p>Not a docket.</p></body></html>';

/** A current-layout docket page with no proceedings and nothing else optional. */
const EMPTY_HTML_DOCKET = `<html><body><table id="docketinfo">
<tr><td class="InfoTitle" colspan="2"><span class="DocketInfoTitle">No. 24A949 <br></span></td></tr>
<tr><td><span>Title:</span></td><td><span class="title">Jane Roe, Applicant<br> v. <br>John Doe</span></td></tr>
</table><div id="proceedings"><div class="coloredheader">Proceedings and Orders</div></div>
<div id="Contacts"></div></body></html>`;

describe('input that is no docket at all', () => {
  it.each([
    ['json', parseScotusDocketJson],
    ['html', parseScotusDocketHtml],
    ['either', parseScotusDocket],
  ] as const)('%s parser: empty or blank text is PARSE_EMPTY', (_name, parse) => {
    expectParseError(parse, '', 'PARSE_EMPTY');
    expectParseError(parse, ' \n\t\uFEFF ', 'PARSE_EMPTY');
  });

  it.each([
    ['json', parseScotusDocketJson],
    ['html', parseScotusDocketHtml],
    ['either', parseScotusDocket],
  ] as const)('%s parser: non-string input and plain text are PARSE_UNRECOGNISED', (_name, parse) => {
    expectParseError(parse, undefined, 'PARSE_UNRECOGNISED');
    expectParseError(parse, 42, 'PARSE_UNRECOGNISED');
    expectParseError(parse, 'Docket 24A949: application filed.', 'PARSE_UNRECOGNISED');
  });

  it('random HTML is PARSE_UNRECOGNISED', () => {
    expectParseError(parseScotusDocketHtml, RANDOM_HTML, 'PARSE_UNRECOGNISED');
    expectParseError(parseScotusDocketJson, RANDOM_HTML, 'PARSE_UNRECOGNISED');
    expectParseError(parseScotusDocket, RANDOM_HTML, 'PARSE_UNRECOGNISED');
  });

  it('JSON that is not a docket is PARSE_UNRECOGNISED', () => {
    for (const json of ['[]', '[1, 2]', '{}', '{"items": []}', '{"error": "oops"}']) {
      expectParseError(parseScotusDocketJson, json, 'PARSE_UNRECOGNISED');
      expectParseError(parseScotusDocket, json, 'PARSE_UNRECOGNISED');
    }
  });

  it('each parser refuses the other format', () => {
    expectParseError(parseScotusDocketHtml, docketJson(), 'PARSE_UNRECOGNISED');
    expectParseError(parseScotusDocketJson, EMPTY_HTML_DOCKET, 'PARSE_UNRECOGNISED');
  });
});

describe('supremecourt.gov error pages', () => {
  it.each([
    ['json', parseScotusDocketJson],
    ['html', parseScotusDocketHtml],
    ['either', parseScotusDocket],
  ] as const)('%s parser: the "docket not found" page is PARSE_ERROR_PAGE', (_name, parse) => {
    const err = parseErrorOf(parse, NOT_FOUND_PAGE);
    expect(err.code).toBe('PARSE_ERROR_PAGE');
    expect(err.context['errorPage']).toBe('ERROR: File or directory not found.');
    expect(err.retryable).toBe(false);
  });

  it('the rate-limit "Access Denied" page is PARSE_ERROR_PAGE', () => {
    expectParseError(parseScotusDocketJson, ACCESS_DENIED_PAGE, 'PARSE_ERROR_PAGE');
    expectParseError(parseScotusDocket, ACCESS_DENIED_PAGE, 'PARSE_ERROR_PAGE');
  });
});

describe('broken docket JSON', () => {
  it('JSON cut short is PARSE_TRUNCATED', () => {
    const full = docketJson();
    for (const cut of [full.length - 1, full.length - 10, Math.floor(full.length / 2), 20]) {
      expectParseError(parseScotusDocketJson, full.slice(0, cut), 'PARSE_TRUNCATED');
    }
    expectParseError(parseScotusDocket, full.slice(0, 30), 'PARSE_TRUNCATED');
  });

  it('JSON that is complete but invalid is PARSE_MALFORMED', () => {
    expectParseError(parseScotusDocketJson, `${docketJson()} trailing`, 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, '{"CaseNumber": 24A949}', 'PARSE_MALFORMED');
  });

  it('a docket missing its required fields is PARSE_MALFORMED', () => {
    expectParseError(parseScotusDocketJson, docketJson({ CaseNumber: undefined }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, docketJson({ CaseNumber: '  ' }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, docketJson({ PetitionerTitle: undefined, RespondentTitle: '' }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, docketJson({ ProceedingsandOrder: undefined }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, docketJson({ ProceedingsandOrder: 'none' }), 'PARSE_MALFORMED');
  });

  it('a proceeding without a readable date, or of the wrong shape, is PARSE_MALFORMED', () => {
    const rows = (row: unknown) => docketJson({ ProceedingsandOrder: [row] });
    expectParseError(parseScotusDocketJson, rows({ Text: 'Application filed.' }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, rows({ Date: 'someday', Text: 'x' }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, rows({ Date: 'Feb 30 2024', Text: 'x' }), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, rows('Application filed.'), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketJson, rows({ Date: 'May 07 2024', Text: 'x', Links: 'x.pdf' }), 'PARSE_MALFORMED');
  });

  it('a docket with no proceedings yet is a valid, empty docket', () => {
    for (const proceedings of [[], null]) {
      const docket = parseScotusDocketJson(docketJson({ ProceedingsandOrder: proceedings })).dockets[0]!;
      expect(docket.docketNumber).toBe('24A949');
      expect(docket.caseName).toBe('Jane Roe, Applicant v. John Doe');
      expect(docket.lowerCourtCases).toEqual(['8:25-cv-951']);
      expect(docket.entries).toEqual([]);
    }
  });
});

describe('broken docket HTML', () => {
  it('a docket page cut short is PARSE_TRUNCATED', () => {
    const cut = EMPTY_HTML_DOCKET.slice(0, EMPTY_HTML_DOCKET.indexOf('<div id="Contacts">'));
    expectParseError(parseScotusDocketHtml, cut, 'PARSE_TRUNCATED');
    expectParseError(parseScotusDocket, cut, 'PARSE_TRUNCATED');
  });

  it('a docket page without its docket number, title or proceedings is PARSE_MALFORMED', () => {
    expectParseError(parseScotusDocketHtml, EMPTY_HTML_DOCKET.replace('No. 24A949', ''), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketHtml, EMPTY_HTML_DOCKET.replace(/<span class="title">.*?<\/span>/, ''), 'PARSE_MALFORMED');
    expectParseError(parseScotusDocketHtml, EMPTY_HTML_DOCKET.replace('id="proceedings"', 'id="other"'), 'PARSE_MALFORMED');
  });

  it('a proceeding with an unreadable date is PARSE_MALFORMED', () => {
    const card = `<div class="card"><table class="ProceedingItem"><tr><td class="ProceedingDate">TBD</td><td>Filed.</td></tr></table></div>`;
    const html = EMPTY_HTML_DOCKET.replace('Proceedings and Orders</div>', `Proceedings and Orders</div>${card}`);
    expectParseError(parseScotusDocketHtml, html, 'PARSE_MALFORMED');
  });

  it('a docket page with no proceedings yet is a valid, empty docket', () => {
    const docket = parseScotusDocketHtml(EMPTY_HTML_DOCKET).dockets[0]!;
    expect(docket.docketNumber).toBe('24A949');
    expect(docket.caseName).toBe('Jane Roe, Applicant v. John Doe');
    expect(docket.lowerCourtCases).toEqual([]);
    expect(docket.entries).toEqual([]);
  });
});

describe('huge and hostile input', () => {
  // These inputs took minutes (or overflowed the stack) before the guards; a regression shows as a
  // test that times out, without the test itself measuring time.
  it('refuses documents larger than any docket with PARSE_MALFORMED, without parsing them', () => {
    const huge = `{"CaseNumber": "1", "x": "${'a'.repeat(MAX_DOCUMENT_CHARS)}"}`;
    expectParseError(parseScotusDocketJson, huge, 'PARSE_MALFORMED');
    expectParseError(parseScotusDocket, `<html>${huge}`, 'PARSE_MALFORMED');
  });

  it('refuses absurdly nested HTML quickly with PARSE_MALFORMED', () => {
    for (const hostile of [
      '<html><body>' + '<div>'.repeat(200_000) + 'x',
      '<html><body>' + '<b></span>'.repeat(200_000),
      '<html><body>' + '<div/>'.repeat(200_000),
      '<html><body>' + '<table><tr><td>'.repeat(100_000),
      // Shallow but enormous: a million bare cells took parse5 over 10 s.
      '<html><body><table><tr>' + '<td>'.repeat(1_000_000),
    ]) {
      expectParseError(parseScotusDocketHtml, hostile, 'PARSE_MALFORMED');
    }
  });

  it('refuses absurd markup inside JSON proceedings with PARSE_MALFORMED, counted across the docket', () => {
    const nested = docketJson({ ProceedingsandOrder: [{ Date: 'May 07 2024', Text: '<i>'.repeat(100_000) }] });
    expectParseError(parseScotusDocketJson, nested, 'PARSE_MALFORMED');
    const row = { Date: 'May 07 2024', Text: '<i>a</i>'.repeat(10) };
    const spread = docketJson({ ProceedingsandOrder: Array.from({ length: 20_000 }, () => row) });
    expectParseError(parseScotusDocketJson, spread, 'PARSE_MALFORMED');
  });

  it('handles deeply nested JSON and long runs of pathological text in linear time', () => {
    const deep = '['.repeat(1_000_000);
    expectParseError(parseScotusDocketJson, deep, 'PARSE_TRUNCATED');
    const spaces = ' '.repeat(1_000_000);
    const json = docketJson({
      PetitionerTitle: `A${spaces}B`,
      LowerCourtCaseNumbers: `1${'-'.repeat(100_000)}2 to 999999999`,
      ProceedingsandOrder: [{ Date: `May${spaces}07 2024`, Text: `x${spaces}y` }],
    });
    parseScotusDocketJson(json);
    const wideHtml = EMPTY_HTML_DOCKET.replace('Jane Roe', `Jane${spaces}Roe,${spaces},`);
    parseScotusDocketHtml(wideHtml);
  });

  it('keeps lower-court range expansion bounded', () => {
    const docket = parseScotusDocketJson(docketJson({ LowerCourtCaseNumbers: '(97-1/1 to 999999999)' })).dockets[0]!;
    expect(docket.lowerCourtCases).toEqual(['97-1', '97-999999999']);
  });
});
