/**
 * Every juriscraper CM/ECF docket-report fixture, parsed and compared with juriscraper's expected output.
 *
 * Layout of tests/examples/pacer/dockets:
 *   district/NAME.html, appellate/NAME.html, fake-rss/NAME.html   docket pages      NAME.json  juriscraper's output
 *   acms/NAME.acms_json                                            ACMS docket JSON  NAME.json
 *   not_dockets/NAME.html                                          what PACER serves instead of a docket; NAME.json is {}
 * district/dcd_2.json is {} too: that page is a PACER error ("Invalid date_from"), not a docket.
 *
 * "fake-rss" pages are the one-entry dockets that RECAP uploaders (Big Cases' recapupload.py) build
 * from a CM/ECF RSS item: a heading with the docket number, the entries table, no parties. They are
 * district docket pages as far as parsing goes.
 *
 * Mapping from juriscraper's output to ours:
 * - court: juriscraper is told the court (its tests take it from the file name's prefix); we read
 *   it from the page's document links and check it agrees. district/dcd_1 (no links) and ACMS JSON
 *   name no court, so for them it comes from the file name through options.court, as in juriscraper.
 * - docket_number: ours is canonical (normaliseDocketNumber); juriscraper's are already in that form.
 * - date_filed: a plain YYYY-MM-DD. ACMS's expected values are midnight datetimes ("2023-09-29T00:00:00")
 *   built from a date; we keep the date (the contract: no time unless the source gives one).
 * - document_number: ours is a string (ACMS's expected values are numbers).
 * - description: juriscraper's clean_court_object() collapses whitespace for district and appellate
 *   pages, and we match it exactly. For ACMS it keeps the HTML's newlines and NBSPs; we collapse
 *   whitespace there too, like every other docketwatch parser, so ACMS descriptions are compared
 *   with whitespace collapsed.
 * - pacer_doc_id: identical (fourth digit zeroed as juriscraper does; ACMS's is the entry GUID).
 * - attachments: juriscraper has them only where the page shows the "View multiple documents" table
 *   (cand_7, dcd_3); we compare number, description and document id, and have none elsewhere.
 * - pacer case id: juriscraper is given it rather than reading it (only ACMS reports one); ours is read
 *   from the page and checked against PACER_CASE_IDS below (some file names carry it too).
 * - short_description: juriscraper has none for docket reports; ours is always "".
 */
import * as fs from 'fs';
import * as path from 'path';
import { ParseError, normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument } from '@docketwatch/core';
import { pacerDocIdFromUrl } from '../pacer-rss/pacer-ids';
import { detectPacerDocket, parseAcmsDocket, parseAppellateDocket, parseDistrictDocket, parsePacerDocket } from './index';

const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const DOCKETS = path.join(EXAMPLES, 'pacer', 'dockets');

interface ExpectedAttachment {
  attachment_number: number;
  description: string;
  pacer_doc_id: string | null;
}
interface ExpectedEntry {
  date_filed: string;
  document_number: string | number | null;
  description: string;
  pacer_doc_id: string | null;
  attachments?: ExpectedAttachment[];
}
interface ExpectedDocket {
  court_id: string;
  docket_number: string;
  case_name: string;
  pacer_case_id?: string;
  docket_entries: ExpectedEntry[];
}

type Kind = 'district' | 'appellate' | 'acms' | 'fake-rss';

/**
 * Entry and attachment counts per fixture, written out so that a parser change that drops entries,
 * or a fixture that goes missing or appears untested, fails loudly.
 */
const EXPECTED_COUNTS: Record<Kind, Record<string, { entries: number; attachments: number }>> = {
  district: {
    azd: { entries: 23, attachments: 0 },
    cand_7: { entries: 6, attachments: 3 },
    dcd_1: { entries: 0, attachments: 0 },
    dcd_3: { entries: 7, attachments: 10 },
    jpml: { entries: 10, attachments: 0 },
    lamd: { entries: 57, attachments: 0 },
    ncwd_1: { entries: 159, attachments: 0 },
    njd_365922: { entries: 3, attachments: 0 },
    nvd_128568: { entries: 5, attachments: 0 },
    nyed: { entries: 21, attachments: 0 },
    nysd_4: { entries: 87, attachments: 0 },
    vaed: { entries: 58, attachments: 0 },
  },
  appellate: {
    ca5_212643: { entries: 30, attachments: 0 },
    ca9_1: { entries: 10, attachments: 0 },
    cadc_1: { entries: 7, attachments: 0 },
  },
  acms: {
    'ca2_23-7222': { entries: 4, attachments: 0 },
    'ca9_23-2412': { entries: 8, attachments: 0 },
  },
  'fake-rss': {
    dcd: { entries: 1, attachments: 0 },
    mad: { entries: 1, attachments: 0 },
  },
};

