/**
 * Every juriscraper SCOTUS docket fixture, parsed and compared with juriscraper's expected output.
 *
 * Layout of tests/examples/scotus/dockets (note the inverted names in json/):
 *   json/NAME.compare.json  raw supremecourt.gov JSON (input)    json/NAME.json  juriscraper's output
 *   html/NAME.html, htm/NAME.htm  docket pages (input)           NAME.json       juriscraper's output
 */
import * as fs from 'fs';
import * as path from 'path';
import { normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocket, ParsedDocument } from '@docketwatch/core';
import { parseScotusDocket, parseScotusDocketHtml, parseScotusDocketJson } from './index';

const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const DOCKETS = path.join(EXAMPLES, 'scotus', 'dockets');

interface ExpectedAttachment {
  description: string;
  document_url: string | null;
}
interface ExpectedEntry {
  date_filed: string | null;
  document_number: number | null;
  description: string;
  attachments: ExpectedAttachment[];
}
interface ExpectedDocket {
  docket_number: string;
  case_name: string;
  lower_court_case_numbers: string[] | null;
  docket_entries: ExpectedEntry[];
}

type Kind = 'json' | 'html' | 'htm';

/**
 * Entry and attachment counts per fixture, written out so that a parser change that drops
 * entries, or a fixture that goes missing or appears untested, fails loudly.
 */
const EXPECTED_COUNTS: Record<Kind, Record<string, { entries: number; attachments: number }>> = {
  json: {
    '16-1362': { entries: 29, attachments: 0 },
    '21-1397': { entries: 41, attachments: 71 },
    '23-7483': { entries: 28, attachments: 29 },
    '24-966': { entries: 8, attachments: 14 },
    '24A1': { entries: 2, attachments: 2 },
    '24A100': { entries: 2, attachments: 4 },
  },
  html: {
    '16-1014': { entries: 11, attachments: 0 },
    '16-1265': { entries: 9, attachments: 0 },
    '16A982': { entries: 4, attachments: 0 },
    '16A985': { entries: 2, attachments: 0 },
    '16A989': { entries: 2, attachments: 0 },
    '17-5574': { entries: 4, attachments: 0 },
  },
  htm: {
    '02A1002': { entries: 2, attachments: 0 },
    '06A1001': { entries: 2, attachments: 0 },
    '10A1244': { entries: 2, attachments: 0 },
    '16A668': { entries: 2, attachments: 0 },
  },
};

const PARSERS: Record<Kind, (text: string) => ParsedDocument> = {
  json: parseScotusDocketJson,
  html: parseScotusDocketHtml,
  htm: parseScotusDocketHtml,
};

interface Fixture {
  kind: Kind;
  name: string;
  inputPath: string;
  expectedPath: string;
}

/** Input/expected pairs in one fixture folder, found by listing it (never a hard-coded list). */
function fixturesIn(kind: Kind): Fixture[] {
  const dir = path.join(DOCKETS, kind);
  const inputSuffix = kind === 'json' ? '.compare.json' : `.${kind}`;
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(inputSuffix))
    .sort()
    .map((file) => {
      const name = file.slice(0, -inputSuffix.length);
      return { kind, name, inputPath: path.join(dir, file), expectedPath: path.join(dir, `${name}.json`) };
    });
}

const KINDS: Kind[] = ['json', 'html', 'htm'];
const FIXTURES = KINDS.flatMap(fixturesIn);

function readExpected(fixture: Fixture): ExpectedDocket {
  return JSON.parse(fs.readFileSync(fixture.expectedPath, 'utf8')) as ExpectedDocket;
}

describe('juriscraper SCOTUS docket fixtures', () => {
  it.each(KINDS)('%s/: every input has an expected output and a known entry count', (kind) => {
    const found = fixturesIn(kind);
    expect(found.map((f) => f.name)).toEqual(Object.keys(EXPECTED_COUNTS[kind]).sort());
    for (const fixture of found) expect(fs.existsSync(fixture.expectedPath)).toBe(true);
  });

  describe.each(FIXTURES.map((f) => [`${f.kind}/${f.name}`, f] as const))('%s', (_label, fixture) => {
    const counts = EXPECTED_COUNTS[fixture.kind][fixture.name] ?? { entries: -1, attachments: -1 };
    let input: string;
    let expected: ExpectedDocket;
    let parsed: ParsedDocument;
    let docket: ParsedDocket;

    beforeAll(() => {
      input = fs.readFileSync(fixture.inputPath, 'utf8');
      expected = readExpected(fixture);
      parsed = PARSERS[fixture.kind](input);
      docket = parsed.dockets[0]!;
    });

    it('is one scotus docket with the canonical docket number and juriscraper’s case name', () => {
      expect(parsed.format).toBe('scotus-docket');
      expect(parsed.dockets).toHaveLength(1);
      expect(docket.court).toBe('scotus');
      expect(docket.pacerCaseId).toBeNull();
      expect(docket.docketNumber).toBe(normaliseDocketNumber(expected.docket_number));
      expect(docket.caseName).toBe(expected.case_name);
    });

    it('names the same lower-court cases as juriscraper', () => {
      expect(docket.lowerCourtCases).toEqual(expected.lower_court_case_numbers ?? []);
    });

    it('has exactly the expected entries and attachments', () => {
      expect(docket.entries).toHaveLength(counts.entries);
      expect(expected.docket_entries).toHaveLength(counts.entries);
      const attachments = docket.entries.reduce((sum, entry) => sum + entry.attachments.length, 0);
      expect(attachments).toBe(counts.attachments);
    });

    it('matches juriscraper entry by entry: date, number, description, attachments', () => {
      const actual = docket.entries.map((entry) => ({
        date_filed: entry.filedAt,
        document_number: entry.entryNumber,
        description: entry.description,
        attachments: entry.attachments.map((a) => ({ description: a.description, document_url: a.documentUrl })),
      }));
      const wanted = expected.docket_entries.map((entry) => ({
        date_filed: entry.date_filed,
        document_number: entry.document_number === null ? null : String(entry.document_number),
        description: entry.description,
        attachments: entry.attachments.map((a) => ({ description: a.description, document_url: a.document_url })),
      }));
      expect(actual).toEqual(wanted);
    });

    it('fills the fields juriscraper has no counterpart for consistently', () => {
      for (const entry of docket.entries) {
        expect(entry.filedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(entry.shortDescription).toBe('');
        expect(entry.pacerDocId).toBeNull();
        entry.attachments.forEach((attachment, index) => {
          expect(attachment.attachmentNumber).toBe(index + 1);
          expect(attachment.pacerDocId).toBeNull();
        });
        const main = entry.attachments.find((a) => a.description === 'Main Document') ?? entry.attachments[0];
        if (main) expect(entry.documentUrl).toBe(main.documentUrl);
      }
    });

    it('comes out the same through parseScotusDocket', () => {
      expect(parseScotusDocket(input)).toEqual(parsed);
    });
  });

  it('links an opinion entry to the opinion the entry text links to (json/23-7483)', () => {
    const fixture = FIXTURES.find((f) => f.kind === 'json' && f.name === '23-7483')!;
    const { entries } = parseScotusDocketJson(fs.readFileSync(fixture.inputPath, 'utf8')).dockets[0]!;
    const opinion = entries.find((entry) => entry.description.startsWith('Judgment VACATED'))!;
    expect(opinion.attachments).toEqual([]);
    expect(opinion.documentUrl).toBe('https://www.supremecourt.gov/opinions/24pdf/23-7483_6k4c.pdf');
  });
});
