/**
 * The time zone a court's CM/ECF server stamps its notices in, and the UTC offset of a wall-clock
 * time there. The zones and the zone arithmetic live in @docketwatch/core (time-zones.ts), which
 * explains why each court gets its seat's zone; this module keeps the names the NEF parser uses.
 *
 * An NEF says "entered on 3/15/2019 9:52 AM" and most courts add "CDT" or "EDT", but some (dcd's
 * plain-text notices) print no zone at all. The zone printed wins when there is one (it is the server
 * describing its own clock); the table fills in when there is none.
 *
 * Which courts: the NEF parser fills in a zone only for the courts docketwatch ships with and the
 * courts in the NEF fixtures, whose notices we have seen; for any other court a notice without a
 * printed zone gets a plain date instead of a time, even where core's table (which also holds
 * CourtListener's courts) knows the court.
 */
import { courtTimeZone as seatTimeZone, offsetMinutesOfWallTime, type WallTime } from '@docketwatch/core';

const NEF_COURTS = [
  // Courts docketwatch ships with.
  'mdd dcd txnd ca4 cadc ca5 scotus',
  // Courts in the NEF fixtures.
  'almd alsd ared arwd cand ctb ded flmd gand ilnd jpml laed mdb njd nyed nysd ohnd ohsd oknd ord txsd txwd vaed',
].flatMap((courts) => courts.split(' '));

/** Court id -> IANA zone, for the courts above (zones from core's COURT_TIME_ZONES). */
export const COURT_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(NEF_COURTS.map((court) => [court, seatTimeZone(court)!])),
);

export function courtTimeZone(court: string): string | null {
  return Object.prototype.hasOwnProperty.call(COURT_TIME_ZONES, court) ? COURT_TIME_ZONES[court]! : null;
}

export type WallClock = WallTime;

/**
 * Offset from UTC, in minutes, of a wall-clock time in `timeZone`. In the hour repeated when DST
 * ends we take the first occurrence (daylight time); in the hour skipped when DST starts we take the
 * offset in force before the jump (standard time), as the clock on the wall still showed it.
 */
export function offsetOfWallClock(timeZone: string, clock: WallClock): number {
  return offsetMinutesOfWallTime(clock, timeZone);
}
