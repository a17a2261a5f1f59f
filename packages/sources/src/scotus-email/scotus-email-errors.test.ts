/**
 * Synthetic mails: recognition, the shapes the court's mails take, and bad input. Every failure is
 * a typed ParseError with the right code, never an empty success.
 */
import { ParseError } from '@docketwatch/core';
import type { ErrorCode } from '@docketwatch/core';
import {
  MAX_EMAIL_BYTES,
  decodeScotusEmail,
  parseScotusConfirmationEmail,
  parseScotusEmail,
  parseScotusMessage,
  readScotusConfirmation,
  readScotusMail,
  readScotusNotification,
  type ScotusMailMessage,
} from './index';
import { MAX_BODY_CHARS } from './mail-body';

const CASE_URL = 'https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-250.html';
const OPT_OUT = `<a href='https://file.supremecourt.gov/Request/NotificationOptOutGet?id=CfDJ8'>click here</a>.`;
const CONFIRM_URL = 'http://file.supremecourt.gov/casenotification/update?verify=CfDJ8abc';

/** A notification body in the court's words; `entry` null for the form that names no entry. */
function notificationBody(
  entry: string | null,
  caseLink = `<a href='${CASE_URL}'>Donald J. Trump, President, et al., Petitioners v. V.O.S. Selections, Inc., et al.</a>`,
): string {
  const named = entry === null ? '' : `, "${entry}"`;
  return `A new docket entry${named} has been added for ${caseLink}. You have been signed up to receive email notifications for No. 25-250. <br><br> If you no longer wish to receive email notifications on this case, please\n\n${OPT_OUT}\n`;
}

const confirmationBody = (link = `<a href = ${CONFIRM_URL}>here</a>`): string =>
  `We have received a request that you would like to be notified via email of any new filings in 25a561. Please confirm this choice by clicking ${link}.  If you do not wish to be notified, you can ignore this email and you will not receive email notifications.`;

interface MailParts {
  subject?: string | null;
  from?: string | null;
  date?: string | null;
  body: string;
}

