/**
 * Bad input and unusual layouts: every failure is a typed ParseError with the right code, never an
 * empty or garbled success. Pages are real fixtures cut or edited in memory, or small synthetic ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ParseError } from '@docketwatch/core';
import type { ErrorCode, ParsedDocument } from '@docketwatch/core';
import { MAX_DOCKET_CHARS } from './pacer-common';
import { detectPacerDocket, parseAcmsDocket, parseAppellateDocket, parseDistrictDocket, parsePacerDocket } from './index';

type Parser = (text: string, options?: { court?: string }) => ParsedDocument;

const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const fixture = (relative: string): string => fs.readFileSync(path.join(EXAMPLES, relative), 'utf8');

const AZD = fixture('pacer/dockets/district/azd.html');
const CAND = fixture('pacer/dockets/district/cand_7.html');
const CA9 = fixture('pacer/dockets/appellate/ca9_1.html');
const ACMS = fixture('pacer/dockets/acms/ca2_23-7222.acms_json');

const ALL_PARSERS: [string, Parser][] = [
  ['parsePacerDocket', parsePacerDocket],
  ['parseDistrictDocket', parseDistrictDocket],
  ['parseAppellateDocket', parseAppellateDocket],
  ['parseAcmsDocket', parseAcmsDocket],
];
const HTML_PARSERS: [string, Parser][] = ALL_PARSERS.filter(([name]) => name !== 'parseAcmsDocket');

function parseErrorOf(parse: Parser, input: unknown, options?: { court?: string }): ParseError {
  try {
    parse(input as string, options);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw new Error(`expected a ParseError, got ${String(err)}`);
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

function expectParseError(parse: Parser, input: unknown, code: ErrorCode, options?: { court?: string }): void {
  expect(parseErrorOf(parse, input, options).code).toBe(code);
}

/** The text up to (not including) the first occurrence of `marker` at or after `from`. */
function cutBefore(text: string, marker: string, from = 0): string {
  const at = text.indexOf(marker, from);
  if (at === -1) throw new Error(`marker not found: ${marker}`);
  return text.slice(0, at);
}

/** A minimal district docket page around the given entries table. */
function districtPage(table: string, { heading = 'CIVIL DOCKET FOR CASE #: 1:25-cv-00766-JEB', caption = 'J.G.G. v. Trump' } = {}): string {
  return `<html><head><title>District of Columbia live database</title></head><body>
<div id="cmecfMainContent"><h3 align="center">U.S. District Court<br>District of Columbia (Washington, DC)<br>${heading}</h3>
<table><tr><td><br>${caption}<br>Assigned to: Chief Judge James E. Boasberg</td><td><br>Date Filed: 03/15/2025</td></tr></table>
${table}</div></body></html>`;
}

const HEADER = '<tr><td>Date Filed</td><th>#</th><td>Docket Text</td></tr>';
const row = (date: string, number: string, text: string): string => `<tr><td>${date}</td><td>${number}</td><td>${text}</td></tr>`;
const docLink = (id: string, number: string): string =>
  `<a href="https://ecf.dcd.uscourts.gov/doc1/${id}" onClick="goDLS('/doc1/${id}','278436','12','','1','1','','');return(false);">${number}</a>`;

