import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseDocketNumber, ParseError } from '@docketwatch/core';
import type { ParsedAttachment, ParsedDocument } from '@docketwatch/core';
import { simpleParser } from 'mailparser';
import { offsetMinutesOfWallTime } from '@docketwatch/core';
import { NEF_COURT_TIME_ZONES } from './court-zones';
import { looksLikeNefEmail } from './detect-nef-email';
import { parseNefEmail, parseNefMessage } from './parse-nef-email';
import { readTransactionTime } from './transaction-time';

/** /work/main and /work/shared are siblings, locally and in CI. Fixtures are read in place, never copied. */
const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const NEF_S3 = path.join(EXAMPLES, 'pacer', 'nef', 's3');

const fixtureNames = readdirSync(NEF_S3)
  .filter((name) => name.endsWith('.txt'))
  .sort();

/** Raw bytes: the message declares its own charsets and transfer encodings. */
const readFixture = (name: string): Buffer => readFileSync(path.join(NEF_S3, name));

// ---------------------------------------------------------------------------------------------
// juriscraper's expected output
// ---------------------------------------------------------------------------------------------

interface JuriscraperEntry {
  date_filed: string;
  description: string;
  document_number: string | null;
  document_url: string | null;
  pacer_case_id: string | null;
  pacer_doc_id: string | null;
  short_description: string;
}

interface JuriscraperDocket {
  case_name: string;
  docket_number: string;
  docket_entries: JuriscraperEntry[];
}

interface JuriscraperNotice {
  court_id?: string;
  contains_attachments?: boolean;
  dockets?: JuriscraperDocket[];
}

const readExpected = (name: string): JuriscraperNotice =>
  JSON.parse(readFileSync(path.join(NEF_S3, name.replace(/\.txt$/, '.json')), 'utf8')) as JuriscraperNotice;

/**
 * Every fixture, with exact counts so a regression cannot pass by producing less: `dockets` (one per
 * case the notice covers; each has exactly one entry, the filing), `attachments` per docket, and
 * `filedAt` checked by hand against the notice's "entered on … at … and filed on …" sentence.
 * `null` marks the two fixtures that are not NEFs (juriscraper's expected output is `{}`).
 */
const FIXTURES: Record<string, { dockets: number; attachments: number[]; filedAt: string } | null> = {
  'almd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-08-09T11:53:00-05:00' }, // 11:53 AM CDT
  // "9:52 AM", no zone printed: D.D.C.'s zone from our table (EDT since 10 March 2019).
  'almd_3_plain.txt': { dockets: 1, attachments: [0], filedAt: '2019-03-15T09:52:00-04:00' },
  'alsd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-06-28T11:13:00-05:00' }, // 11:13 AM CDT
  'ared_1.txt': { dockets: 1, attachments: [1], filedAt: '2021-06-28T12:32:00-05:00' }, // 12:32 PM CDT
  'arwd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-06-28T13:39:00-05:00' }, // 1:39 PM CDT
  'cand_1.txt': { dockets: 1, attachments: [0], filedAt: '2023-01-13T19:23:00-08:00' }, // 7:23 PM PST
  'cand_2.txt': null, // a courtroom deputy's e-mail about a hearing
  'ctb_multi_1.txt': { dockets: 2, attachments: [2, 2], filedAt: '2024-11-21T22:04:00-05:00' }, // 10:04 PM EST
  'ded_1.txt': { dockets: 1, attachments: [2], filedAt: '2022-08-03T12:36:00-04:00' }, // 12:36 PM EDT
  'flmd_1_plain.txt': { dockets: 1, attachments: [0], filedAt: '2025-04-08T16:18:00-04:00' }, // 4:18 PM EDT
  'gand_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-07-30T09:43:00-04:00' }, // 9:43 AM EDT
  'ilnd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-08-12T19:08:00-05:00' }, // 7:08 PM CDT
  'jpml_1.txt': { dockets: 4, attachments: [1, 1, 1, 1], filedAt: '2022-10-09T15:14:00-04:00' }, // 3:14 PM EDT
  'laed_1.txt': { dockets: 1, attachments: [5], filedAt: '2022-08-10T12:42:00-05:00' }, // 12:42 PM CDT
  'mdb_multi_1.txt': { dockets: 2, attachments: [0, 0], filedAt: '2024-09-25T10:51:00-04:00' }, // 10:51 AM EDT
  'njd_1.txt': { dockets: 1, attachments: [0], filedAt: '2023-01-30T16:56:00-05:00' }, // 4:56 PM EST
  'nyed_1.txt': { dockets: 1, attachments: [9], filedAt: '2022-08-01T20:02:00-04:00' }, // 8:02 PM EDT
  'nysd_1.txt': { dockets: 1, attachments: [1], filedAt: '2022-08-04T16:06:00-04:00' }, // 4:06 PM EDT
  'nysd_2.txt': { dockets: 1, attachments: [4], filedAt: '2022-08-08T18:05:00-04:00' }, // 6:05 PM EDT
  'ohnd_1.txt': { dockets: 1, attachments: [4], filedAt: '2022-08-08T19:36:00-04:00' }, // 7:36 PM EDT
  'ohsd_1.txt': null, // a chambers' ZoomGov invitation
  'oknd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-08-09T14:41:00-05:00' }, // 2:41 PM CDT
  'ord_1.txt': { dockets: 1, attachments: [0], filedAt: '2025-08-13T13:00:00-07:00' }, // 1:00 PM PDT
  'txnd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-08-16T13:27:00-05:00' }, // 1:27 PM CDT
  'txsd_1.txt': { dockets: 1, attachments: [3], filedAt: '2022-08-10T18:47:00-05:00' }, // 6:47 PM CDT
  'txwd_1.txt': { dockets: 1, attachments: [0], filedAt: '2021-06-25T14:13:00-05:00' }, // 2:13 PM CDT
  'vaed_1.txt': { dockets: 1, attachments: [0], filedAt: '2022-10-05T11:42:00-04:00' }, // 11:42 AM EDT
};