/** A raw mail as the court sends it (single text/html part), with any header left out when null. */
function rawMail({
  subject = 'Supreme Court Electronic Filing System',
  from = 'no-reply@sc-us.gov',
  date = 'Thu, 09 Oct 2025 02:04:05 +0000',
  body,
}: MailParts): string {
  const headers = [
    from === null ? null : `From: ${from}`,
    'To: notifications@example.com',
    subject === null ? null : `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    date === null ? null : `Date: ${date}`,
  ].filter((line): line is string => line !== null);
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** A decoded message as the SMTP listener hands it over. */
function message(overrides: Partial<ScotusMailMessage> = {}): ScotusMailMessage {
  return {
    subject: 'Supreme Court Electronic Filing System',
    text: '',
    html: notificationBody('Amicus brief of Corey J. Biazzo, Esq. submitted.'),
    from: 'no-reply@sc-us.gov',
    date: new Date('2025-10-09T02:04:05Z'),
    ...overrides,
  };
}

async function parseErrorOfAsync(run: () => Promise<unknown>): Promise<ParseError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw new Error(`expected a ParseError, got ${String(err)}`);
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw new Error(`expected a ParseError, got ${String(err)}`);
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

async function expectRawError(raw: unknown, code: ErrorCode): Promise<void> {
  expect((await parseErrorOfAsync(() => parseScotusEmail(raw as string))).code).toBe(code);
}

function expectMessageError(parsed: ScotusMailMessage, code: ErrorCode): void {
  expect(parseErrorOf(() => parseScotusMessage(parsed)).code).toBe(code);
}

describe('input that is no court mail', () => {
  it('non-text input is PARSE_UNRECOGNISED; empty input is PARSE_EMPTY', async () => {
    for (const input of [undefined, null, 42, {}, ['a']]) await expectRawError(input, 'PARSE_UNRECOGNISED');
    for (const input of ['', ' \r\n\t\uFEFF ', Buffer.alloc(0), Buffer.from('  \n')]) await expectRawError(input, 'PARSE_EMPTY');
  });

  it('plain text, a docket page and other people’s mail are PARSE_UNRECOGNISED', async () => {
    await expectRawError('Docket 25-250: amicus brief submitted.', 'PARSE_UNRECOGNISED');
    await expectRawError('<!DOCTYPE html><html><body><table id="docketinfo"></table></body></html>', 'PARSE_UNRECOGNISED');
    await expectRawError(
      rawMail({ subject: 'Lunch?', from: 'friend@example.com', body: 'Noon at the usual place?' }),
      'PARSE_UNRECOGNISED',
    );
  });

  it('the court’s sentence from someone else under another subject is not the court’s mail', async () => {
    const forged = rawMail({ subject: 'Fwd: docket', from: 'friend@example.com', body: notificationBody('Petition DENIED.') });
    await expectRawError(forged, 'PARSE_UNRECOGNISED');
    expect(await parseScotusConfirmationEmail(forged)).toBeNull();
    expect(readScotusNotification(await decodeScotusEmail(forged))).toBeNull();
    expectMessageError(message({ subject: 'Re: hi', from: 'someone@example.com' }), 'PARSE_UNRECOGNISED');
  });

  it('a court mail of an unknown kind is PARSE_UNRECOGNISED', () => {
    expectMessageError(
      message({ subject: 'Scheduled maintenance', html: 'The filing system will be down on Sunday.' }),
      'PARSE_UNRECOGNISED',
    );
  });

  it('a message that is not an object is PARSE_UNRECOGNISED', () => {
    expectMessageError(null as unknown as ScotusMailMessage, 'PARSE_UNRECOGNISED');
    expect(readScotusConfirmation(undefined as unknown as ScotusMailMessage)).toBeNull();
  });
});

describe('recognising the court’s mails', () => {
  it('the subject decides, whoever the sender (authenticity is the listener’s job)', () => {
    expect(readScotusMail(message({ from: null })).kind).toBe('docket-entry');
    expect(readScotusMail(message({ from: 'relay@example.com' })).kind).toBe('docket-entry');
  });

  it('a reworded subject from the court is recognised by the opening sentence', () => {
    const sender = 'Supreme Court of the United States <no-reply@sc-us.gov>';
    expect(readScotusMail(message({ subject: 'Docket update', from: sender })).kind).toBe('docket-entry');
    const confirmation = readScotusMail(message({ subject: 'Please confirm', from: sender, html: confirmationBody() }));
    expect(confirmation).toEqual({
      kind: 'subscription-confirmation',
      docketNumber: '25A561',
      confirmUrl: CONFIRM_URL,
      sentAt: '2025-10-09T02:04:05+00:00',
    });
  });

  it('reads the body from the text part when a relay dropped the HTML part', () => {
    expect(parseScotusMessage(message({ html: null, text: notificationBody('Petition DENIED.') }))).toEqual(
      parseScotusMessage(message({ html: notificationBody('Petition DENIED.') })),
    );
  });

  it('tolerates a banner a mail gateway puts before the court’s text', () => {
    const html = `<table><tr><td><b>CAUTION:</b> This email originated from outside the organization. <a href="https://gateway.example/report">Report</a></td></tr></table>${notificationBody('Petition DENIED.')}`;
    const notification = readScotusNotification(message({ html }))!;
    expect(notification.entryDescription).toBe('Petition DENIED.');
    expect(notification.documentUrl).toBeNull();
  });
});

describe('what a notification gives', () => {
  it('one docket with the new entry, dated on the Washington day the mail was sent', async () => {
    // 02:04 UTC on 9 October is 22:04 EDT on 8 October.
    const parsed = await parseScotusEmail(rawMail({ body: notificationBody('Amicus brief of Corey J. Biazzo, Esq. submitted.') }));
    expect(parsed).toEqual({
      format: 'scotus-email',
      dockets: [
        {
          court: 'scotus',
          docketNumber: '25-250',
          caseName: 'Donald J. Trump, President v. V.O.S. Selections, Inc.',
          pacerCaseId: null,
          entries: [
            {
              entryNumber: null,
              filedAt: '2025-10-08',
              shortDescription: '',
              description: 'Amicus brief of Corey J. Biazzo, Esq. submitted.',
              documentUrl: null,
              pacerDocId: null,
              attachments: [],
            },
          ],
        },
      ],
    });
    const winter = await parseScotusEmail(rawMail({ date: 'Tue, 13 Jan 2026 04:30:00 +0000', body: notificationBody('Petition DENIED.') }));
    expect(winter.dockets[0]!.entries[0]!.filedAt).toBe('2026-01-12');
  });

  it('a notification that names no entry is the docket with no entries, and says so', () => {
    const parsed = message({ html: notificationBody(null) });
    expect(parseScotusMessage(parsed).dockets).toEqual([
      {
        court: 'scotus',
        docketNumber: '25-250',
        caseName: 'Donald J. Trump, President v. V.O.S. Selections, Inc.',
        pacerCaseId: null,
        entries: [],
      },
    ]);
    expect(readScotusNotification(parsed)).toMatchObject({ entryDescription: null, docketUrl: CASE_URL });
    expect(readScotusNotification(message({ html: notificationBody('  ') }))!.entryDescription).toBeNull();
  });

  it('finds the case link after "has been added for", however the entry text is written', () => {
    // Quotation marks and a link to another docket inside the entry text: juriscraper would stop
    // the text at the first quote and take the first filename= link for the case.
    const entry = `Motion to consolidate with No. <a href='https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-251.html'>25-251</a> ("the tariff cases") filed. <a href='/DocketPDF/25/25-250/379512/20251008_motion.pdf'>Main Document</a>`;
    const notification = readScotusNotification(message({ html: notificationBody(entry) }))!;
    expect(notification.docketNumber).toBe('25-250');
    expect(notification.docketUrl).toBe(CASE_URL);
    expect(notification.entryDescription).toBe('Motion to consolidate with No. 25-251 ("the tariff cases") filed. Main Document');
    expect(notification.documentUrl).toBe('https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-251.html');
  });

  it('numbers an entry whose document is a DocketPDF filing as the docket parsers do', () => {
    const entry = `Brief amicus curiae of X <a href='https://www.supremecourt.gov/DocketPDF/25/25-250/379512/20251008_brief.pdf'>filed</a>.`;
    const parsed = parseScotusMessage(message({ html: notificationBody(entry) }));
    expect(parsed.dockets[0]!.entries[0]).toMatchObject({
      entryNumber: '379512',
      description: 'Brief amicus curiae of X filed.',
      documentUrl: 'https://www.supremecourt.gov/DocketPDF/25/25-250/379512/20251008_brief.pdf',
      attachments: [],
    });
  });

  it('accepts typographic quotes around the entry text', () => {
    const html = notificationBody('x').replace('"x"', '\u201cPetition DENIED.\u201d');
    expect(readScotusNotification(message({ html }))!.entryDescription).toBe('Petition DENIED.');
  });

  it('takes the docket number from the text when the case link does not name it', () => {
    const caseLink = `<a href='/search.aspx'>GenBioPro, Inc., Applicant v. Louisiana, et al.</a>`;
    const html = notificationBody(null, caseLink).replace('No. 25-250', 'No. 25A1208');
    expect(readScotusNotification(message({ html }))).toMatchObject({
      docketNumber: '25A1208',
      caseName: 'GenBioPro, Inc., Applicant v. Louisiana',
      docketUrl: 'https://www.supremecourt.gov/search.aspx',
    });
  });
});

describe('a court mail missing its essentials is PARSE_MALFORMED', () => {
  it('a notification without a readable date', async () => {
    await expectRawError(rawMail({ date: null, body: notificationBody('Petition DENIED.') }), 'PARSE_MALFORMED');
    expectMessageError(message({ date: null }), 'PARSE_MALFORMED');
    expectMessageError(message({ date: new Date('not a date') }), 'PARSE_MALFORMED');
  });

  it('a notification without its sentence, case link or docket number', () => {
    const broken = [
      '',
      'A new docket entry, "Petition DENIED." has been added.',
      notificationBody('Petition DENIED.').replace('A new docket entry', 'Docket entry'),
      notificationBody('Petition DENIED.').replace(', "Petition DENIED."', ': "Petition DENIED."'),
      notificationBody('Petition DENIED.').replace('"Petition DENIED."', '"Petition DENIED.'),
      notificationBody('Petition DENIED.', `<a href='https://www.supremecourt.gov/search.aspx'>Roe v. Wade</a>`).replace(
        'No. 25-250',
        'this case',
      ),
      notificationBody('Petition DENIED.', `<a href='${CASE_URL}'> </a>`),
      notificationBody('Petition DENIED.', `<a href='javascript:alert(1)'>Roe v. Wade</a>`),
    ];
    for (const html of broken) expectMessageError(message({ html }), 'PARSE_MALFORMED');
  });

  it('a confirmation without a supremecourt.gov link or a docket number', () => {
    const subject = 'Supreme Court Case Notification 25a561.';
    for (const html of [
      confirmationBody('here'),
      confirmationBody(`<a href="https://confirm.example.com/casenotification/update?verify=x">here</a>`),
      confirmationBody(`<a href="https://supremecourt.gov.example.com/casenotification/update?verify=x">here</a>`),
    ]) {
      expectMessageError(message({ subject, html }), 'PARSE_MALFORMED');
      expect(parseErrorOf(() => readScotusConfirmation(message({ subject, html }))).code).toBe('PARSE_MALFORMED');
    }
    const unnamed = message({ subject: 'Supreme Court Case Notification', html: confirmationBody().replace('in 25a561', 'in this case') });
    expectMessageError(unnamed, 'PARSE_MALFORMED');
  });

  it('a confirmation needs no date, and is not docket activity', () => {
    const parsed = message({ subject: 'Supreme Court Case Notification 25a561.', html: confirmationBody(), date: null });
    expect(parseScotusMessage(parsed)).toEqual({ format: 'scotus-email', dockets: [] });
    expect(readScotusConfirmation(parsed)).toEqual({
      kind: 'subscription-confirmation',
      docketNumber: '25A561',
      confirmUrl: CONFIRM_URL,
      sentAt: null,
    });
    expect(readScotusNotification(parsed)).toBeNull();
  });
});

describe('huge and hostile input', () => {
  // These would take seconds or minutes (or exhaust memory) without the guards; a regression shows
  // as a test that times out, without the test itself measuring time.
  it('refuses raw mail larger than any court notification, without decoding it', async () => {
    const huge = rawMail({ body: 'x'.repeat(MAX_EMAIL_BYTES) });
    await expectRawError(huge, 'PARSE_MALFORMED');
    await expectRawError(Buffer.from(huge), 'PARSE_MALFORMED');
  });

  it('refuses MIME structures mailparser will not build', async () => {
    let nested = 'Subject: Supreme Court Electronic Filing System\r\n';
    for (let i = 0; i < 20_000; i++) nested += `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`;
    await expectRawError(nested, 'PARSE_MALFORMED');
    await expectRawError(`${'X-Junk: y\r\n'.repeat(200_000)}Subject: x\r\n\r\nbody`, 'PARSE_MALFORMED');
  });

  it('refuses bodies too large or too deeply nested to be a court mail', () => {
    expectMessageError(message({ html: `${notificationBody('x')}${' '.repeat(MAX_BODY_CHARS)}` }), 'PARSE_MALFORMED');
    for (const html of ['<div>'.repeat(200_000), '<b></span>'.repeat(200_000), `${'<i>'.repeat(50_000)}${notificationBody('x')}`]) {
      expectMessageError(message({ html }), 'PARSE_MALFORMED');
    }
  });

  it('reads long runs of pathological text in linear time', () => {
    const entries = [
      `${'"'.repeat(200_000)}`,
      `${'" has been added for '.repeat(20_000)}`,
      `${' \u00a0\t\n'.repeat(100_000)}Petition DENIED.`,
    ];
    for (const entry of entries) {
      const notification = readScotusNotification(message({ html: notificationBody(entry) }))!;
      expect(notification.docketNumber).toBe('25-250');
    }
    // Thousands of links each preceded by "entry has been added for": the first one is taken for the
    // case link, the sentence before it does not parse, and that is the answer (no retrying each).
    const decoys = '<a href="https://www.supremecourt.gov/x.pdf">entry has been added for</a> '.repeat(4_000);
    expectMessageError(message({ html: notificationBody(decoys) }), 'PARSE_MALFORMED');
    expectMessageError(
      message({ subject: 'Supreme Court '.repeat(100_000), from: `${'a'.repeat(1_000_000)}@example.com` }),
      'PARSE_UNRECOGNISED',
    );
    expectMessageError(message({ html: `A new docket entry, "${'a, "'.repeat(100_000)}` }), 'PARSE_MALFORMED');
  });
});
