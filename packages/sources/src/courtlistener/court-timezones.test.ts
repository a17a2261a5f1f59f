import { courtTimeZone, localDate, zonedDateTime } from './court-timezones';

describe('courtTimeZone', () => {
  it.each([
    ['mdd', 'America/New_York'],
    ['CA9', 'America/Los_Angeles'],
    ['txnd', 'America/Chicago'],
    ['azd', 'America/Phoenix'],
    ['mied', 'America/Detroit'],
    ['scotus', 'America/New_York'],
    ['unknown', 'America/New_York'],
  ])('%s -> %s', (court, zone) => {
    expect(courtTimeZone(court)).toBe(zone);
  });
});

describe('zonedDateTime', () => {
  it.each([
    ['2025-01-15', '10:00:00', 'America/New_York', '2025-01-15T10:00:00-05:00'],
    ['2025-07-15', '10:00', 'America/New_York', '2025-07-15T10:00:00-04:00'],
    ['2025-07-15', '23:59:59.999999', 'America/Los_Angeles', '2025-07-15T23:59:59-07:00'],
    ['2025-07-15', '10:00:00', 'America/Phoenix', '2025-07-15T10:00:00-07:00'],
    ['2025-07-15', '10:00:00', 'Pacific/Guam', '2025-07-15T10:00:00+10:00'],
    // The day DST starts (2 a.m. becomes 3 a.m.): before, after, and inside the gap.
    ['2025-03-09', '01:59:59', 'America/New_York', '2025-03-09T01:59:59-05:00'],
    ['2025-03-09', '03:00:00', 'America/New_York', '2025-03-09T03:00:00-04:00'],
    ['2025-03-09', '02:30:00', 'America/New_York', '2025-03-09T02:30:00-05:00'],
    // The day it ends: after the repeated hour.
    ['2025-11-02', '03:00:00', 'America/Chicago', '2025-11-02T03:00:00-06:00'],
    ['2025-11-01', '23:00:00', 'America/Chicago', '2025-11-01T23:00:00-05:00'],
  ])('%s %s in %s -> %s', (date, time, zone, expected) => {
    expect(zonedDateTime(date, time, zone)).toBe(expected);
  });

  it('gives an instant that reads back as the same wall-clock time', () => {
    const iso = zonedDateTime('2025-06-30', '17:45:12', 'America/Denver');
    expect(new Date(iso).toISOString()).toBe('2025-06-30T23:45:12.000Z');
  });
});

describe('localDate', () => {
  it('is the calendar day in the zone', () => {
    const instant = Date.parse('2024-04-17T01:30:00-07:00'); // 04:30 in New York
    expect(localDate(instant, 'America/New_York')).toBe('2024-04-17');
    expect(localDate(instant, 'Pacific/Honolulu')).toBe('2024-04-16');
  });
});
