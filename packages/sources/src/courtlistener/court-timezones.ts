/**
 * CourtListener stores a docket entry's `date_filed` and `time_filed` in the court's local time
 * and gives no offset (cl/search/models.py, DocketEntry.time_filed: "according to the court
 * timezone"). Its own DocketEntry.datetime_filed localises them with cl/recap/constants.py
 * COURT_TIMEZONES, defaulting to US/Eastern. That table, merged with the NEF parser's, and the zone
 * arithmetic live in @docketwatch/core (time-zones.ts); this module keeps CourtListener's default and
 * the formatting only its mapping uses.
 */
import { courtTimeZoneOr, DEFAULT_COURT_TIME_ZONE, formatOffset, offsetMinutesOfWallTime, wallTimeAt } from '@docketwatch/core';

/** CourtListener falls back to US/Eastern for courts missing from its table; so do we. */
export { DEFAULT_COURT_TIME_ZONE };

export function courtTimeZone(court: string): string {
  return courtTimeZoneOr(court, DEFAULT_COURT_TIME_ZONE);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A wall-clock date and time in a zone as ISO 8601 with that zone's offset on that day:
 * ("2025-04-10", "14:02:11", "America/New_York") -> "2025-04-10T14:02:11-04:00".
 * A time inside a spring-forward gap gets the offset from before the change, which is what a
 * clerk's clock showing that time meant; a time in the repeated autumn hour gets daylight time.
 */
export function zonedDateTime(date: string, time: string, zone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map((part) => Math.floor(Number(part))) as [number, number, number?];
  const offset = offsetMinutesOfWallTime({ year, month, day, hour, minute, second }, zone);
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

/**
 * The calendar day an instant falls on in a zone, as YYYY-MM-DD. The year is written as Intl writes
 * it, unpadded and without an era ("999-01-01", "1-12-31" for 1 BC, "10000-01-01"), so a day outside
 * years 1000-9999 is no YYYY-MM-DD and callers can tell.
 */
export function localDate(instantMs: number, zone: string): string {
  const { year, month, day } = wallTimeAt(instantMs, zone);
  return `${year < 1 ? 1 - year : year}-${pad(month)}-${pad(day)}`;
}