describe('input that is no docket report', () => {
  it.each(ALL_PARSERS)('%s: empty or blank text is PARSE_EMPTY', (_name, parse) => {
    expectParseError(parse, '', 'PARSE_EMPTY');
    expectParseError(parse, ' \n\t\uFEFF ', 'PARSE_EMPTY');
  });

  it.each(ALL_PARSERS)('%s: non-string input and plain text are PARSE_UNRECOGNISED', (_name, parse) => {
    expectParseError(parse, undefined, 'PARSE_UNRECOGNISED');
    expectParseError(parse, 42, 'PARSE_UNRECOGNISED');
    expectParseError(parse, 'Docket 1:25-cv-00766: complaint filed.', 'PARSE_UNRECOGNISED');
  });

  it.each(HTML_PARSERS)('%s: HTML from anywhere else is PARSE_UNRECOGNISED', (_name, parse) => {
    expectParseError(parse, '<!DOCTYPE html><html><head><title>Cats</title></head><body><h1>Cats</h1></body></html>', 'PARSE_UNRECOGNISED');
    expectParseError(parse, fixture('scotus/dockets/html/16-1014.html'), 'PARSE_UNRECOGNISED');
  });

  it('other court documents are PARSE_UNRECOGNISED, not error pages', () => {
    expectParseError(parsePacerDocket, fixture('pacer/rss_feeds/ca10.xml'), 'PARSE_UNRECOGNISED');
    expectParseError(parsePacerDocket, fixture('pacer/nef/s3/almd_1.txt'), 'PARSE_UNRECOGNISED');
    expectParseError(parsePacerDocket, fixture('scotus/dockets/json/24A1.compare.json'), 'PARSE_UNRECOGNISED');
  });

  it('JSON that is not an ACMS docket is PARSE_UNRECOGNISED', () => {
    for (const json of ['[]', '{}', '{"caseDetails": {}}', '{"docketInfo": {}}', '{"caseDetails": [], "docketInfo": {}}']) {
      expectParseError(parsePacerDocket, json, 'PARSE_UNRECOGNISED');
      expectParseError(parseAcmsDocket, json, 'PARSE_UNRECOGNISED');
    }
  });

  it('each parser refuses the other formats', () => {
    expectParseError(parseAcmsDocket, AZD, 'PARSE_UNRECOGNISED');
    expectParseError(parseDistrictDocket, ACMS, 'PARSE_UNRECOGNISED');
    expectParseError(parseAppellateDocket, ACMS, 'PARSE_UNRECOGNISED');
    expectParseError(parseAppellateDocket, AZD, 'PARSE_UNRECOGNISED');
    expectParseError(parseDistrictDocket, CA9, 'PARSE_UNRECOGNISED');
  });
});

describe('pages PACER serves instead of a docket', () => {
  it('a charge confirmation in place of the report is PARSE_ERROR_PAGE, even under a docket heading', () => {
    const page = districtPage(
      `<p>To accept charges shown below, click on the 'View Report' button.</p><input type="button" value="View Report">`,
    );
    const err = parseErrorOf(parsePacerDocket, page);
    expect(err.code).toBe('PARSE_ERROR_PAGE');
    expect(err.context['errorPage']).toBe("To accept charges shown below, click on the 'View Report' button");
  });

  it('an appellate server’s error page is PARSE_ERROR_PAGE', () => {
    const page = `<html><head><title>Error</title></head><body><a href="TransportRoom?servlet=CaseSearch.jsp">Case Search</a>
<h3>Case 99-9999 not found.</h3></body></html>`;
    const err = parseErrorOf(parsePacerDocket, page);
    expect(err.code).toBe('PARSE_ERROR_PAGE');
    expect(err.context['errorPage']).toBe('Case 99-9999 not found.');
  });

  it('a page cut off before it says anything is PARSE_TRUNCATED, not an error page', () => {
    expectParseError(parsePacerDocket, cutBefore(AZD, '<h3'), 'PARSE_TRUNCATED');
    expectParseError(parsePacerDocket, cutBefore(CA9, 'Court of Appeals Docket'), 'PARSE_TRUNCATED');
  });
});

