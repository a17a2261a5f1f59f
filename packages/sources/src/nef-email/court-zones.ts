/**
 * The time zone a court's CM/ECF server stamps its notices in, for the courts whose notices the NEF
 * parser has seen. The zones and the zone arithmetic live in @docketwatch/core (time-zones.ts), which
 * explains why each court gets its seat's zone; this module only narrows the table.
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
import { courtTimeZone } from '@docketwatch/core';

const NEF_COURTS = [
  // Courts docketwatch ships with.
  'mdd dcd txnd ca4 cadc ca5 scotus',
  // Courts in the NEF fixtures.
  'almd alsd ared arwd cand ctb ded flmd gand ilnd jpml laed mdb njd nyed nysd ohnd ohsd oknd ord txsd txwd vaed',
].flatMap((courts) => courts.split(' '));

/** Court id -> IANA zone, for the courts above (zones from core's COURT_TIME_ZONES). */
export const NEF_COURT_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(NEF_COURTS.map((court) => [court, courtTimeZone(court)!])),
);

/** The zone of a court the NEF parser has seen notices from, or null. */
export function nefCourtTimeZone(court: string): string | null {
  return Object.prototype.hasOwnProperty.call(NEF_COURT_TIME_ZONES, court) ? NEF_COURT_TIME_ZONES[court]! : null;
}
