import {
  COURT_TIME_ZONES,
  courtTimeZone,
  courtTimeZoneOr,
  DEFAULT_COURT_TIME_ZONE,
  offsetMinutesAt,
  offsetMinutesOfWallTime,
  wallTimeAt,
  wallTimeToEpochMs,
  zonedIsoDateTime,
  type WallTime,
} from './time-zones';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): WallTime => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});

describe('court time zones', () => {
  it.each([
    ['mdd', 'America/New_York'],
    ['dcd', 'America/New_York'],
    ['txnd', 'America/Chicago'],
    ['ca4', 'America/New_York'],
    ['cadc', 'America/New_York'],
    ['ca5', 'America/Chicago'],
    ['scotus', 'America/New_York'],
  ])('ships %s in %s', (court, zone) => {
    expect(COURT_TIME_ZONES[court]).toBe(zone);
    expect(courtTimeZone(court)).toBe(zone);
  });

  it.each([
    // From the NEF table: the seat's zone, even where the district spans two.
    ['txwd', 'America/Chicago'],
    ['flmd', 'America/New_York'],
    ['jpml', 'America/New_York'],
    ['ord', 'America/Los_Angeles'],
    // From CourtListener's table.
    ['ca9', 'America/Los_Angeles'],
    ['azd', 'America/Phoenix'],
    ['mied', 'America/Detroit'],
    ['idd', 'America/Boise'],
    ['hid', 'Pacific/Honolulu'],
    ['gud', 'Pacific/Guam'],
  ])('%s -> %s', (court, zone) => {
    expect(courtTimeZone(court)).toBe(zone);
  });

  it('holds only zones this runtime knows', () => {
    for (const zone of new Set(Object.values(COURT_TIME_ZONES))) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
    }
  });

  it('ignores case and surrounding space', () => {
    expect(courtTimeZone(' CA9 ')).toBe('America/Los_Angeles');
  });

  it('knows nothing of unknown courts, not even inherited property names', () => {
    expect(courtTimeZone('unknown')).toBeNull();
    expect(courtTimeZone('constructor')).toBeNull();
    expect(courtTimeZone('')).toBeNull();
  });

  it('courtTimeZoneOr falls back to US/Eastern, or the fallback given', () => {
    expect(DEFAULT_COURT_TIME_ZONE).toBe('America/New_York');
    expect(courtTimeZoneOr('unknown')).toBe('America/New_York');
    expect(courtTimeZoneOr('unknown', 'UTC')).toBe('UTC');
    expect(courtTimeZoneOr('txnd', 'UTC')).toBe('America/Chicago');
  });
});

describe('offsetMinutesAt', () => {
  it.each([
    ['2025-01-15T12:00:00Z', 'America/New_York', -300],
    ['2025-07-15T12:00:00Z', 'America/New_York', -240],
    ['2025-07-15T12:00:00Z', 'America/Phoenix', -420],
    ['2025-06-01T00:00:00Z', 'Asia/Kolkata', 330],
    ['2025-07-15T12:00:00Z', 'Pacific/Guam', 600],
    ['2025-07-15T12:00:00Z', 'UTC', 0],
    // Either side of the spring-forward instant in New York (07:00Z on 9 March 2025).
    ['2025-03-09T06:59:59Z', 'America/New_York', -300],
    ['2025-03-09T07:00:00Z', 'America/New_York', -240],
    // Either side of the fall-back instant (06:00Z on 2 November 2025).
    ['2025-11-02T05:59:59Z', 'America/New_York', -240],
    ['2025-11-02T06:00:00Z', 'America/New_York', -300],
    // Local mean time before standard time (-4:56:02), rounded to the minute.
    ['1800-01-01T12:00:00Z', 'America/New_York', -296],
  ])('%s in %s -> %i', (iso, zone, offset) => {
    expect(offsetMinutesAt(Date.parse(iso), zone)).toBe(offset);
  });
});

describe('wallTimeAt', () => {
  it('gives the wall-clock fields in the zone', () => {
    expect(wallTimeAt(Date.parse('2024-04-17T08:30:15Z'), 'America/New_York')).toEqual(wall(2024, 4, 17, 4, 30, 15));
    expect(wallTimeAt(Date.parse('2024-04-17T08:30:15Z'), 'Pacific/Honolulu')).toEqual(wall(2024, 4, 16, 22, 30, 15));
  });

  it('counts years before 1 AD astronomically (1 BC is year 0)', () => {
    const oneBc = new Date(Date.UTC(2000, 5, 1)).setUTCFullYear(0);
    expect(wallTimeAt(oneBc, 'UTC')).toEqual(wall(0, 6, 1));
  });
});

