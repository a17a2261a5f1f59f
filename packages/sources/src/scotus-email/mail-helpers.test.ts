/**
 * The small pieces: docket numbers as mails write them, the court's day, the sender, the body walk.
 */
import { courtDay, isoInstant, isValidInstant } from './court-day';
import { docketNumberFromDocketUrl, scotusDocketNumber } from './docket-token';
import { readMailBody } from './mail-body';
import { isCourtSender, senderDomain } from './mail-message';

describe('scotusDocketNumber', () => {
  it.each([
    ['25-112', '25-112'],
    ['25a561', '25A561'],
    [' 25A0561 ', '25A561'],
    ['22o135', '22O135'],
    ['22m60', '22M60'],
    ['25-0083', '25-0083'],
  ])('%s -> %s', (raw, canonical) => {
    expect(scotusDocketNumber(raw)).toBe(canonical);
  });

  it.each(['', 'search', '8:25-cv-951', '25', '25-', 'A561', '2025-112', `25-${'1'.repeat(40)}`])(
    '%j is no SCOTUS docket number',
    (raw) => {
      expect(scotusDocketNumber(raw)).toBeNull();
    },
  );
});

describe('docketNumberFromDocketUrl', () => {
  it.each([
    ['https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-112.html', '25-112'],
    ['https://www.supremecourt.gov/search.aspx?filename=/docket/docketfiles/html/public/25a1208.html', '25A1208'],
    ['https://www.supremecourt.gov/docket/docketfiles/html/public/24A949.html', '24A949'],
    ['https://www.supremecourt.gov/search.aspx?filename=/docketfiles/02A1002.htm', '02A1002'],
  ])('%s -> %s', (url, docket) => {
    expect(docketNumberFromDocketUrl(url)).toBe(docket);
  });

  it.each(['https://www.supremecourt.gov/search.aspx', 'not a url', `https://x.example/?filename=${'a'.repeat(5000)}`])(
    '%s names none',
    (url) => {
      expect(docketNumberFromDocketUrl(url)).toBeNull();
    },
  );
});

describe('courtDay', () => {
  it.each([
    ['2025-10-09T02:04:05Z', '2025-10-08'], // 22:04 EDT
    ['2025-10-09T04:00:00Z', '2025-10-09'], // midnight EDT
    ['2026-01-13T04:59:59Z', '2026-01-12'], // 23:59 EST
    ['2026-01-13T05:00:00Z', '2026-01-13'],
    ['2026-06-29T15:21:50Z', '2026-06-29'],
  ])('%s is %s in Washington', (iso, day) => {
    expect(courtDay(new Date(iso))).toBe(day);
  });

  it('writes the instant as juriscraper does, and knows an invalid date', () => {
    expect(isoInstant(new Date('2025-11-14T17:08:05Z'))).toBe('2025-11-14T17:08:05+00:00');
    expect(isValidInstant(new Date('x'))).toBe(false);
    expect(isValidInstant('2025-11-14')).toBe(false);
    expect(isValidInstant(new Date(0))).toBe(true);
  });
});

describe('the sender', () => {
  it.each([
    ['no-reply@sc-us.gov', 'sc-us.gov', true],
    ['"Supreme Court" <No-Reply@SC-US.GOV>', 'sc-us.gov', true],
    ['efilingsupport@supremecourt.gov', 'supremecourt.gov', true],
    ['alerts@mail.supremecourt.gov', 'mail.supremecourt.gov', true],
    ['no-reply@sc-us.gov.example.com', 'sc-us.gov.example.com', false],
    ['x@notsupremecourt.gov', 'notsupremecourt.gov', false],
    ['no address', null, false],
  ])('%s', (from, domain, court) => {
    expect(senderDomain(from)).toBe(domain);
    expect(isCourtSender(from)).toBe(court);
  });

  it('has none when there is no From', () => {
    expect(isCourtSender(null)).toBe(false);
  });
});

describe('readMailBody', () => {
  it('gives the visible text and where each link sits in it', () => {
    const body = readMailBody(
      `<head><title>t</title><style>a{}</style></head>A <b>new</b>\n<a href = 'x.pdf'>opinion</a><br>then <a href="/y">the  case</a><a>no href</a><script>z</script>`,
      'test',
    );
    expect(body.text.replace(/\s+/g, ' ')).toBe('A new opinion then the caseno href'); // inline elements run together, as rendered
    expect(body.links.map(({ href, text }) => ({ href, text }))).toEqual([
      { href: 'x.pdf', text: 'opinion' },
      { href: '/y', text: 'the case' },
    ]);
    for (const link of body.links) expect(body.text.slice(link.start, link.end).replace(/\s+/g, ' ').trim()).toBe(link.text);
  });
});
