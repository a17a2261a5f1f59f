/**
 * The time zone a court's CM/ECF server stamps its notices in, and the UTC offset of a wall-clock
 * time there.
 *
 * Why a table: an NEF says "entered on 3/15/2019 9:52 AM" and most courts add "CDT" or "EDT", but
 * some (dcd's plain-text notices) print no zone at all. The zone printed wins when there is one (it
 * is the server describing its own clock); the table fills in when there is none.
 *
 * Why these zones: each court's CM/ECF server keeps the time of the court's seat, and every notice
 * it sends is stamped in that one zone even where the district spans two (txwd's El Paso division is
 * on Mountain time, but San Antonio's server prints Central). So the table holds the seat's IANA
 * zone, and IANA zones rather than fixed offsets because the offset depends on the date (DST).
 * It covers the courts in our fixtures and the courts docketwatch ships with; a court missing from
 * it just means a notice without a printed zone gets a plain date instead of a time.
 */

const NEW_YORK = 'America/New_York';
const CHICAGO = 'America/Chicago';
const LOS_ANGELES = 'America/Los_Angeles';

export const COURT_TIME_ZONES: Readonly<Record<string, string>> = {
  // Courts docketwatch ships with.
  mdd: NEW_YORK,
  dcd: NEW_YORK,
  txnd: CHICAGO, // Dallas
  ca4: NEW_YORK, // Richmond
  cadc: NEW_YORK,
  ca5: CHICAGO, // New Orleans
  scotus: NEW_YORK,
  // Courts in the NEF fixtures.
  almd: CHICAGO,
  alsd: CHICAGO,
  ared: CHICAGO,
  arwd: CHICAGO,
  cand: LOS_ANGELES,
  ctb: NEW_YORK,
  ded: NEW_YORK,
  flmd: NEW_YORK, // Tampa; all of the Middle District keeps Eastern time
  gand: NEW_YORK,
  ilnd: CHICAGO,
  jpml: NEW_YORK, // Washington, D.C.
  laed: CHICAGO,
  mdb: NEW_YORK,
  njd: NEW_YORK,
  nyed: NEW_YORK,
  nysd: NEW_YORK,
  ohnd: NEW_YORK,
  ohsd: NEW_YORK,
  oknd: CHICAGO,
  ord: LOS_ANGELES,
  txsd: CHICAGO, // Houston
  txwd: CHICAGO, // San Antonio (see above for El Paso)
  vaed: NEW_YORK,
};

export function courtTimeZone(court: string): string | null {
  return COURT_TIME_ZONES[court] ?? null;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset from UTC, in minutes, that `timeZone` has at the instant `utcMs`. */
function offsetAtInstant(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * Offset from UTC, in minutes, of a wall-clock time in `timeZone`. The candidates are the offset
 * at the instant the time would be in UTC and the offset at the instant that one gives; the answer
 * is a candidate that maps the time back to itself. In the hour repeated when DST ends both do,
 * and we take the first occurrence (daylight time); in the hour skipped when DST starts neither
 * does, and we take the offset in force before the jump (standard time), as the clock on the wall
 * still showed it.
 */
export function offsetOfWallClock(timeZone: string, clock: WallClock): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const first = offsetAtInstant(timeZone, asUtc);
  const second = offsetAtInstant(timeZone, asUtc - first * 60_000);
  const consistent = [first, second].filter((offset) => offsetAtInstant(timeZone, asUtc - offset * 60_000) === offset);
  if (consistent.length > 0) return Math.max(...consistent);
  return offsetAtInstant(timeZone, asUtc - first * 60_000 - DAY_MS);
}