const nefFixtures = fixtureNames.filter((name) => FIXTURES[name] !== null);
const otherMail = fixtureNames.filter((name) => FIXTURES[name] === null);

/**
 * juriscraper's harness names the court after the fixture file. almd_3_plain is not an almd notice:
 * its header says "District of Columbia", it was sent from dcd.uscourts.gov and every link goes to
 * ecf.dcd.uscourts.gov (it is the Manafort case). We take the court from the links, so "dcd".
 */
const COURT_FROM_FIXTURE_NAME: Record<string, string> = { 'almd_3_plain.txt': 'dcd' };

/**
 * Where we deliberately differ from juriscraper, per fixture. flmd_1_plain's case name wraps onto a
 * second line in the plain-text notice ("Heartbeat of Miami, Inc. v." / "Jane's Revenge et al");
 * juriscraper reads only the first line, and so also leaves "Jane's Revenge et al" at the front of
 * the event it cuts out of the subject. We read the whole field.
 */
const OUR_CASE_NAME: Record<string, string> = { 'flmd_1_plain.txt': "Heartbeat of Miami, Inc. v. Jane's Revenge" };
const OUR_SHORT_DESCRIPTION: Record<string, string> = { 'flmd_1_plain.txt': 'Order on Motion for Extension of Time to File' };

/**
 * Docket text: juriscraper runs it through clean_string(), which deletes every "#" and "*"
 * ("(Attachments: # (1) Exhibit A" -> "(Attachments: (1) Exhibit A", "Receipt #NotDue" -> "Receipt
 * NotDue"). We keep the docket text as the court wrote it, because it is legal text shown to people,
 * and compare after applying the same deletion to ours.
 */
