/**
 * Court time zones and wall-clock arithmetic in IANA zones. The arithmetic is Temporal's, through
 * @js-temporal/polyfill (the proposal champions' polyfill, which ships CommonJS and reads zone rules
 * from Intl): its "compatible" disambiguation is what a court's clock means, and it finds a zone's
 * transitions. Nothing here depends on the process's own time zone.
 *
 * Why a court table: a court's clock is local and its sources rarely say which zone that is. An NEF
 * says "entered on 3/15/2019 9:52 AM" and most courts add "CDT" or "EDT", but some (dcd's plain-text
 * notices) print no zone at all; CourtListener stores a docket entry's `date_filed`/`time_filed` in
 * the court's local time with no offset (cl/search/models.py, DocketEntry.time_filed). A zone printed
 * by the source wins when there is one; this table fills in when there is none.
 *
 * Why these zones: each court's CM/ECF server keeps the time of the court's seat, and every notice it
 * sends is stamped in that one zone even where the district spans two (txwd's El Paso division is on
 * Mountain time, but San Antonio's server prints Central). So the table holds the seat's IANA zone,
 * and IANA zones rather than fixed offsets because the offset depends on the date (DST).
 *
 * Where it comes from: the union of two tables that used to live in packages/sources: the NEF parser's
 * (the courts docketwatch ships with and the courts in the NEF fixtures, each checked against the
 * seat's zone) and CourtListener's cl/recap/constants.py COURT_TIMEZONES (with canonical IANA names),
 * which its DocketEntry.datetime_filed uses to localise entries. Where the two disagree the NEF table's
 * reasoning (the zone of the court's seat) wins; at the time of merging they agree on every court they
 * share, and every court in the NEF table is also in CourtListener's. (The NEF parser still fills in
 * a zone only for the courts it has seen notices from; see sources/src/nef-email/court-zones.ts.)
 */
import { Temporal } from '@js-temporal/polyfill';
import { formatOffset } from './dates';

/** Courts per time zone (split by zone for readability; COURT_TIME_ZONES is the lookup). */
const COURTS_BY_ZONE: Readonly<Record<string, string>> = {
  // Includes mdd, dcd, ca4 (Richmond), cadc, scotus, jpml (Washington, D.C.), and flmd (Tampa; all of
  // the Middle District keeps Eastern time).
  'America/New_York':
    'ca1 ca11 ca2 ca3 ca4 ca6 cadc cafc cavc cit ctb ctd dcb dcd deb ded fld flmb flmd flnb flnd flsb flsd gad gamb gamd ' +
    'ganb gand gasb gasd indianad innb innd insb insd jpml kyd kyeb kyed kywb kywd mab mad mdb mdd meb med mspb ncd nceb ' +
    'nced ncmb ncmd ncwb ncwd nhb nhd njb njd nyd nyeb nyed nynb nynd nysb nysd nywb nywd ohiod ohnb ohnd ohsb ohsd paeb ' +
    'paed pamb pamd pawb pawd rib rid scb scd scotus tneb tned uscfc vad vaeb vaed vawb vawd vtb vtd wvad wvnb wvnd wvsb wvsd',
  // Includes txnd (Dallas), ca5 (New Orleans), txsd (Houston) and txwd (San Antonio; see above for El Paso).
  'America/Chicago':
    'ald almb almd alnb alnd alsb alsd areb ared arwb arwd ca5 ca7 ca8 iad ianb iand iasb iasd ilcb ilcd illinoisd ' +
    'illinoised ilnb ilnd ilsb ilsd ksb ksd lad laeb laed lamb lamd lawb lawd missd mnb mnd mod moeb moed mowb mowd msnb ' +
    'msnd mssb mssd ndb ndd nebraskab ned okeb oked oknb oknd okwb okwd orld sdb sdd texd tnmb tnmd tnwb tnwd txeb txed ' +
    'txnb txnd txsb txsd txwb txwd wieb wied wisd wiwb wiwd',
  'America/Denver': 'ca10 cob cod mtb mtd nmb nmd utb utd wyb wyd',
  'America/Phoenix': 'arb azd',
  'America/Boise': 'idb idd',
  'America/Los_Angeles':
    'ca9 caca cacb cacd caeb caed californiad canalzoned canb cand casb casd nvb nvd orb ord waeb waed washd wawb wawd',
  'America/Anchorage': 'akb akd',
  'Pacific/Honolulu': 'hib hid',
  'Pacific/Guam': 'gub gud nmib nmid',
  'America/Detroit': 'michd mieb mied miwb miwd',
  'America/Puerto_Rico': 'prb prd',
  'America/St_Thomas': 'vib vid',
};

/** Court id (lower case, as in CourtListener and CM/ECF host names) -> IANA zone of the court's seat. */
export const COURT_TIME_ZONES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(COURTS_BY_ZONE).flatMap(([zone, courts]) => courts.split(' ').map((court) => [court, zone] as const))),
);

