/**
 * Counterexamples from the parser property tests (../parsers.property.test.ts).
 */
import { ParseError } from '@docketwatch/core';
import { parsePacerRss } from './parse-pacer-rss';

const feed = (pubDate: string): string =>
  '<rss version="2.0"><channel><link>https://ecf.mdd.uscourts.gov/</link><item><title>8:25-cv-00951 A v. B</title>' +
  `<link>https://ecf.mdd.uscourts.gov/cgi-bin/DktRpt.pl?123</link><description>[Order]</description><pubDate>${pubDate}</pubDate></item></channel></rss>`;

describe('parsePacerRss: a pubDate whose zone is no UTC offset', () => {
  // This gave filedAt "2023-02-03T12:20:16+100:39".
  it.each(['Fri, 03 Feb 2023 12:20:16 +9999', 'Fri, 03 Feb 2023 12:20:16 -2400'])('%s is an unusable date (PARSE_MALFORMED)', (pubDate) => {
    expect(() => parsePacerRss(feed(pubDate))).toThrow(ParseError);
    expect(() => parsePacerRss(feed(pubDate))).toThrow(expect.objectContaining({ code: 'PARSE_MALFORMED' }));
  });

  it('still reads a real offset', () => {
    expect(parsePacerRss(feed('Fri, 03 Feb 2023 12:20:16 -0500')).dockets[0]!.entries[0]!.filedAt).toBe('2023-02-03T12:20:16-05:00');
  });
});

describe('deeply nested description markup (found by the property tests)', () => {
  it('is refused with PARSE_MALFORMED instead of overflowing the stack', () => {
    const nested = '&lt;b&gt;'.repeat(20_000);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>District of Maryland - Recent Entries</title>
<link>https://ecf.mdd.uscourts.gov</link><description>Docket entries of type: all</description>
<item><title>8:25-cv-00951 Abrego Garcia v. Noem</title><link>https://ecf.mdd.uscourts.gov/cgi-bin/DktRpt.pl?578815</link>
<description>[Order] ${nested}</description><pubDate>Fri, 04 Apr 2025 16:39:00 GMT</pubDate></item></channel></rss>`;
    let error: unknown;
    try {
      parsePacerRss(xml);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe('PARSE_MALFORMED');
    expect((error as ParseError).message).toMatch(/nest more than/);
  });
});
