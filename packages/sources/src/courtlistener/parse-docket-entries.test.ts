import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseError, type ErrorCode } from '@docketwatch/core';
import { parseDocketEntriesPage, type DocketEntriesContext } from './parse-docket-entries';

const testdata = (name: string): string => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');

const CONTEXT: DocketEntriesContext = { court: 'dcd', docketNumber: '1:24-cv-1234', caseName: 'Example Corp. v. Sample Agency' };
const STORAGE = 'https://storage.courtlistener.com/recap/gov.uscourts.dcd.262001';
const SITE = 'https://www.courtlistener.com/docket/68571705';

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('parseDocketEntriesPage: a page of the docket-entry API', () => {
  const page1 = parseDocketEntriesPage(testdata('docket-entries-page-1.json'), CONTEXT);
  const page2 = parseDocketEntriesPage(testdata('docket-entries-page-2.json'), CONTEXT);

  it('reports one docket in the courtlistener format, with the caller’s court and canonical number', () => {
    expect(page1.document.format).toBe('courtlistener');
    expect(page1.document.dockets).toHaveLength(1);
    expect(page1.document.dockets[0]).toMatchObject({
      court: 'dcd',
      docketNumber: '1:24-cv-01234',
      caseName: 'Example Corp. v. Sample Agency',
      pacerCaseId: null,
    });
  });

  it('gives the next page link, or null on the last page', () => {
    expect(page1.next).toBe(
      'https://www.courtlistener.com/api/rest/v4/docket-entries/?date_filed__gte=2024-03-01&docket=68571705&order_by=recap_sequence_number%2Cid&page=2',
    );
    expect(page2.next).toBeNull();
  });

  it('reports the highest RECAP sequence number on the page', () => {
    expect(page1.lastSequence).toBe('2024-04-02.001');
    expect(page2.lastSequence).toBe('2024-04-15.002');
  });

  it('reads an entry with a time, a stored main document and attachments', () => {
    expect(page1.document.dockets[0]!.entries[0]).toEqual({
      entryNumber: '1',
      // 09:15:27 in Washington on 4 March 2024 (standard time).
      filedAt: '2024-03-04T09:15:27-05:00',
      shortDescription: 'Complaint',
      description:
        'COMPLAINT against SAMPLE AGENCY ( Filing fee $ 405 receipt number ADCDC-10000001) filed by EXAMPLE CORP.. (Attachments: # 1 Civil Cover Sheet, # 2 Summons)(Doe, Jane) (Entered: 03/04/2024)',
      documentUrl: `${STORAGE}/gov.uscourts.dcd.262001.1.0.pdf`,
      pacerDocId: '045010000001',
      attachments: [
        // Sorted by attachment number; a stored attachment links its file, another its page.
        {
          attachmentNumber: 1,
          description: 'Civil Cover Sheet',
          documentUrl: `${STORAGE}/gov.uscourts.dcd.262001.1.1.pdf`,
          pacerDocId: '045010000002',
        },
        {
          attachmentNumber: 2,
          description: 'Summons',
          documentUrl: `${SITE}/1/2/example-corp-v-sample-agency/`,
          pacerDocId: '045010000003',
        },
      ],
    });
  });

  it.each([
    // [what, page, index, expected fields]
    [
      'no time: a plain date; a document CourtListener lacks links its page',
      1,
      1,
      {
        entryNumber: '2',
        filedAt: '2024-04-02',
        documentUrl: `${SITE}/2/example-corp-v-sample-agency/`,
        pacerDocId: '045010000004',
        attachments: [],
      },
    ],
    [
      'a sealed document links its page, never a file; daylight time gives -04:00',
      2,
      0,
      {
        entryNumber: '3',
        filedAt: '2024-04-15T16:45:00-04:00',
        documentUrl: `${SITE}/3/example-corp-v-sample-agency/`,
        shortDescription: 'Sealed Motion for Leave to File Document Under Seal',
      },
    ],
    [
      'an unnumbered minute entry has no number, document or short description',
      2,
      1,
      { entryNumber: null, filedAt: '2024-04-15', documentUrl: null, pacerDocId: null, shortDescription: '', attachments: [] },
    ],
    [
      'no date_filed: the day CourtListener stored it, in the court’s zone',
      2,
      2,
      { entryNumber: '4', filedAt: '2024-04-17', documentUrl: `${STORAGE}/gov.uscourts.dcd.262001.4.0.pdf` },
    ],
  ] as const)('%s', (_what, page, index, expected) => {
    const entries = (page === 1 ? page1 : page2).document.dockets[0]!.entries;
    expect(entries[index]).toMatchObject(expected);
  });

  it('reads a cursor page (count is a URL) and keeps an appellate entry number’s leading zeros', () => {
    const page = parseDocketEntriesPage(testdata('docket-entries-cursor-page.json'), { court: 'ca4', docketNumber: '24-1001' });
    expect(page.next).toContain('cursor=');
    expect(page.document.dockets[0]!.entries).toEqual([
      {
        entryNumber: '00409219066',
        filedAt: '2024-05-01T12:08:02-04:00',
        shortDescription: 'Informal briefing order filed',
        description: 'INFORMAL BRIEFING ORDER filed. Mailed to: Example Corp.. Informal Opening Brief due 05/28/2024.',
        documentUrl: 'https://www.courtlistener.com/docket/70111222/00409219066/example-corp-v-sample-agency/',
        pacerDocId: '00409219066',
        attachments: [],
      },
    ]);
  });

  it('uses the court’s own time zone for times', () => {
    const json = JSON.stringify({
      next: null,
      results: [{ entry_number: 7, date_filed: '2024-07-01', time_filed: '08:00:00.123456', description: 'x' }],
    });
    const at = (court: string): string =>
      parseDocketEntriesPage(json, { court, docketNumber: '1' }).document.dockets[0]!.entries[0]!.filedAt;
    expect(at('cand')).toBe('2024-07-01T08:00:00-07:00');
    expect(at('azd')).toBe('2024-07-01T08:00:00-07:00');
    expect(at('txnd')).toBe('2024-07-01T08:00:00-05:00');
    expect(at('hid')).toBe('2024-07-01T08:00:00-10:00');
    // Courts missing from CourtListener's table get its default, US/Eastern.
    expect(at('zzz')).toBe('2024-07-01T08:00:00-04:00');
  });

  it('drops entries at or before afterSequence (numerically: .1000 follows .999)', () => {
    const json = JSON.stringify({
      next: null,
      results: [
        { entry_number: 1, date_filed: '2024-01-02', recap_sequence_number: '2024-01-02.999' },
        { entry_number: 2, date_filed: '2024-01-02', recap_sequence_number: '2024-01-02.1000' },
        { entry_number: 3, date_filed: '2024-01-01', recap_sequence_number: '' },
      ],
    });
    const page = parseDocketEntriesPage(json, { ...CONTEXT, afterSequence: '2024-01-02.999' });
    expect(page.document.dockets[0]!.entries.map((e) => e.entryNumber)).toEqual(['2']);
    expect(page.lastSequence).toBe('2024-01-02.1000');
  });

  it('treats an empty page as a docket with no entries yet', () => {
    const page = parseDocketEntriesPage('{"next": null, "previous": null, "results": []}', CONTEXT);
    expect(page.document.dockets[0]!.entries).toEqual([]);
    expect(page.lastSequence).toBeNull();
  });

  it('never builds a link off CourtListener’s hosts from the paths it sends', () => {
    const urlFor = (doc: Record<string, unknown>): string | null => {
      const json = JSON.stringify({
        results: [{ entry_number: 1, date_filed: '2024-01-02', recap_documents: [{ document_type: 1, ...doc }] }],
      });
      return parseDocketEntriesPage(json, CONTEXT).document.dockets[0]!.entries[0]!.documentUrl;
    };
    expect(new URL(urlFor({ is_available: true, filepath_local: '//evil.example/x.pdf' })!).host).toBe('storage.courtlistener.com');
    expect(urlFor({ is_available: false, absolute_url: 'https://evil.example/docket/1/' })).toBeNull();
    expect(urlFor({ is_available: false, absolute_url: 'javascript:alert(1)' })).toBeNull();
  });

  it.each<[string, string, ErrorCode, DocketEntriesContext?]>([
    ['an empty body', '  ', 'PARSE_EMPTY'],
    ['an HTML maintenance page', '<!DOCTYPE html><html><title>Down for maintenance</title></html>', 'PARSE_ERROR_PAGE'],
    ['a DRF error body', '{"detail": "Invalid cursor"}', 'PARSE_ERROR_PAGE'],
    ['a body cut off in transit', testdata('docket-entries-page-1.json').slice(0, 700), 'PARSE_TRUNCATED'],
    ['broken JSON', '{"results": [}', 'PARSE_MALFORMED'],
    ['a JSON list', '[1, 2]', 'PARSE_UNRECOGNISED'],
    ['JSON without results', '{"count": 0}', 'PARSE_UNRECOGNISED'],
    ['a result that is not an object', '{"results": [42]}', 'PARSE_MALFORMED'],
    ['a text entry number', '{"results": [{"entry_number": "twelve", "date_filed": "2024-01-01"}]}', 'PARSE_MALFORMED'],
    ['a date in another format', '{"results": [{"entry_number": 1, "date_filed": "01/02/2024"}]}', 'PARSE_MALFORMED'],
    ['a time in another format', '{"results": [{"entry_number": 1, "date_filed": "2024-01-02", "time_filed": "9am"}]}', 'PARSE_MALFORMED'],
    [
      'documents that are not a list',
      '{"results": [{"entry_number": 1, "date_filed": "2024-01-02", "recap_documents": {}}]}',
      'PARSE_MALFORMED',
    ],
    ['an entry with no date at all', '{"results": [{"entry_number": 1, "date_filed": null, "date_created": null}]}', 'PARSE_MALFORMED'],
    ['a next link that is not a URL', '{"next": "page 2", "results": []}', 'PARSE_MALFORMED'],
    ['an entry of another docket', testdata('docket-entries-page-1.json'), 'PARSE_MALFORMED', { ...CONTEXT, courtListenerDocketId: 1 }],
  ])('rejects %s', (_what, json, code, context = CONTEXT) => {
    expect(parseError(() => parseDocketEntriesPage(json, context)).code).toBe(code);
  });
});
