/**
 * Counterexamples from the parser property tests (../parsers.property.test.ts).
 */
import { ParseError } from '@docketwatch/core';
import { parseScotusEmail, parseScotusMessage } from './index';

const BODY =
  `<p>A new docket entry, "Brief" has been added for <a href='https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-112.html'>` +
  'A v. B</a>.</p>';

const message = (date: Date | null) => ({
  subject: 'Supreme Court Electronic Filing System',
  from: 'no-reply@sc-us.gov',
  text: '',
  html: BODY,
  date,
});

describe('supremecourt.gov mail dated outside four-digit years', () => {
  // mailparser reads "Date: … 99999 …" as a real Date; filedAt came out "10000-01-01".
  it.each(['+010000-01-01T05:00:00.000Z', '-000001-06-01T00:00:00.000Z', '0001-01-01T03:00:00.000Z'])(
    '%s has no readable Date (PARSE_MALFORMED)',
    (iso) => {
      expect(() => parseScotusMessage(message(new Date(iso)))).toThrow(expect.objectContaining({ code: 'PARSE_MALFORMED' }));
    },
  );

  it('the last instant with a four-digit day in Washington still parses', () => {
    expect(parseScotusMessage(message(new Date('9999-12-31T23:00:00Z'))).dockets[0]!.entries[0]!.filedAt).toBe('9999-12-31');
  });

  it('a raw mail whose Date header has a five-digit year', async () => {
    const raw = [
      'From: no-reply@sc-us.gov',
      'Subject: Supreme Court Electronic Filing System',
      'Date: 01 Jan 10001 00:00',
      'Content-Type: text/html; charset=utf-8',
      '',
      BODY,
    ].join('\r\n');
    await expect(parseScotusEmail(raw)).rejects.toThrow(ParseError);
    await expect(parseScotusEmail(raw)).rejects.toMatchObject({ code: 'PARSE_MALFORMED' });
  });
});