/** Fixtures whose expected output is {}: pages that are not dockets. */
const NOT_DOCKETS = ['district/dcd_2', 'not_dockets/cacd_628915', 'not_dockets/dcd_191424', 'not_dockets/mad_194918'];

/** Dockets that name no court (no document links; ACMS JSON never does). */
const NO_COURT_IN_DOCUMENT = new Set(['district/dcd_1', 'acms/ca2_23-7222', 'acms/ca9_23-2412']);

/**
 * PACER case ids as the pages give them (goDLS() and doDocPostURL() arguments, caseId parameters,
 * hidden caseid inputs); njd_365922, nvd_128568 and ca5_212643 carry theirs in the file name too.
 * dcd_1 has no document links and no form, so no case id.
 */
const PACER_CASE_IDS: Record<string, string | null> = {
  'district/azd': '1026241',
  'district/cand_7': '417880',
  'district/dcd_1': null,
  'district/dcd_3': '223205',
  'district/jpml': '547804',
  'district/lamd': '53012',
  'district/ncwd_1': '2162',
  'district/njd_365922': '365922',
  'district/nvd_128568': '128568',
  'district/nyed': '364605',
  'district/nysd_4': '551063',
  'district/vaed': '442627',
  'appellate/ca5_212643': '212643',
  'appellate/ca9_1': '289646',
  'appellate/cadc_1': '39014',
  'fake-rss/dcd': '190598',
  'fake-rss/mad': '194728',
  'acms/ca2_23-7222': '9f5ae37f-c44e-4194-b075-3f8f028559c4',
  'acms/ca9_23-2412': 'f9f5230d-a95c-ee11-a81c-001dd80ad0b3',
};

const PARSERS: Record<Kind, (text: string, options?: { court?: string }) => ParsedDocument> = {
  district: parseDistrictDocket,
  'fake-rss': parseDistrictDocket,
  appellate: parseAppellateDocket,
  acms: parseAcmsDocket,
};

const KINDS: Kind[] = ['district', 'appellate', 'acms', 'fake-rss'];

interface Fixture {
  kind: Kind;
  name: string;
  label: string;
  inputPath: string;
  expectedPath: string;
}

const inputSuffix = (kind: Kind): string => (kind === 'acms' ? '.acms_json' : '.html');

/** Input/expected pairs in one fixture folder, found by listing it (never a hard-coded list). */
function fixturesIn(kind: Kind): Fixture[] {
  const dir = path.join(DOCKETS, kind);
  const suffix = inputSuffix(kind);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => {
      const name = file.slice(0, -suffix.length);
      return { kind, name, label: `${kind}/${name}`, inputPath: path.join(dir, file), expectedPath: path.join(dir, `${name}.json`) };
    })
    .filter((fixture) => !NOT_DOCKETS.includes(fixture.label));
}

const FIXTURES = KINDS.flatMap(fixturesIn);

/** juriscraper's tests name the court by the file name's prefix: "njd_365922" is njd. */
const courtFromFileName = (name: string): string => name.split('_')[0]!;

