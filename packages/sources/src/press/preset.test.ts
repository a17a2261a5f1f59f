import { DocketwatchError } from '@docketwatch/core';
import { parseListingDate, PresetError, presets, validatePreset } from './index';

const minimal = {
  id: 'agency-news',
  name: 'Agency news',
  publisher: 'The Agency',
  baseUrl: 'https://agency.example.gov',
  listingUrl: 'https://agency.example.gov/news',
  item: '.news-item',
  title: 'h2',
  link: { selector: 'h2 a' },
  maxPages: 2,
  articleBody: ['.body'],
};

function problemsOf(value: unknown): string[] {
  try {
    validatePreset(value);
  } catch (err) {
    expect(err).toBeInstanceOf(PresetError);
    expect(err).toBeInstanceOf(DocketwatchError);
    expect((err as PresetError).code).toBe('CATALOGUE_INVALID');
    return (err as PresetError).problems;
  }
  throw new Error('expected the preset to be refused');
}

describe('validatePreset', () => {
  it('accepts a minimal preset and expands the shorthand forms', () => {
    expect(validatePreset({ ...minimal, link: 'h2 a', date: 'time', articleBody: '.body', title: '  h2  ' })).toEqual({
      ...minimal,
      link: { selector: 'h2 a' },
      date: { selector: 'time' },
      baseUrl: 'https://agency.example.gov/',
      listingUrl: 'https://agency.example.gov/news',
    });
  });

  it('accepts every optional field', () => {
    const full = {
      ...minimal,
      link: { selector: 'a.more', attr: 'data-href' },
      date: { selector: 'time', attr: 'datetime', format: 'iso', dayOnly: true },
      summary: '.teaser',
      docketNumber: '.case-no',
      nextPage: 'a[rel="next"]',
      articleTitle: 'h1',
      articleDate: { selector: '.published', format: 'us' },
      emptyMarker: '.no-results',
      articleBody: [],
    };
    expect(validatePreset(full)).toEqual({ ...full, baseUrl: 'https://agency.example.gov/' });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [minimal]],
    ['a string', 'justice-gov-news'],
    ['a class instance', new Date()],
  ])('refuses %s', (_name, value) => {
    expect(problemsOf(value)).toEqual(['must be an object of preset fields']);
  });

  it('lists every problem at once, each naming its field', () => {
    expect(problemsOf({ id: 'Bad Id', item: 'div[', title: '', maxPages: 0, link: 42, baseUrl: 'ftp://x', colour: 'red' })).toEqual([
      'id: must be lower-case letters and digits joined by hyphens ("justice-gov-news")',
      'colour: is not a known field',
      'name: must be a non-empty string',
      'publisher: must be a non-empty string',
      'baseUrl: must be an absolute http(s) URL (got "ftp://x")',
      'listingUrl: must be an absolute http(s) URL',
      expect.stringMatching(/^item: is not a valid CSS selector \("div\[": /),
      'title: must be a non-empty CSS selector',
      'link: must be a selector or { selector, attr? }',
      'maxPages: must be a whole number from 1 to 20',
      'articleBody: must be a selector or a list of at most 10 selectors (an empty list: items have no page of their own)',
    ]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a relative listing URL', { listingUrl: '/news' }, ['listingUrl: must be an absolute http(s) URL (got "/news")']],
    ['a fractional maxPages', { maxPages: 1.5 }, ['maxPages: must be a whole number from 1 to 20']],
    ['too many pages', { maxPages: 100 }, ['maxPages: must be a whole number from 1 to 20']],
    ['an unknown date format', { date: { selector: 'time', format: '%d/%m/%Y' } }, ['date.format: must be one of auto, iso, rfc822, us']],
    ['a non-boolean dayOnly', { date: { selector: 'time', dayOnly: 'yes' } }, ['date.dayOnly: must be true or false']],
    ['an unknown date field', { date: { selector: 'time', timezone: 'EST' } }, ['date.timezone: is not a known field']],
    ['a bad attribute name', { link: { selector: 'a', attr: 'on click' } }, ['link.attr: must be an attribute name']],
    ['a link without a selector', { link: { attr: 'href' } }, ['link.selector: must be a non-empty CSS selector']],
    [
      'a bad selector in a list',
      { articleBody: ['.body', 'p:nth-child('] },
      [expect.stringMatching(/^articleBody\[1\]: is not a valid CSS selector/) as unknown as string],
    ],
    ['an overlong selector', { summary: 'p '.repeat(300) }, ['summary: must be at most 500 characters']],
    [
      'a prototype key from JSON',
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
      ['__proto__: is not a known field'],
    ],
  ])('refuses %s', (_name, change, problems) => {
    expect(problemsOf({ ...minimal, ...change })).toEqual(problems);
  });

  it('says which preset is wrong', () => {
    expect(() => validatePreset({ ...minimal, maxPages: -1 })).toThrow(
      'preset "agency-news" is invalid: maxPages: must be a whole number from 1 to 20',
    );
  });

  it('returns a copy: changing it does not change the built-in', () => {
    const copy = validatePreset(presets['justice-gov-olc']);
    copy.articleBody.push('.x');
    expect(presets['justice-gov-olc']!.articleBody).toEqual([]);
  });
});

describe('parseListingDate', () => {
  it.each<[string, string | null]>([
    ['April 7, 2025', '2025-04-07'],
    ['Apr. 7, 2025', '2025-04-07'],
    ['Sept. 3, 2024', '2024-09-03'],
    ['7 April 2025', '2025-04-07'],
    ['04/07/2025', '2025-04-07'],
    ['6/30/23', '2023-06-30'],
    ['2025-04-07', '2025-04-07'],
    ['2025-04-07T18:03:12-04:00', '2025-04-07T18:03:12-04:00'],
    ['Mon, 07 Apr 2025 10:00:00 EDT', '2025-04-07T10:00:00-04:00'],
    ['Press Release | April 7, 2025', '2025-04-07'],
    ['Date of Issuance: January 4, 2023', '2023-01-04'],
    ['Filed 03/15/2025, updated April 7, 2025', '2025-03-15'],
    ['Case 8:25-cv-00951 updated 04/07/2025', '2025-04-07'],
    ['February 30, 2025', null],
    ['13/45/2025', null],
    ['no date here', null],
    ['', null],
  ])('%s -> %s', (raw, expected) => {
    expect(parseListingDate(raw)).toBe(expected);
  });

  it('honours the format and dayOnly', () => {
    expect(parseListingDate('2023-01-04T12:00:00Z', 'iso', true)).toBe('2023-01-04');
    expect(parseListingDate('April 7, 2025', 'iso')).toBeNull();
    expect(parseListingDate('Mon, 07 Apr 2025 10:00:00 EDT', 'rfc822', true)).toBe('2025-04-07');
    expect(parseListingDate('Posted 4/7/2025', 'us')).toBe('2025-04-07');
  });

  it('reads only the start of a long text', () => {
    expect(parseListingDate(`${'x '.repeat(200)}April 7, 2025`)).toBeNull();
  });
});
