/**
 * Every juriscraper SCOTUS e-mail fixture, parsed and compared with juriscraper's expected output.
 *
 * Layout of tests/examples/scotus/email:
 *   NAME.eml  a raw mail (input)         NAME.json  juriscraper's SCOTUSEmail.data
 *   confirmation/NAME.html  the page a confirmation link leads to   confirmation/NAME.json  its result string
 *
 * Field mapping (juriscraper -> ours):
 *   email_type "docket_entry" | "confirmation"   -> kind 'docket-entry' | 'subscription-confirmation'
 *   data.docket_number                            -> docketNumber, canonical ("25a561" -> "25A561")
 *   data.case_name                                -> ParsedDocket.caseName / caseName
 *   data.entry_description                        -> the entry's description (see DIFFERENCE below)
 *   followup_url                                  -> docketUrl (notifications) / confirmUrl (confirmations)
 *   email_datetime                                -> sentAt (same instant; juriscraper writes it two ways)
 *   confirmation page result string               -> status; confirmed = (status === 'success')
 */
import * as fs from 'fs';
import * as path from 'path';
import { normaliseDocketNumber } from '@docketwatch/core';
import type { ParsedDocument } from '@docketwatch/core';
import {
  decodeScotusEmail,
  parseScotusConfirmationEmail,
  parseScotusConfirmationPage,
  parseScotusEmail,
  parseScotusMessage,
  readScotusConfirmation,
  readScotusMail,
  readScotusNotification,
  type ScotusMail,
  type ScotusMailMessage,
} from './index';

const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');
const EMAILS = path.join(EXAMPLES, 'scotus', 'email');
const PAGES = path.join(EMAILS, 'confirmation');

interface ExpectedEmail {
  email_type: 'docket_entry' | 'confirmation';
  followup_url: string;
  email_datetime: string;
  data: { docket_number: string; case_name: string; entry_description: string } | null;
}

/**
 * What each mail must give, written out so that a parser change that drops the entry, or a fixture
 * that goes missing or appears untested, fails loudly. `filedAt` is the Washington day of the Date
 * header; `documentUrl` the opinion the entry text links to.
 */
const EXPECTED_EMAILS: Record<string, { kind: ScotusMail['kind']; entries: number; filedAt?: string; documentUrl?: string | null }> = {
  '25-112': {
    kind: 'docket-entry',
    entries: 1,
    filedAt: '2026-06-29',
    documentUrl: 'https://www.supremecourt.gov/opinions/25pdf/25-112_0am4.pdf',
  },
  '25-261': { kind: 'docket-entry', entries: 1, filedAt: '2025-11-10', documentUrl: null },
  '25-83': {
    kind: 'docket-entry',
    entries: 1,
    filedAt: '2026-05-14',
    documentUrl: 'https://www.supremecourt.gov/opinions/25pdf/25-83_3e04.pdf',
  },
  '25a561-confirmation': { kind: 'subscription-confirmation', entries: 0 },
};

/** Each confirmation page's outcome and the court's message for it. */
const EXPECTED_PAGES: Record<string, { confirmed: boolean; message: string }> = {
  '25a561': {
    confirmed: true,
    message:
      'Your email address has been verified. You will receive an email notification when the Court issues an order or opinion in this case, or when a filing is submitted to the Court\u2019s electronic filing system.',
  },
  '25a561-failed': { confirmed: false, message: "You did not verify the information in time. You'll need to re-submit your request" },
};

/**
 * DIFFERENCE: juriscraper's clean_string turns en dashes into hyphens (since its PR #2024: "Parts
 * II–B" -> "Parts II-B"). We keep the court's text as written, as the scotus-docket parsers do, so an
 * entry seen by mail and on the docket page has the same text and therefore the same identity (day +
 * hash of the text). Compare through juriscraper's rewrite.
 */
function asJuriscraperText(text: string): string {
  return text.replaceAll('\u2013', '-');
}

/** juriscraper writes the Date both as "2025-11-10 16:16:39+00:00" and "2026-06-29T15:21:50+00:00". */
function instant(iso: string): number {
  return Date.parse(iso.replace(' ', 'T'));
}

/** Files in a folder (not sub-folders), sorted. */
function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

const expectedFiles = (names: string[], inputExt: string): string[] =>
  names.flatMap((name) => [`${name}${inputExt}`, `${name}.json`]).sort();

const EMAIL_NAMES = filesIn(EMAILS)
  .filter((file) => file.endsWith('.eml'))
  .map((file) => file.slice(0, -'.eml'.length))
  .sort();
const PAGE_NAMES = filesIn(PAGES)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.slice(0, -'.html'.length))
  .sort();

function readExpected<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

