/**
 * The calendar day of an instant in a court's zone, for CourtListener's dates. CourtListener stores
 * a docket entry's `date_filed` and `time_filed` in the court's local time with no offset
 * (cl/search/models.py, DocketEntry.time_filed); the court's zone (CourtListener's table merged with
 * the NEF parser's, defaulting to US/Eastern as CourtListener does) and the zone arithmetic live in
 * @docketwatch/core (time-zones.ts).
 */
import { wallTimeAt } from '@docketwatch/core';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The calendar day an instant falls on in a zone, as YYYY-MM-DD. The year is written as Intl writes
 * it, unpadded and without an era ("999-01-01", "1-12-31" for 1 BC, "10000-01-01"), so a day outside
 * years 1000-9999 is no YYYY-MM-DD and callers can tell.
 */
export function localDate(instantMs: number, zone: string): string {
  const { year, month, day } = wallTimeAt(instantMs, zone);
  return `${year < 1 ? 1 - year : year}-${pad(month)}-${pad(day)}`;
}