const asJuriscraperDescription = (text: string): string => text.replace(/[#*]/g, '').replace(/\s+/g, ' ').trim();

interface Compared {
  court: string;
  docketNumber: string;
  caseName: string;
  pacerCaseId: string | null;
  entries: {
    filedOn: string;
    entryNumber: string | null;
    pacerDocId: string | null;
    shortDescription: string;
    description: string;
    documentUrl: string | null;
  }[];
}

function compared(document: ParsedDocument): Compared[] {
  return document.dockets.map(({ court, docketNumber, caseName, pacerCaseId, entries }) => ({
    court,
    docketNumber,
    caseName,
    pacerCaseId,
    entries: entries.map((entry) => ({
      // juriscraper gives the filed date only; the time is checked against FIXTURES.
      filedOn: entry.filedAt.slice(0, 10),
      entryNumber: entry.entryNumber,
      pacerDocId: entry.pacerDocId,
      shortDescription: entry.shortDescription,
      description: asJuriscraperDescription(entry.description),
      documentUrl: entry.documentUrl,
    })),
  }));
}

/**
 * juriscraper's output in our shape: court from the file (see above), docket numbers canonical,
 * the PACER case id moved from its entry (juriscraper keeps it there) to its docket.
 */
function expectedFor(name: string): Compared[] {
  const expected = readExpected(name);
  return (expected.dockets ?? []).map((docket) => ({
    court: COURT_FROM_FIXTURE_NAME[name] ?? expected.court_id ?? '',
    docketNumber: normaliseDocketNumber(docket.docket_number),
    caseName: OUR_CASE_NAME[name] ?? docket.case_name,
    pacerCaseId: docket.docket_entries[0]?.pacer_case_id ?? null,
    entries: docket.docket_entries.map((entry) => ({
      filedOn: entry.date_filed,
      entryNumber: entry.document_number,
      pacerDocId: entry.pacer_doc_id,
      shortDescription: OUR_SHORT_DESCRIPTION[name] ?? entry.short_description,
      description: entry.description,
      documentUrl: entry.document_url,
    })),
  }));
}

const parseFixture = (name: string): Promise<ParsedDocument> => parseNefEmail(readFixture(name));

async function parseError(promise: Promise<unknown>): Promise<ParseError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('parseNefEmail against juriscraper fixtures', () => {
  it('finds every fixture we hold expectations for, and no others', () => {
    // An added or missing fixture must be looked at, not silently skipped or silently passed.
    expect(fixtureNames).toEqual(Object.keys(FIXTURES).sort());
    expect(nefFixtures).toHaveLength(25);
    expect(otherMail).toEqual(['cand_2.txt', 'ohsd_1.txt']);
  });

  it.each(nefFixtures)('%s matches juriscraper field for field', async (name) => {
    expect(compared(await parseFixture(name))).toEqual(expectedFor(name));
  });

  it.each(nefFixtures)('%s has the exact docket, entry and attachment counts and filing time', async (name) => {
    const document = await parseFixture(name);
    const counts = FIXTURES[name]!;
    expect(document.format).toBe('nef-email');
    expect(document.dockets).toHaveLength(counts.dockets);
    expect(document.dockets).toHaveLength(readExpected(name).dockets!.length);
    for (const [index, docket] of document.dockets.entries()) {
      expect(docket.entries).toHaveLength(1);
      expect(docket.entries[0]!.filedAt).toBe(counts.filedAt);
      expect(docket.entries[0]!.attachments).toHaveLength(counts.attachments[index]!);
    }
    // juriscraper's flag: the notice lists more than the main document.
    expect(counts.attachments.some((n) => n > 0)).toBe(readExpected(name).contains_attachments);
  });

  it.each(otherMail)('%s is court mail but not an NEF: PARSE_UNRECOGNISED (juriscraper returns {})', async (name) => {
    expect(readExpected(name)).toEqual({});
    const err = await parseError(parseFixture(name));
    expect(err.code).toBe('PARSE_UNRECOGNISED');
  });

  it.each(nefFixtures)('%s: the zone printed agrees with our court zone table', async (name) => {
    // Guards the table: for every court in the fixtures, the table's offset at the notice's time is the offset it printed.
    const { filedAt, court } = await parseFixture(name).then((d) => ({
      filedAt: d.dockets[0]!.entries[0]!.filedAt,
      court: d.dockets[0]!.court,
    }));
    const zone = NEF_COURT_TIME_ZONES[court];
    expect(zone).toBeDefined();
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-]\d\d):(\d\d)$/.exec(filedAt)!;
    const printed = Number(m[7]) * 60 + Math.sign(Number(m[7])) * Number(m[8]);
    const clock = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
    expect(offsetMinutesOfWallTime(clock, zone!)).toBe(printed);
  });

  it.each(fixtureNames)('%s: the cheap format detection says NEF exactly for the NEFs', (name) => {
    expect(looksLikeNefEmail(readFixture(name).toString('latin1'))).toBe(FIXTURES[name] !== null);
  });

  it('format detection does not take other documents for NEF mail', () => {
    expect(looksLikeNefEmail('<?xml version="1.0"?><rss><channel><link>https://ecf.mdd.uscourts.gov</link></channel></rss>')).toBe(false);
    expect(looksLikeNefEmail('{"CaseNumber": "24A949"}')).toBe(false);
    expect(looksLikeNefEmail('From: noreply@supremecourt.gov\r\nSubject: Supreme Court Case Notification\r\n\r\nDocket 24A949')).toBe(
      false,
    );
  });
});

