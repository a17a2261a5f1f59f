/**
 * Lone surrogates reaching cheerio. parse5 7 pairs any surrogate with a following low surrogate, so
 * "\uDC00\uDC00" made it compute a code point past U+10FFFF and every HTML parser threw
 * "RangeError: Invalid code point 1114112" (found by parsers.property.test.ts). Each case below is
 * a counterexample it reported, or the smallest input on the same path.
 */
import { ParseError } from '@docketwatch/core';
import { loadHtml, wellFormed } from './html-load';
import {
  extractRegion,
  harmonizeCaseName,
  parseAcmsDocket,
  parseDistrictDocket,
  parseFeed,
  parseNefMessage,
  parsePacerRss,
  parsePressListing,
  parseScotusConfirmationPage,
  parseScotusDocketHtml,
  parseScotusDocketJson,
  parseScotusMessage,
  presets,
} from './index';

const LOW_LOW = '\uDC00\uDC00';

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('wellFormed', () => {
  it.each([
    ['\uDC00\uDC00', '\uFFFD\uFFFD'],
    ['a\uD800b', 'a\uFFFDb'],
    ['\uD800\uD800\uDC00', '\uFFFD\uD800\uDC00'],
    ['\uD800\uDC00\uDC00', '\uD800\uDC00\uFFFD'],
    ['\uDBFF', '\uFFFD'],
  ])('%j -> %j', (text, expected) => {
    expect(wellFormed(text)).toBe(expected);
    expect(wellFormed(text)).toHaveLength(text.length);
  });

  it('leaves well-formed text as it is (pairs included)', () => {
    for (const text of ['', 'plain', '\uD83D\uDE00 emoji', '<p>\uFFFD</p>']) expect(wellFormed(text)).toBe(text);
  });
});

describe('lone surrogates: a replacement character, never a RangeError', () => {
  it('loadHtml reads "\\uDC00\\uDC00" as two replacement characters', () => {
    expect(loadHtml(`<p>${LOW_LOW}</p>`).root().text()).toBe('\uFFFD\uFFFD');
    expect(loadHtml(`<html>${LOW_LOW}</html>`, { sourceCodeLocationInfo: true }).root().text()).toBe('\uFFFD\uFFFD');
  });

  it('supremecourt.gov docket JSON: an entry text with "\\udc00\\udc00" escapes', () => {
    const json = JSON.stringify({
      CaseNumber: '24A1',
      PetitionerTitle: 'A',
      ProceedingsandOrder: [{ Date: 'Jan 02 2024', Text: `<b>${LOW_LOW}</b>` }],
    });
    expect(json).toContain('\\udc00\\udc00');
    expect(parseScotusDocketJson(json).dockets[0]!.entries[0]!.description).toBe('\uFFFD\uFFFD');
  });

  it('ACMS docket JSON: an entry text with lone surrogates', () => {
    const json = JSON.stringify({
      caseDetails: { caseId: 'x', caseNumber: '23-7222', name: 'A v. B' },
      docketInfo: { docketEntries: [{ entryNumber: 1, endDate: '2023-09-29', docketEntryText: `<p>${LOW_LOW}</p>` }] },
    });
    expect(parseAcmsDocket(json, { court: 'ca2' }).dockets[0]!.entries[0]!.description).toBe('\uFFFD\uFFFD');
  });

  it('pages: supremecourt.gov and CM/ECF dockets, press listings, page watches, confirmation pages', () => {
    expect(parseErrorOf(() => parseScotusDocketHtml(`<html>${LOW_LOW}</html>`)).code).toBe('PARSE_UNRECOGNISED');
    expect(parseErrorOf(() => parseDistrictDocket(`<html>${LOW_LOW}</html>`, { court: 'dcd' })).code).toBe('PARSE_UNRECOGNISED');
    expect(
      parseErrorOf(() => parsePressListing(`<html>${LOW_LOW}</html>`, presets['justice-gov-olc']!, 'https://www.justice.gov/olc')).code,
    ).toBe('PARSE_LAYOUT_CHANGED');
    expect(extractRegion(`<html><body><p>${LOW_LOW}</p></body></html>`)).toBe('\uFFFD\uFFFD');
    expect(parseErrorOf(() => parseScotusConfirmationPage(`<rss>${LOW_LOW}</rss>Docket Text`)).code).toBe('PARSE_UNRECOGNISED');
  });

  it('feeds: a CM/ECF description and a case name, an RSS description', () => {
    const rss = (description: string, title = '1:20-cv-00001 A v. B') =>
      `<rss><channel><link>https://ecf.mdd.uscourts.gov/</link><item><title>${title}</title><description>${description}</description><pubDate>Fri, 03 Feb 2023 12:20:16 GMT</pubDate></item></channel></rss>`;
    expect(parsePacerRss(rss(`[Order${LOW_LOW}] (&lt;a href='/doc1/1234'&gt;9&lt;/a&gt;)`)).dockets[0]!.entries[0]!.shortDescription).toBe(
      'Order\uFFFD\uFFFD',
    );
    expect(parsePacerRss(rss('[Order]', `1:20-cv-00001 A &amp;amp; ${LOW_LOW}`)).dockets[0]!.caseName).toBe('A & \uFFFD\uFFFD');
    const feed = `<rss><channel><item><link>https://a.example/1</link><description>&lt;p&gt;${LOW_LOW}&lt;/p&gt;</description></item></channel></rss>`;
    expect(parseFeed(feed).items![0]!.summary).toBe('\uFFFD\uFFFD');
    expect(harmonizeCaseName(`A &amp; ${LOW_LOW}`)).toBe('A & \uFFFD\uFFFD');
  });

  it('mail bodies: supremecourt.gov and NEF, HTML and plain text', () => {
    const date = new Date('2025-11-14T17:08:05Z');
    const scotus = parseScotusMessage({
      subject: 'Supreme Court Electronic Filing System',
      from: 'no-reply@sc-us.gov',
      date,
      text: '',
      html: `<p>A new docket entry, "Brief ${LOW_LOW}" has been added for <a href='https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/25-112.html'>A v. B</a>.</p>`,
    });
    expect(scotus.dockets[0]!.entries[0]!.description).toBe('Brief \uFFFD\uFFFD');
    const nef = ['Notice of Electronic Filing', 'The following transaction was entered on 8/9/2021 at 11:53 AM CDT and filed on 8/9/2021'];
    nef.push('Case Name: A v. B', 'Case Number: 3:21-cv-00437', 'Docket Text:', `ORDER <b>${LOW_LOW}</b>`);
    for (const message of [
      { subject: 'x', from: 'a@almd.uscourts.gov', date, html: nef.join('<br>'), text: '' },
      { subject: 'x', from: 'a@almd.uscourts.gov', date, html: null, text: nef.join('\n') },
    ]) {
      expect(parseNefMessage(message).dockets[0]!.entries[0]!.description).toBe('ORDER \uFFFD\uFFFD');
    }
  });
});