describe('juriscraper SCOTUS e-mail fixtures', () => {
  it('email/: exactly the known mails, each with its expected output, and nothing else', () => {
    expect(EMAIL_NAMES).toEqual(Object.keys(EXPECTED_EMAILS).sort());
    expect(filesIn(EMAILS)).toEqual(expectedFiles(Object.keys(EXPECTED_EMAILS), '.eml'));
  });

  it('email/confirmation/: exactly the known pages, each with its expected output, and nothing else', () => {
    expect(PAGE_NAMES).toEqual(Object.keys(EXPECTED_PAGES).sort());
    expect(filesIn(PAGES)).toEqual(expectedFiles(Object.keys(EXPECTED_PAGES), '.html'));
  });

  describe.each(EMAIL_NAMES)('%s.eml', (name) => {
    const table = EXPECTED_EMAILS[name] ?? { kind: 'docket-entry', entries: -1 };
    let raw: Buffer;
    let expected: ExpectedEmail;
    let message: ScotusMailMessage;
    let parsed: ParsedDocument;
    let mail: ScotusMail;

    beforeAll(async () => {
      raw = fs.readFileSync(path.join(EMAILS, `${name}.eml`));
      expected = readExpected<ExpectedEmail>(path.join(EMAILS, `${name}.json`));
      message = await decodeScotusEmail(raw);
      parsed = await parseScotusEmail(raw);
      mail = readScotusMail(message);
    });

    it('is the kind of mail juriscraper says, sent when juriscraper says', () => {
      expect(table.kind).toBe(expected.email_type === 'docket_entry' ? 'docket-entry' : 'subscription-confirmation');
      expect(mail.kind).toBe(table.kind);
      expect(mail.sentAt).not.toBeNull();
      expect(instant(mail.sentAt!)).toBe(instant(expected.email_datetime));
    });

    it('has exactly the expected dockets and entries', () => {
      expect(parsed.format).toBe('scotus-email');
      const entries = parsed.dockets.reduce((sum, docket) => sum + docket.entries.length, 0);
      expect(entries).toBe(table.entries);
      expect(parsed.dockets).toHaveLength(table.kind === 'docket-entry' ? 1 : 0);
    });

    it('matches juriscraper: docket number, case name, entry text, follow-up URL', () => {
      if (mail.kind === 'subscription-confirmation') {
        // juriscraper has no docket number for a confirmation (data is null); the subject names it.
        expect(expected.data).toBeNull();
        expect(mail.confirmUrl).toBe(expected.followup_url);
        expect(mail.docketNumber).toBe(normaliseDocketNumber(name.split('-')[0]!.toUpperCase()));
        return;
      }
      const data = expected.data!;
      const docket = parsed.dockets[0]!;
      expect(docket.court).toBe('scotus');
      expect(docket.pacerCaseId).toBeNull();
      expect(docket.docketNumber).toBe(normaliseDocketNumber(data.docket_number));
      expect(docket.caseName).toBe(data.case_name);
      expect(docket.entries.map((entry) => asJuriscraperText(entry.description))).toEqual([data.entry_description]);
      expect(mail.docketUrl).toBe(expected.followup_url);
      expect(mail.docketNumber).toBe(docket.docketNumber);
      expect(mail.caseName).toBe(docket.caseName);
    });

    it('fills the fields juriscraper has no counterpart for', () => {
      for (const docket of parsed.dockets) {
        expect(docket.lowerCourtCases).toBeUndefined();
        for (const entry of docket.entries) {
          expect(entry.filedAt).toBe(table.filedAt);
          expect(entry.documentUrl).toBe(table.documentUrl);
          // juriscraper gives no number; none of these links is a DocketPDF filing.
          expect(entry.entryNumber).toBeNull();
          expect(entry.shortDescription).toBe('');
          expect(entry.pacerDocId).toBeNull();
          expect(entry.attachments).toEqual([]);
        }
      }
    });

    it('comes out the same from a decoded message, from text, and through every reader', async () => {
      expect(parseScotusMessage(message)).toEqual(parsed);
      expect(await parseScotusEmail(raw.toString('utf8'))).toEqual(parsed);
      const confirmation = readScotusConfirmation(message);
      const notification = readScotusNotification(message);
      expect(confirmation ?? notification).toEqual(mail);
      expect(mail.kind === 'subscription-confirmation' ? notification : confirmation).toBeNull();
      expect(await parseScotusConfirmationEmail(raw)).toEqual(confirmation);
    });
  });

  it('keeps the court’s en dashes in the entry text (25-112)', async () => {
    const parsed = await parseScotusEmail(fs.readFileSync(path.join(EMAILS, '25-112.eml')));
    expect(parsed.dockets[0]!.entries[0]!.description).toContain('Parts II\u2013B, II\u2013C\u20131, and II\u2013C\u20132.');
  });

  describe.each(PAGE_NAMES)('confirmation/%s.html', (name) => {
    it('has juriscraper’s outcome, the docket it names and the court’s message', () => {
      const table = EXPECTED_PAGES[name];
      const page = parseScotusConfirmationPage(fs.readFileSync(path.join(PAGES, `${name}.html`), 'utf8'));
      expect(page.status).toBe(readExpected<string>(path.join(PAGES, `${name}.json`)));
      expect(page.confirmed).toBe(table?.confirmed);
      expect(page.message).toBe(table?.message);
      expect(page.docketNumber).toBe('25A561');
    });
  });
});