describe('truncated docket reports', () => {
  it('a district page cut inside the entries table is PARSE_TRUNCATED', () => {
    const entriesStart = AZD.indexOf('Docket Text');
    for (const marker of ['<tr>', 'ORDER OF DETENTION', 'JUDGMENT AND COMMITMENT', '</table><br>']) {
      expectParseError(parseDistrictDocket, cutBefore(AZD, marker, entriesStart), 'PARSE_TRUNCATED');
      expectParseError(parsePacerDocket, cutBefore(AZD, marker, entriesStart), 'PARSE_TRUNCATED');
    }
  });

  it('a district page cut inside a documents table is PARSE_TRUNCATED', () => {
    expectParseError(parseDistrictDocket, cutBefore(CAND, 'Civil Cover Sheet</td>'), 'PARSE_TRUNCATED');
  });

  it('a district page cut before the entries table is PARSE_TRUNCATED', () => {
    expectParseError(parseDistrictDocket, cutBefore(AZD, '<br><table align=center'), 'PARSE_TRUNCATED');
    expectParseError(parseDistrictDocket, cutBefore(AZD, 'Case title:'), 'PARSE_TRUNCATED');
  });

  it('a district page cut after the entries table still has every entry', () => {
    const cut = cutBefore(AZD, '<HR><CENTER>');
    expect(parseDistrictDocket(cut).dockets[0]!.entries).toHaveLength(23);
  });

  it('an appellate page cut inside or before its entries is PARSE_TRUNCATED', () => {
    const entriesStart = CA9.indexOf('DOCKET ENTRIES');
    for (const cut of [
      cutBefore(CA9, '<tr>', entriesStart),
      cutBefore(CA9, 'COURT DELETED INCORRECT ENTRY'),
      cutBefore(CA9, '<!-- ================= NEW SECTION - DOCKET'),
    ]) {
      expectParseError(parseAppellateDocket, cut, 'PARSE_TRUNCATED');
      expectParseError(parsePacerDocket, cut, 'PARSE_TRUNCATED');
    }
  });

  it('ACMS JSON cut short is PARSE_TRUNCATED; complete but invalid JSON is PARSE_MALFORMED', () => {
    for (const cut of [ACMS.length - 3, Math.floor(ACMS.length / 2), 30]) {
      expectParseError(parseAcmsDocket, ACMS.slice(0, cut), 'PARSE_TRUNCATED', { court: 'ca2' });
    }
    expectParseError(parseAcmsDocket, `${ACMS} trailing`, 'PARSE_MALFORMED', { court: 'ca2' });
    expectParseError(parsePacerDocket, ACMS.slice(0, 100), 'PARSE_TRUNCATED', { court: 'ca2' });
  });
});

describe('malformed docket reports', () => {
  it('a complete district page without an entries table (or its notice) is PARSE_MALFORMED', () => {
    const start = AZD.indexOf('<br><table align=center');
    const end = AZD.indexOf('</table><br>', start) + '</table><br>'.length;
    expectParseError(parseDistrictDocket, AZD.slice(0, start) + AZD.slice(end), 'PARSE_MALFORMED');
  });

  it('an appellate page without its entries section is PARSE_MALFORMED', () => {
    const withoutEntries = CA9.replace('NEW SECTION - DOCKET ENTRIES', 'NEW SECTION - SOMETHING ELSE');
    expectParseError(parseAppellateDocket, withoutEntries, 'PARSE_MALFORMED');
  });

  it('an entry with an unreadable date is PARSE_MALFORMED', () => {
    expectParseError(parseDistrictDocket, AZD.replace('>02/04/2017<', '>sometime<'), 'PARSE_MALFORMED');
    expectParseError(parseAppellateDocket, CA9.replace('>06/27/2017<', '>13/45/2017<'), 'PARSE_MALFORMED');
  });

  it('an entry row with no date is skipped, as juriscraper skips it', () => {
    const page = districtPage(`<table>${HEADER}${row('01/02/2025', '1', 'COMPLAINT')}${row('', '', 'stray')}</table>`);
    expect(parseDistrictDocket(page, { court: 'dcd' }).dockets[0]!.entries.map((e) => e.description)).toEqual(['COMPLAINT']);
  });

  it('ACMS JSON missing what a docket needs is PARSE_MALFORMED', () => {
    const acms = (change: (json: Record<string, Record<string, unknown>>) => void): string => {
      const json = JSON.parse(ACMS) as Record<string, Record<string, unknown>>;
      change(json);
      return JSON.stringify(json);
    };
    const entries = (json: Record<string, Record<string, unknown>>): Record<string, unknown>[] =>
      json['docketInfo']!['docketEntries'] as Record<string, unknown>[];
    for (const broken of [
      acms((json) => delete json['caseDetails']!['caseNumber']),
      acms((json) => (json['caseDetails']!['name'] = '  ')),
      acms((json) => (json['docketInfo']!['docketEntries'] = 'none')),
      acms((json) => (json['docketInfo']!['docketEntries'] = ['an entry'])),
      acms((json) => delete entries(json)[0]!['endDate']),
      acms((json) => (entries(json)[0]!['endDate'] = '2023-02-30')),
      acms((json) => delete entries(json)[0]!['docketEntryText']),
    ]) {
      expectParseError(parseAcmsDocket, broken, 'PARSE_MALFORMED', { court: 'ca2' });
    }
  });

  it('an ACMS docket with no entries yet is a valid, empty docket', () => {
    const json = JSON.parse(ACMS) as { docketInfo: Record<string, unknown> };
    json.docketInfo['docketEntries'] = [];
    expect(parseAcmsDocket(JSON.stringify(json), { court: 'ca2' }).dockets[0]!.entries).toEqual([]);
    delete json.docketInfo['docketEntries'];
    expect(parseAcmsDocket(JSON.stringify(json), { court: 'ca2' }).dockets[0]!.entries).toEqual([]);
  });
});

