import fs from 'node:fs';
import path from 'node:path';
import { ParseError } from '@docketwatch/core';
import { detectFormat, parseDocument } from './detect-format';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/juriscraper/tests/examples');
const list = (dir: string, pattern: RegExp) =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f));
const read = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'latin1');

describe('detectFormat', () => {
  it.each(list('pacer/rss_feeds', /\.xml$/))('%s is a CM/ECF RSS feed', (file) => {
    expect(detectFormat(read(file))).toBe('pacer-rss');
  });

  it.each([...list('pacer/dockets/district', /\.html$/).filter((f) => !/dcd_2/.test(f)), ...list('pacer/dockets/appellate', /\.html$/)])(
    '%s is a CM/ECF docket report',
    (file) => {
      expect(detectFormat(read(file))).toBe('pacer-docket');
    },
  );

  it.each([...list('opinions/united_states', /\.xml$/), ...list('oral_args/united_states', /\.xml$/)])('%s is a generic feed', (file) => {
    expect(detectFormat(read(file))).toBe('feed');
  });

  it.each([
    ...list('scotus/dockets/json', /\.compare\.json$/),
    ...list('scotus/dockets/html', /\.html$/),
    ...list('scotus/dockets/htm', /\.htm$/),
  ])('%s is a Supreme Court docket', (file) => {
    expect(detectFormat(read(file))).toBe('scotus-docket');
  });

  it.each([
    ...list('pacer/dockets/not_dockets', /\.html$/),
    ...list('pacer/rss_feeds', /\.json$/),
    ...list('opinions/united_states', /\.html$/),
  ])('%s is none of the supported formats', (file) => {
    expect(detectFormat(read(file))).toBeNull();
  });

  it('says which formats it tried when nothing fits', async () => {
    await expect(parseDocument('hello')).rejects.toThrow(ParseError);
    await expect(parseDocument('hello')).rejects.toThrow(/pacer-rss, scotus-docket/);
  });
});
