/**
 * Press rooms' official feeds, on the synthetic saved copies in testdata/ (testdata/README.md says
 * what each imitates): what the generic feed parser reads from a Drupal and two WordPress feeds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from './index';

const readTestdata = (name: string): string => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');

describe('justice.gov press releases (Drupal RSS 2.0, justice-gov-press-releases.rss.xml)', () => {
  const document = parseFeed(readTestdata('justice-gov-press-releases.rss.xml'));

  it('reads every release: link, plain-text title and teaser, the pubDate with its own offset', () => {
    expect(document).toEqual({
      format: 'feed',
      dockets: [],
      items: [
        {
          url: 'https://www.justice.gov/opa/pr/justice-department-statement-supreme-courts-order-noem-v-abrego-garcia',
          title: "Justice Department Statement on the Supreme Court's Order in Noem v. Abrego Garcia",
          publishedAt: '2025-04-10T21:30:00-04:00',
          summary:
            'The Department of Justice issued the following statement on the Supreme Court\u2019s order in Noem v. Abrego Garcia, No. 24A949: ' +
            '\u201cThe Court has recognized the Executive\u2019s authority to conduct foreign affairs.\u201d',
          text: '',
          // The channel names itself only "Press Releases": a pressRoom source names the publisher instead.
          publisher: 'Press Releases',
          enclosures: [],
        },
        {
          url: 'https://www.justice.gov/usao-sdtx/pr/two-men-charged-human-smuggling-scheme',
          title: 'Two Men Charged in Human Smuggling Scheme',
          publishedAt: '2025-04-10T16:05:00-05:00',
          summary:
            'HOUSTON \u2013 Two men have been charged in a scheme to smuggle people across the border, announced the U.S. Attorney for the Southern District of Texas.',
          text: '',
          publisher: 'Press Releases',
          enclosures: [],
        },
        {
          url: 'https://www.justice.gov/opa/pr/attorney-general-statement-alien-enemies-act-removals',
          title: 'Attorney General Statement on Alien Enemies Act Removals',
          publishedAt: '2025-04-07T20:12:00-04:00',
          summary: 'The Attorney General issued a statement on the Supreme Court\u2019s decision in Trump v. J.G.G. (24A931).',
          text: '',
          publisher: 'Press Releases',
          enclosures: [],
        },
      ],
    });
  });

  it('does not take Drupal\'s "<nid> at <site>" guid for an address', () => {
    expect(document.items!.map((item) => item.url).every((url) => url.startsWith('https://www.justice.gov/'))).toBe(true);
  });
});

describe('whitehouse.gov news (WordPress RSS 2.0, whitehouse-news.rss.xml)', () => {
  it('reads the excerpt as the summary (content:encoded is the page, read from the page itself), dates in UTC', () => {
    expect(parseFeed(readTestdata('whitehouse-news.rss.xml')).items).toEqual([
      {
        url: 'https://www.whitehouse.gov/briefings-statements/2025/04/statement-from-the-press-secretary-on-noem-v-abrego-garcia/',
        title: 'Statement from the Press Secretary on Noem v. Abrego Garcia',
        publishedAt: '2025-04-10T23:02:09+00:00',
        summary:
          'The Supreme Court today declined to order the return of Kilmar Abrego Garcia on the terms the district court set. [\u2026]',
        text: '',
        publisher: 'News \u2013 The White House',
        enclosures: [],
      },
      {
        url: 'https://www.whitehouse.gov/fact-sheets/2025/04/fact-sheet-president-donald-j-trump-secures-the-border/',
        title: 'Fact Sheet: President Donald J. Trump Secures the Border',
        publishedAt: '2025-04-09T18:40:22+00:00',
        summary: 'PROTECTING AMERICANS: Today, President Donald J. Trump signed an order on the southern border. [\u2026]',
        text: '',
        publisher: 'News \u2013 The White House',
        enclosures: [],
      },
    ]);
  });
});

describe('aclu.org news (WordPress RSS 2.0, aclu-news.rss.xml)', () => {
  it('reads the HTML description as text and lifts the PDF content:encoded links into enclosures', () => {
    expect(parseFeed(readTestdata('aclu-news.rss.xml')).items).toEqual([
      {
        url: 'https://www.aclu.org/news/immigrants-rights/supreme-court-blocks-alien-enemies-act-removals',
        title: 'Supreme Court Blocks Alien Enemies Act Removals in A.A.R.P. v. Trump',
        publishedAt: '2025-05-16T19:31:42+00:00',
        summary: 'The Court held that the men in the Northern District of Texas must have notice and a chance to be heard before removal.',
        text: '',
        publisher: 'News \u2013 American Civil Liberties Union',
        enclosures: [{ url: 'https://www.aclu.org/wp-content/uploads/2025/05/24A1007-opinion.pdf', type: 'application/pdf' }],
      },
    ]);
  });
});