describe('the court', () => {
  it('ACMS JSON needs options.court; without it (or with junk) the docket is PARSE_MALFORMED', () => {
    expectParseError(parseAcmsDocket, ACMS, 'PARSE_MALFORMED');
    expectParseError(parsePacerDocket, ACMS, 'PARSE_MALFORMED');
    for (const court of ['', '   ', '../etc', 'ecf.ca2.uscourts.gov', 'x'])
      expectParseError(parseAcmsDocket, ACMS, 'PARSE_MALFORMED', { court });
    expect(parseAcmsDocket(ACMS, { court: ' CA2 ' }).dockets[0]!.court).toBe('ca2');
  });

  it('comes from the document links when a page has no heading naming it', () => {
    const page = districtPage(`<table>${HEADER}${row('01/02/2025', docLink('04501234567', '1'), 'COMPLAINT')}</table>`);
    expect(parseDistrictDocket(page).dockets[0]!.court).toBe('dcd');
  });

  it('goes by the links most entries carry, not a stray link to another court', () => {
    const other = '<a href="https://ecf.mdd.uscourts.gov/doc1/09101234567">see</a>';
    const rows = [1, 2].map((n) => row('01/02/2025', docLink(`0450123456${n}`, String(n)), `MOTION ${other}`)).join('');
    expect(parseDistrictDocket(districtPage(`<table>${HEADER}${rows}</table>`)).dockets[0]!.court).toBe('dcd');
  });
});