const readText = (file: string): string => fs.readFileSync(file, 'utf8');

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function parseErrorOf(parse: () => unknown): ParseError {
  try {
    parse();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw new Error(`expected a ParseError, got ${String(err)}`);
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

describe('juriscraper CM/ECF docket report fixtures', () => {
  it.each(KINDS)('%s/: every input has an expected output and a known entry count', (kind) => {
    const found = fixturesIn(kind);
    expect(found.map((f) => f.name)).toEqual(Object.keys(EXPECTED_COUNTS[kind]).sort());
    for (const fixture of found) expect(fs.existsSync(fixture.expectedPath)).toBe(true);
  });

  it('not_dockets/ holds exactly the known pages, each expected as {}', () => {
    const dir = path.join(DOCKETS, 'not_dockets');
    const pages = fs.readdirSync(dir).filter((file) => file.endsWith('.html'));
    expect(pages.map((file) => `not_dockets/${file.slice(0, -'.html'.length)}`).sort()).toEqual(
      NOT_DOCKETS.filter((l) => l.startsWith('not_dockets/')),
    );
    for (const label of NOT_DOCKETS) expect(JSON.parse(readText(path.join(DOCKETS, `${label}.json`)))).toEqual({});
  });

  it('knows the PACER case id of every docket fixture', () => {
    expect(Object.keys(PACER_CASE_IDS).sort()).toEqual(FIXTURES.map((f) => f.label).sort());
  });

  describe.each(FIXTURES.map((f) => [f.label, f] as const))('%s', (label, fixture) => {
    const counts = EXPECTED_COUNTS[fixture.kind][fixture.name] ?? { entries: -1, attachments: -1 };
    const options = { court: courtFromFileName(fixture.name) };
    let input: string;
    let expected: ExpectedDocket;
    let parsed: ParsedDocument;
    let docket: ParsedDocket;

    beforeAll(() => {
      input = readText(fixture.inputPath);
      expected = JSON.parse(readText(fixture.expectedPath)) as ExpectedDocket;
      parsed = PARSERS[fixture.kind](input, options);
      docket = parsed.dockets[0]!;
    });

    it('is one pacer-docket docket with juriscraper’s court, docket number and case name', () => {
      expect(parsed.format).toBe('pacer-docket');
      expect(parsed.dockets).toHaveLength(1);
      expect(docket.court).toBe(expected.court_id);
      expect(docket.docketNumber).toBe(normaliseDocketNumber(expected.docket_number));
      expect(docket.docketNumber).toBe(expected.docket_number);
      expect(docket.caseName).toBe(expected.case_name);
    });

    it('reads the PACER case id', () => {
      expect(docket.pacerCaseId).toBe(PACER_CASE_IDS[label]);
      if (expected.pacer_case_id !== undefined) expect(docket.pacerCaseId).toBe(expected.pacer_case_id);
    });

    it('finds the court in the document itself, or requires it', () => {
      if (NO_COURT_IN_DOCUMENT.has(label)) {
        expect(parseErrorOf(() => PARSERS[fixture.kind](input)).code).toBe('PARSE_MALFORMED');
      } else {
        expect(PARSERS[fixture.kind](input).dockets[0]!.court).toBe(expected.court_id);
        // The page's own server wins over a caller's guess.
        expect(PARSERS[fixture.kind](input, { court: 'mdd' }).dockets[0]!.court).toBe(expected.court_id);
      }
    });

    it('has exactly the expected entries and attachments', () => {
      expect(docket.entries).toHaveLength(counts.entries);
      expect(expected.docket_entries).toHaveLength(counts.entries);
      const attachments = docket.entries.reduce((sum, entry) => sum + entry.attachments.length, 0);
      expect(attachments).toBe(counts.attachments);
    });

    it('matches juriscraper entry by entry: date, number, description, PACER document id, attachments', () => {
      const actual = docket.entries.map((entry) => ({
        date_filed: entry.filedAt,
        document_number: entry.entryNumber,
        description: entry.description,
        pacer_doc_id: entry.pacerDocId,
        attachments: entry.attachments.map((a) => ({
          attachment_number: a.attachmentNumber,
          description: a.description,
          pacer_doc_id: a.pacerDocId,
        })),
      }));
      const wanted = expected.docket_entries.map((entry) => ({
        date_filed: entry.date_filed.slice(0, 10),
        document_number: entry.document_number === null ? null : String(entry.document_number),
        description: fixture.kind === 'acms' ? collapse(entry.description) : entry.description,
        pacer_doc_id: entry.pacer_doc_id,
        attachments: (entry.attachments ?? []).map((a) => ({
          attachment_number: a.attachment_number,
          description: a.description,
          pacer_doc_id: a.pacer_doc_id,
        })),
      }));
      expect(actual).toEqual(wanted);
    });

    it('links each document to its own court’s server', () => {
      for (const entry of docket.entries) {
        expect(entry.filedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(entry.shortDescription).toBe('');
        if (fixture.kind === 'acms' || entry.pacerDocId === null) {
          // ACMS documents have no URL; a docket-report entry without a document id had no link.
          expect(entry.documentUrl).toBeNull();
          continue;
        }
        expect(entry.documentUrl).toMatch(new RegExp(`^https://ecf\\.${docket.court}\\.uscourts\\.gov/docs?1/\\d+`));
        expect(pacerDocIdFromUrl(entry.documentUrl!)).toBe(entry.pacerDocId);
        entry.attachments.forEach((attachment) => {
          expect(attachment.documentUrl).toMatch(new RegExp(`^https://ecf\\.${docket.court}\\.uscourts\\.gov/doc1/\\d+`));
          expect(pacerDocIdFromUrl(attachment.documentUrl!)).toBe(attachment.pacerDocId);
        });
      }
    });

    it('comes out the same through parsePacerDocket, and is detected as a docket report', () => {
      expect(parsePacerDocket(input, options)).toEqual(parsed);
      expect(detectPacerDocket(input)).toBe(true);
    });
  });

  describe.each(NOT_DOCKETS)('%s (not a docket)', (label) => {
    const input = (): string => readText(path.join(DOCKETS, `${label}.html`));

    it('is rejected as a PACER error page, with what the page said', () => {
      const err = parseErrorOf(() => parsePacerDocket(input(), { court: courtFromFileName(path.basename(label)) }));
      expect(err.code).toBe('PARSE_ERROR_PAGE');
      expect(err.retryable).toBe(false);
      expect(String(err.context['errorPage'])).not.toBe('');
      expect(parseErrorOf(() => parseDistrictDocket(input())).code).toBe('PARSE_ERROR_PAGE');
    });

    it('is not detected as a docket report', () => {
      expect(detectPacerDocket(input())).toBe(false);
    });
  });

  it('reports what each error page said', () => {
    const said = (label: string): unknown =>
      parseErrorOf(() => parsePacerDocket(readText(path.join(DOCKETS, `${label}.html`)))).context['errorPage'];
    expect(said('district/dcd_2')).toBe('Invalid date_from: 12/13/219');
    expect(said('not_dockets/cacd_628915')).toBe('The start date must be less than or equal to the end date');
    expect(said('not_dockets/dcd_191424')).toBe(
      'Incomplete request. Please try your query again by choosing the Query or Reports option from the main menu.',
    );
    expect(said('not_dockets/mad_194918')).toBe('Request Time-out');
  });

  it('keeps a plain date where juriscraper gives ACMS entries a midnight time', () => {
    const fixture = FIXTURES.find((f) => f.label === 'acms/ca2_23-7222')!;
    const { entries } = parseAcmsDocket(readText(fixture.inputPath), { court: 'ca2' }).dockets[0]!;
    expect(entries.map((e) => e.filedAt)).toEqual(['2023-09-29', '2023-09-29', '2023-10-02', '2023-10-02']);
  });
});

describe('detectPacerDocket on other formats', () => {
  const filesIn = (dir: string, suffix: string): string[] =>
    fs
      .readdirSync(path.join(EXAMPLES, dir))
      .filter((file) => file.endsWith(suffix))
      .map((file) => path.join(EXAMPLES, dir, file));

  it.each([
    ['supremecourt.gov docket pages', filesIn('scotus/dockets/html', '.html')],
    ['supremecourt.gov legacy docket pages', filesIn('scotus/dockets/htm', '.htm')],
    ['supremecourt.gov docket JSON', filesIn('scotus/dockets/json', '.compare.json')],
    ['CM/ECF RSS feeds', filesIn('pacer/rss_feeds', '.xml')],
    ['Notices of Electronic Filing', filesIn('pacer/nef/s3', '.txt')],
  ])('is false for %s', (_what, files) => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([path.basename(file), detectPacerDocket(readText(file))]).toEqual([path.basename(file), false]);
  });
});
