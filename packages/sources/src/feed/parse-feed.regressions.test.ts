/**
 * Counterexamples from the parser property tests (../parsers.property.test.ts).
 */
import { parseFeed } from './parse-feed';

describe('parseFeed: property-test counterexamples', () => {
  it('a pubDate whose zone is no UTC offset ("-2400") gives publishedAt null, not "…-24:00"', () => {
    const xml =
      '<rss version="2.0"><channel><link>https://ecf.mdd.uscourts.gov/</link><item><pubDate>01 Jan 1990 00:00 -2400</pubDate><guid>http://a.aa</guid></item></channel></rss>';
    expect(parseFeed(xml).items).toEqual([expect.objectContaining({ url: 'http://a.aa/', publishedAt: null })]);
  });

  it('items sharing a link are told apart by a guid holding a lone surrogate (encodeURIComponent threw URIError)', () => {
    const xml =
      '<rss><channel><item><link>http://a/</link><guid>\uD800</guid></item><item><link>http://a/</link><guid>x</guid></item></channel></rss>';
    expect(parseFeed(xml).items!.map((item) => item.url)).toEqual(['http://a/#%EF%BF%BD', 'http://a/#x']);
  });
});
