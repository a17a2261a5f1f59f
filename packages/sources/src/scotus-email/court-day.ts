/**
 * Dates of a supremecourt.gov mail. The mail carries no filing date, only when it was sent
 * (the Date header), and the court sends it as the entry is added to the docket. The entry's
 * date is therefore the day in Washington when the mail left, not the UTC day: a mail sent at
 * 22:04 EDT on 8 October has a Date of 9 October 02:04 UTC, and its docket entry reads Oct 08.
 */

const COURT_TIME_ZONE = 'America/New_York';

/** Built once: constructing an Intl formatter is far slower than using one. */
const COURT_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: COURT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The instants whose UTC day and Washington day both have four-digit years, so isoInstant and
 * courtDay write them as ISO 8601 does ("Date: Fri, 14 Nov 99999 …" decodes to a real Date).
 */
const EARLIEST_INSTANT = Date.parse('0001-01-02T00:00:00Z');
const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** True for a Date that denotes an instant we can write (mail parsers hand back Invalid Date for junk headers). */
export function isValidInstant(value: unknown): value is Date {
  if (!(value instanceof Date)) return false;
  const time = value.getTime();
  return time >= EARLIEST_INSTANT && time <= LATEST_INSTANT;
}

/** The calendar day (YYYY-MM-DD) in Washington at `instant`. */
export function courtDay(instant: Date): string {
  const parts = COURT_DAY.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** ISO 8601 in UTC with an explicit offset, as juriscraper writes a mail's Date ("2025-11-14T17:08:05+00:00"). */
export function isoInstant(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