describe('layouts the fixtures do not cover', () => {
  it('reads rows one column wider than the header as juriscraper does (bankruptcy courts’ extra column)', () => {
    const header = '<tr><td>Filing Date</td><th>#</th><td>Docket Text</td></tr>';
    const wide = `<tr><td>01/02/2025</td><td>&nbsp;</td><td>${docLink('04501234567', '1')}</td><td>Voluntary Petition</td></tr>`;
    const [entry] = parseDistrictDocket(districtPage(`<table>${header}${wide}</table>`)).dockets[0]!.entries;
    expect(entry).toMatchObject({ entryNumber: '1', filedAt: '2025-01-02', description: 'Voluntary Petition', pacerDocId: '04501234567' });
  });

  it('reads entries CM/ECF continues in a second table without a header', () => {
    const first = `<table>${HEADER}${row('01/02/2025', '1', 'COMPLAINT')}</table>`;
    const second = `<table>${row('01/03/2025', '2', 'SUMMONS')}</table>`;
    const entries = parseDistrictDocket(districtPage(first + second), { court: 'dcd' }).dockets[0]!.entries;
    expect(entries.map((e) => [e.entryNumber, e.description])).toEqual([
      ['1', 'COMPLAINT'],
      ['2', 'SUMMONS'],
    ]);
    const cut = districtPage(first + second).replace('SUMMONS</td></tr></table>', 'SUMMONS');
    expectParseError(parseDistrictDocket, cutBefore(cut, '</div></body>'), 'PARSE_TRUNCATED', { court: 'dcd' });
  });

  it('resolves relative document links against the court’s server and keeps only web links', () => {
    const relative = '<a href="/doc1/04501234567">1</a>';
    const script = '<a href="javascript:void(0)">2</a>';
    const page = districtPage(`<table>${HEADER}${row('01/02/2025', relative, 'COMPLAINT')}${row('01/02/2025', script, 'ORDER')}</table>`);
    const [complaint, order] = parseDistrictDocket(page, { court: 'dcd' }).dockets[0]!.entries;
    expect(complaint).toMatchObject({ documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/04501234567', pacerDocId: '04501234567' });
    expect(order).toMatchObject({ entryNumber: '2', documentUrl: null, pacerDocId: null });
  });

  it('takes the document number from "13 (5 pgs)" and ignores links that are not the number', () => {
    const cell = `${docLink('04501234567', '13')} (5 pgs)`;
    const [entry] = parseDistrictDocket(districtPage(`<table>${HEADER}${row('01/02/2025', cell, 'ORDER')}</table>`)).dockets[0]!.entries;
    expect(entry).toMatchObject({ entryNumber: '13', pacerDocId: '04501234567' });
  });

  it('keeps an entry whose number cell holds a word instead of a number, without a number (juriscraper drops it)', () => {
    const page = districtPage(
      `<table>${HEADER}${row('01/02/2025', docLink('04501234567', 'doc'), 'NOTICE')}${row('01/03/2025', 'doc', 'ORDER')}</table>`,
    );
    const entries = parseDistrictDocket(page).dockets[0]!.entries;
    expect(entries.map((e) => [e.entryNumber, e.pacerDocId, e.description])).toEqual([
      [null, '04501234567', 'NOTICE'],
      [null, null, 'ORDER'],
    ]);
  });

  it('names a case with no caption line "Unknown Case Title", and keeps "In re" captions', () => {
    const table = `<table>${HEADER}${row('01/02/2025', '1', 'PETITION')}</table>`;
    expect(parseDistrictDocket(districtPage(table, { caption: 'Sealed' }), { court: 'dcd' }).dockets[0]!.caseName).toBe(
      'Unknown Case Title',
    );
    expect(parseDistrictDocket(districtPage(table, { caption: 'IN RE: Jane Doe' }), { court: 'dcd' }).dockets[0]!.caseName).toBe(
      'IN RE: Jane Doe',
    );
  });

  it('reads older appellate servers’ ShowDoc links, resolved against the servlet', () => {
    const showDoc = CA9.replace(
      'HREF="https://ecf.ca9.uscourts.gov/docs1/009029155384"',
      'HREF="TransportRoom?servlet=ShowDoc&amp;dls_id=009029155384"',
    );
    const [entry] = parseAppellateDocket(showDoc).dockets[0]!.entries;
    expect(entry).toMatchObject({
      entryNumber: '319',
      pacerDocId: '009029155384',
      documentUrl: 'https://ecf.ca9.uscourts.gov/n/beam/servlet/TransportRoom?servlet=ShowDoc&dls_id=009029155384',
    });
  });

  it('uses the document id as the number of an appellate entry that shows none, as juriscraper does', () => {
    const unnumbered = CA9.replace(/&nbsp;319&nbsp;/, '&nbsp;Document&nbsp;');
    const [entry] = parseAppellateDocket(unnumbered).dockets[0]!.entries;
    expect(entry).toMatchObject({ entryNumber: '009029155384', pacerDocId: '009029155384' });
  });
});

describe('huge and hostile input', () => {
  // These inputs would take minutes or exhaust the stack without the guards; a regression shows
  // as a test that times out, without the test itself measuring time.
  it.each(ALL_PARSERS)('%s: refuses documents larger than any docket report with PARSE_MALFORMED', (_name, parse) => {
    const huge = (parse === parseAcmsDocket ? '{"caseDetails": "' : '<html><body>') + 'a'.repeat(MAX_DOCKET_CHARS);
    expectParseError(parse, huge, 'PARSE_MALFORMED', { court: 'ca2' });
  });

  it.each(HTML_PARSERS)('%s: refuses absurdly nested or enormous HTML with PARSE_MALFORMED', (_name, parse) => {
    for (const hostile of [
      '<html><body>' + '<div>'.repeat(200_000) + 'x',
      '<html><body><h3>CIVIL DOCKET FOR CASE #: 1:25-cv-1</h3>' + '<table><tr><td>'.repeat(100_000),
      '<html><body><table><tr>' + '<td>'.repeat(1_000_000),
    ]) {
      expectParseError(parse, hostile, 'PARSE_MALFORMED');
    }
  });

  it('refuses absurd markup inside ACMS entries with PARSE_MALFORMED, counted across the docket', () => {
    const json = JSON.parse(ACMS) as { docketInfo: { docketEntries: Record<string, unknown>[] } };
    const entry = json.docketInfo.docketEntries[0]!;
    json.docketInfo.docketEntries = [{ ...entry, docketEntryText: '<i>'.repeat(100_000) }];
    expectParseError(parseAcmsDocket, JSON.stringify(json), 'PARSE_MALFORMED', { court: 'ca2' });
    json.docketInfo.docketEntries = Array.from({ length: 50_000 }, () => ({ ...entry, docketEntryText: '<p><b>a</b><i>b</i></p>' }));
    expectParseError(parseAcmsDocket, JSON.stringify(json), 'PARSE_MALFORMED', { court: 'ca2' });
  });

  it('reads entry text holding nested tables once', () => {
    const nestedRows = row(
      '01/02/2025',
      '1',
      '<table><tr><td>01/02/2025</td><td>1</td><td>'.repeat(200) + 'x' + '</td></tr></table>'.repeat(200),
    );
    expect(parseDistrictDocket(districtPage(`<table>${HEADER}${nestedRows}</table>`), { court: 'dcd' }).dockets[0]!.entries).toHaveLength(
      1,
    );
  });

  it('looks at a bounded number of "Docket Text" header look-alikes', () => {
    const lookAlikes = '<table><tr><td>Docket Text</td><td>x</td></tr></table>'.repeat(2_000);
    expect(parseDistrictDocket(districtPage(`<table>${HEADER}</table>` + lookAlikes), { court: 'dcd' }).dockets[0]!.entries).toEqual([]);
    // Past 100 look-alikes the page is not searched further, so no entries table is found.
    expectParseError(parseDistrictDocket, districtPage(lookAlikes + `<table>${HEADER}</table>`), 'PARSE_MALFORMED', { court: 'dcd' });
  });

  it('reads long runs of whitespace in headings, captions, dates and text in linear time', () => {
    const spaces = ' '.repeat(300_000);
    const wide = districtPage(`<table>${HEADER}${row(`01/02/2025${spaces}`, `1${spaces}`, `A${spaces}B`)}</table>`, {
      caption: `Case title: A${spaces}v.${spaces}B`,
      heading: `CIVIL DOCKET FOR CASE #:${spaces}1:25-cv-1`,
    });
    const [docket] = parseDistrictDocket(wide, { court: 'dcd' }).dockets;
    expect(docket).toMatchObject({ caseName: 'A v. B', docketNumber: '1:25-cv-00001' });
    expect(docket!.entries[0]).toMatchObject({ entryNumber: '1', description: 'A B', filedAt: '2025-01-02' });
  });

  it('detection reads only the head of a document', () => {
    expect(detectPacerDocket(`<html><body>${' '.repeat(400_000)}CM/ECF DOCKET FOR CASE #: 1:25-cv-1</body></html>`)).toBe(false);
  });
});
