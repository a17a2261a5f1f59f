/**
 * Counterexamples from the parser property tests (packages/sources/src/parsers.property.test.ts).
 */
import { parseRfc822DateTime } from './dates';

describe('parseRfc822DateTime: numeric zones that are no UTC offset', () => {
  // Read as hours and minutes, "+9999" became "+100:39": a filedAt no ISO 8601 reader accepts.
  it.each(['Fri, 03 Feb 2023 12:20:16 +9999', '01 Jan 1990 00:00 -2400', '01 Jan 1990 00:00 +2360', '01 Jan 1990 00:00 +99:99'])(
    '%s -> null',
    (raw) => {
      expect(parseRfc822DateTime(raw)).toBeNull();
    },
  );

  it.each([
    ['01 Jan 1990 00:00 +2359', '1990-01-01T00:00:00+23:59'],
    ['01 Jan 1990 00:00 -23:00', '1990-01-01T00:00:00-23:00'],
  ])('%s -> %s (the largest offsets are still offsets)', (raw, iso) => {
    expect(parseRfc822DateTime(raw)).toBe(iso);
  });
});