/** CourtListener falls back to US/Eastern for courts missing from its table. */
export const DEFAULT_COURT_TIME_ZONE = 'America/New_York';

/** The IANA zone of a court's clock, or null for a court the table does not know. Case and surrounding space are ignored. */
export function courtTimeZone(court: string): string | null {
  const key = court.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(COURT_TIME_ZONES, key) ? COURT_TIME_ZONES[key]! : null;
}

/** The IANA zone of a court's clock, or `fallback` (US/Eastern, as CourtListener does) for an unknown court. */
export function courtTimeZoneOr(court: string, fallback: string = DEFAULT_COURT_TIME_ZONE): string {
  return courtTimeZone(court) ?? fallback;
}

/** Wall-clock fields: month 1-12, hour 0-23. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const NS_PER_MINUTE = 60e9;

/** Throws RangeError unless `timeZone` is an IANA zone this runtime knows. Returns its canonical spelling. */
export function assertTimeZone(timeZone: string): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('A time zone is required');
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

function zonedAt(epochMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

/** Fields out of range roll over as Date.UTC's do (month 13 is January of the next year). */
function plainWallTime(w: WallTime): Temporal.PlainDateTime {
  return Temporal.PlainDateTime.from({ year: w.year, month: 1, day: 1 }).add({
    months: w.month - 1,
    days: w.day - 1,
    hours: w.hour,
    minutes: w.minute,
    seconds: w.second,
  });
}

/** The wall-clock fields in `timeZone` at the instant `epochMs`. Years before 1 AD count astronomically (1 BC is 0). */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const { year, month, day, hour, minute, second } = zonedAt(epochMs, timeZone);
  return { year, month, day, hour, minute, second };
}

/**
 * Minutes east of UTC in force in `timeZone` at `epochMs` (New York in April: -240). Before standard
 * time a zone keeps local mean time, to the second (-4:56:02 in New York before 1883): rounded to the minute.
 */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  return Math.round(zonedAt(epochMs, timeZone).offsetNanoseconds / NS_PER_MINUTE);
}

/**
 * A wall-clock time in `timeZone`, with Temporal's "compatible" disambiguation: a time that occurs
 * twice (the hour repeated in autumn) is the earlier one, i.e. read with daylight time; a time
 * skipped in spring is read with the offset in force before the jump (standard time), as the clock
 * on the wall still showed it, which moves it forward by the gap (2:30 becomes 3:30).
 */
export function zonedWallTime(w: WallTime, timeZone: string): Temporal.ZonedDateTime {
  return plainWallTime(w).toZonedDateTime(timeZone, { disambiguation: 'compatible' });
}

/** The instant of a wall-clock time in `timeZone` (disambiguated as zonedWallTime does). */
export function wallTimeToEpochMs(w: WallTime, timeZone: string): number {
  return zonedWallTime(w, timeZone).epochMilliseconds;
}

/**
 * The UTC offset, in minutes, to write after a wall-clock time in `timeZone`, with the same
 * disambiguation as wallTimeToEpochMs: daylight time in the repeated hour, standard time in the
 * skipped one. ({2025-03-09 02:30}, New York) -> -300.
 */
export function offsetMinutesOfWallTime(w: WallTime, timeZone: string): number {
  const asUtc = plainWallTime(w).toZonedDateTime('UTC').epochMilliseconds;
  return Math.round((asUtc - wallTimeToEpochMs(w, timeZone)) / 60_000);
}

/**
 * A wall-clock date and time in a zone as ISO 8601 with that zone's offset on that day:
 * ("2025-04-10", "14:02:11", "America/New_York") -> "2025-04-10T14:02:11-04:00". `time` is
 * HH:MM or HH:MM:SS. A time inside a spring-forward gap gets the offset from before the change,
 * which is what a clerk's clock showing that time meant; a time in the repeated autumn hour gets
 * daylight time.
 */
export function zonedIsoDateTime(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map((part) => Math.floor(Number(part))) as [number, number, number?];
  const offset = offsetMinutesOfWallTime({ year, month, day, hour, minute, second }, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

export interface ZoneTransition {
  /** The first instant of the new offset. */
  atMs: number;
  fromMinutes: number;
  toMinutes: number;
}

/** Every change of offset in `timeZone` within [fromMs, toMs). */
export function zoneTransitions(timeZone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  let current = zonedAt(fromMs, timeZone);
  for (;;) {
    const next: Temporal.ZonedDateTime | null = current.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= toMs) return found;
    const fromMinutes = Math.round(current.offsetNanoseconds / NS_PER_MINUTE);
    found.push({ atMs: next.epochMilliseconds, fromMinutes, toMinutes: Math.round(next.offsetNanoseconds / NS_PER_MINUTE) });
    current = next;
  }
}
