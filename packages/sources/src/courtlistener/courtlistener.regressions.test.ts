/**
 * Counterexamples from the parser property tests (../parsers.property.test.ts).
 */
import { ParseError } from '@docketwatch/core';
import { parseDocketEntriesPage } from './parse-docket-entries';

const page = (entry: Record<string, unknown>, court = 'mdd') =>
  parseDocketEntriesPage(JSON.stringify({ results: [entry] }), { court, docketNumber: '1' });

describe('CourtListener entries: dates and times at the edges', () => {
  it('a time_filed that is no time of day is PARSE_MALFORMED (it gave filedAt "2025-01-01T99:99:99-05:00")', () => {
    for (const time of ['99:99:99', '24:00', '12:60', '23:59:60']) {
      expect(() => page({ date_filed: '2025-01-01', time_filed: time })).toThrow(expect.objectContaining({ code: 'PARSE_MALFORMED' }));
    }
    expect(page({ date_filed: '2025-01-01', time_filed: '23:59:59.5' }).document.dockets[0]!.entries[0]!.filedAt).toBe(
      '2025-01-01T23:59:59-05:00',
    );
  });

  it('a date before standard time gets the local mean time offset, to the minute (it threw "cannot read the UTC offset")', () => {
    expect(page({ date_filed: '1800-01-01', time_filed: '12:00:00' }).document.dockets[0]!.entries[0]!.filedAt).toBe(
      '1800-01-01T12:00:00-04:56',
    );
  });

  it('a date_created whose day in the court has no four-digit year is no date (it gave "1-12-31", "10000-01-01")', () => {
    for (const created of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59']) {
      expect(() => page({ date_created: created })).toThrow(ParseError);
    }
    expect(page({ date_created: '2025-04-10T02:00:00Z' }).document.dockets[0]!.entries[0]!.filedAt).toBe('2025-04-09');
  });
});