describe('parseNefEmail: what the fixtures show', () => {
  it('reads a plain-text notice with no zone (almd_3_plain): court from the links, zone from the table', async () => {
    const [docket] = (await parseFixture('almd_3_plain.txt')).dockets;
    expect(docket).toMatchObject({ court: 'dcd', docketNumber: '1:17-cr-00201', caseName: 'United States v. MANAFORT' });
    expect(docket!.entries[0]).toMatchObject({
      entryNumber: '551',
      filedAt: '2019-03-15T09:52:00-04:00',
      shortDescription: 'Status Report',
      // <i></i> in the plain-text docket text is markup, not text.
      description: 'Joint STATUS REPORT by USA as to RICHARD W. GATES, III (Weissmann, Andrew)',
      documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/04517059984?caseid=20190598&de_seq_num=2335&magic_num=34532',
      // Fourth digit forced to 0, as juriscraper and our RSS parser do.
      pacerDocId: '04507059984',
    });
  });

  it('keeps docket text as written: "#" stays, a closed paragraph does not leave " ," (cand_1)', async () => {
    const entry = (await parseFixture('cand_1.txt')).dockets[0]!.entries[0]!;
    expect(entry.description).toContain('https://www.cand.uscourts.gov/zoom/., Set/Reset Deadlines');
    expect(entry.description.endsWith('(mll, COURT STAFF) (Filed on 1/13/2023)')).toBe(true);
    // The subject names the case and no event.
    expect(entry.shortDescription).toBe('');
    expect(entry).toMatchObject({ entryNumber: '45', documentUrl: null, pacerDocId: null });
    const ded = (await parseFixture('ded_1.txt')).dockets[0]!.entries[0]!;
    expect(ded.description).toContain('(Attachments: # (1) Exhibit A, # (2) Exhibit B)');
  });

  it('lists attachments from the document list, numbered by the stamp (ded_1, laed_1)', async () => {
    const ded = (await parseFixture('ded_1.txt')).dockets[0]!.entries[0]!;
    expect(ded.attachments).toEqual<ParsedAttachment[]>([
      { attachmentNumber: 1, description: 'Exhibit A', documentUrl: null, pacerDocId: null },
      { attachmentNumber: 2, description: 'Exhibit B', documentUrl: null, pacerDocId: null },
    ]);
    const laed = (await parseFixture('laed_1.txt')).dockets[0]!.entries[0]!;
    expect(laed.attachments.map((a) => `${a.attachmentNumber} ${a.description}`)).toEqual([
      '1 Memorandum in Support',
      '2 Statement of Contested/Uncontested Facts',
      '3 Notice of Submission (Civil Only)',
      '4 Exhibit A (Search Warrants and Applications)',
      '5 Exhibit B (Dep. of JPSO 30(b)(6) Rep.)',
    ]);
  });

  it('reads one MDL filing docketed in four cases (jpml_1): one docket each, one document list shared', async () => {
    const dockets = (await parseFixture('jpml_1.txt')).dockets;
    expect(dockets.map((d) => [d.docketNumber, d.pacerCaseId, d.entries[0]!.entryNumber])).toEqual([
      ['MDL No. 2967', '1308920', '96'],
      ['1:21-cv-02960', '1439502', '6'],
      ['1:20-cv-01296', '1309083', '18'],
      ['1:20-cv-03104', '1309086', '24'],
    ]);
    for (const docket of dockets) {
      expect(docket.court).toBe('jpml');
      expect(docket.entries[0]!.attachments).toEqual([
        { attachmentNumber: 1, description: 'Proof of Service', documentUrl: null, pacerDocId: null },
      ]);
    }
    // Each case's own docket text: the MDL's says "# (1)", the member cases' "# [1]".
    expect(dockets[0]!.entries[0]!.description).toContain('(Attachments: # (1) Proof of Service)');
    expect(dockets[1]!.entries[0]!.description).toContain('(Attachments: # [1] Proof of Service)');
  });

  it('reads a bankruptcy notice naming two cases with one docket text after both (ctb_multi_1)', async () => {
    const [adversary, main] = (await parseFixture('ctb_multi_1.txt')).dockets;
    expect(adversary).toMatchObject({ court: 'ctb', docketNumber: '24-03015', pacerCaseId: '315593' });
    expect(main).toMatchObject({ court: 'ctb', docketNumber: '24-30774', caseName: 'Michael Henry Lotto', pacerCaseId: '314759' });
    expect(adversary!.entries[0]!.description).toBe(main!.entries[0]!.description);
    // Two documents (one per case), each listed with its own two attachments.
    expect(adversary!.entries[0]!.pacerDocId).toBe('040015374935');
    expect(main!.entries[0]!.pacerDocId).toBe('040015374938');
    expect(main!.entries[0]!.attachments.map((a) => a.description)).toEqual([
      'Form B1040 - Adversary Proceeding Cover Sheet',
      'Exhibit Exhibits A through F',
    ]);
    // "24-03015 Complaint": a bankruptcy subject has no case name.
    expect(main!.entries[0]!.shortDescription).toBe('Complaint');
  });

  it('reads a "Multiple Cases" notice with no document (mdb_multi_1)', async () => {
    const dockets = (await parseFixture('mdb_multi_1.txt')).dockets;
    expect(dockets.map((d) => d.entries[0]!.shortDescription)).toEqual(['Close Adversary Case', 'Close Adversary Case']);
    expect(dockets.map((d) => d.entries[0]!.entryNumber)).toEqual([null, null]);
  });

  it('reads notices forwarded from Apple Mail and Outlook (alsd_1, gand_1)', async () => {
    const alsd = (await parseFixture('alsd_1.txt')).dockets[0]!;
    expect(alsd).toMatchObject({ court: 'alsd', docketNumber: '1:21-cv-00057', caseName: 'Troxel v. Gunite Pros, LLC' });
    // "23(No document attached)": numbered, but nothing to link.
    expect(alsd.entries[0]).toMatchObject({ entryNumber: '23', documentUrl: null, shortDescription: 'Document Noted' });
    const gand = (await parseFixture('gand_1.txt')).dockets[0]!;
    expect(gand.entries[0]).toMatchObject({ entryNumber: '69', pacerDocId: '055013859630', shortDescription: 'Order' });
  });

  it('takes subjects apart however the court writes them (oknd_1, vaed_1, ilnd_1)', async () => {
    const event = async (name: string): Promise<string> => (await parseFixture(name)).dockets[0]!.entries[0]!.shortDescription;
    expect(await event('oknd_1.txt')).toBe('Joint Status Report per LCvR16-1(b)(1)'); // "Activity in OKND case … - Joint …"
    expect(await event('vaed_1.txt')).toBe('Case Assigned/Reassigned'); // number glued to "VAED"
    expect(await event('ilnd_1.txt')).toBe('status report'); // as the court wrote it
  });

  it('names the court from its CM/ECF host, not the sender (txsd_1 comes from txs.uscourts.gov)', async () => {
    expect((await parseFixture('txsd_1.txt')).dockets[0]!.court).toBe('txsd');
  });

  it('reports the plain filed date when the entry was made on another day', () => {
    const time = readTransactionTime(
      'The following transaction was entered by Doe, Jane on 8/10/2021 at 9:02 AM CDT and filed on 8/6/2021',
    );
    expect(time).toEqual({ filedDate: '2021-08-06', enteredDate: '2021-08-10', enteredTime: '09:02:00', zone: 'CDT' });
  });
});

describe('parseNefMessage', () => {
  it.each(['almd_1.txt', 'almd_3_plain.txt', 'jpml_1.txt', 'gand_1.txt'])(
    'gives what parseNefEmail gives for %s, from a mailparser result',
    async (name) => {
      const mail = await simpleParser(readFixture(name));
      const message = {
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : null,
        from: mail.from?.text ?? null,
        date: mail.date ?? null,
      };
      expect(parseNefMessage(message)).toEqual(await parseFixture(name));
    },
  );
});