describe('wallTimeToEpochMs', () => {
  it('is the inverse of wallTimeAt for an ordinary time', () => {
    const instant = Date.parse('2025-06-30T23:45:12Z');
    expect(wallTimeToEpochMs(wallTimeAt(instant, 'America/Denver'), 'America/Denver')).toBe(instant);
    expect(wallTimeToEpochMs(wall(2025, 1, 15, 12), 'America/Chicago')).toBe(Date.parse('2025-01-15T18:00:00Z'));
  });

  describe('spring forward (2 a.m. becomes 3 a.m. in New York on 9 March 2025)', () => {
    it('keeps the times either side of the gap', () => {
      expect(wallTimeToEpochMs(wall(2025, 3, 9, 1, 59, 59), 'America/New_York')).toBe(Date.parse('2025-03-09T06:59:59Z'));
      expect(wallTimeToEpochMs(wall(2025, 3, 9, 3), 'America/New_York')).toBe(Date.parse('2025-03-09T07:00:00Z'));
    });

    it('moves a skipped time forward by the gap (2:30 is read with standard time and shows as 3:30)', () => {
      const instant = wallTimeToEpochMs(wall(2025, 3, 9, 2, 30), 'America/New_York');
      expect(instant).toBe(Date.parse('2025-03-09T02:30:00-05:00'));
      expect(wallTimeAt(instant, 'America/New_York')).toEqual(wall(2025, 3, 9, 3, 30));
      expect(offsetMinutesOfWallTime(wall(2025, 3, 9, 2, 30), 'America/New_York')).toBe(-300);
    });

    it('does the same east of UTC (2:30 in Berlin on 30 March 2025 becomes 3:30)', () => {
      const instant = wallTimeToEpochMs(wall(2025, 3, 30, 2, 30), 'Europe/Berlin');
      expect(instant).toBe(Date.parse('2025-03-30T02:30:00+01:00'));
      expect(offsetMinutesOfWallTime(wall(2025, 3, 30, 2, 30), 'Europe/Berlin')).toBe(60);
    });
  });

  describe('fall back (1 a.m. to 2 a.m. happens twice in New York on 2 November 2025)', () => {
    it('takes the earlier (daylight) occurrence of a repeated time', () => {
      expect(wallTimeToEpochMs(wall(2025, 11, 2, 1, 30), 'America/New_York')).toBe(Date.parse('2025-11-02T01:30:00-04:00'));
      expect(offsetMinutesOfWallTime(wall(2025, 11, 2, 1, 30), 'America/New_York')).toBe(-240);
    });

    it('keeps the times either side of the overlap', () => {
      expect(wallTimeToEpochMs(wall(2025, 11, 2, 0, 59, 59), 'America/New_York')).toBe(Date.parse('2025-11-02T04:59:59Z'));
      expect(wallTimeToEpochMs(wall(2025, 11, 2, 2), 'America/New_York')).toBe(Date.parse('2025-11-02T07:00:00Z'));
      expect(offsetMinutesOfWallTime(wall(2025, 11, 2, 2), 'America/New_York')).toBe(-300);
    });

    it('does the same east of UTC (2:30 in Berlin on 26 October 2025 is summer time)', () => {
      expect(wallTimeToEpochMs(wall(2025, 10, 26, 2, 30), 'Europe/Berlin')).toBe(Date.parse('2025-10-26T02:30:00+02:00'));
    });
  });

  it('uses the year as given, not 19xx for two-digit years', () => {
    expect(wallTimeAt(wallTimeToEpochMs(wall(50, 6, 1, 12), 'UTC'), 'UTC')).toEqual(wall(50, 6, 1, 12));
  });

  it('gives zones without DST their fixed offset all year', () => {
    expect(offsetMinutesOfWallTime(wall(2025, 3, 9, 2, 30), 'America/Phoenix')).toBe(-420);
    expect(offsetMinutesOfWallTime(wall(2025, 11, 2, 1, 30), 'Pacific/Guam')).toBe(600);
  });
});

describe('courtTimeZoneOr, as CourtListener localises its entries', () => {
  it.each([
    ['mdd', 'America/New_York'],
    ['CA9', 'America/Los_Angeles'],
    ['txnd', 'America/Chicago'],
    ['azd', 'America/Phoenix'],
    ['mied', 'America/Detroit'],
    ['scotus', 'America/New_York'],
    ['unknown', 'America/New_York'],
  ])('%s -> %s', (court, zone) => {
    expect(courtTimeZoneOr(court)).toBe(zone);
  });
});

describe('zonedIsoDateTime', () => {
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
    expect(zonedIsoDateTime(date, time, zone)).toBe(expected);
  });

  it('gives an instant that reads back as the same wall-clock time', () => {
    const iso = zonedIsoDateTime('2025-06-30', '17:45:12', 'America/Denver');
    expect(new Date(iso).toISOString()).toBe('2025-06-30T23:45:12.000Z');
  });
});
