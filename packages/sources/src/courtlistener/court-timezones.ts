/**
 * CourtListener stores a docket entry's `date_filed` and `time_filed` in the court's local time
 * and gives no offset (cl/search/models.py, DocketEntry.time_filed: "according to the court
 * timezone"). Its own DocketEntry.datetime_filed localises them with cl/recap/constants.py
 * COURT_TIMEZONES, defaulting to US/Eastern; this is that table, with canonical IANA names.
 */

/** Courts per time zone, as in CourtListener's COURT_TIMEZONES (split for readability). */
const COURTS_BY_ZONE: Record<string, string> = {
  'America/New_York':
    'ca1 ca11 ca2 ca3 ca4 ca6 cadc cafc cavc cit ctb ctd dcb dcd deb ded fld flmb flmd flnb flnd flsb flsd gad gamb gamd ' +
    'ganb gand gasb gasd indianad innb innd insb insd jpml kyd kyeb kyed kywb kywd mab mad mdb mdd meb med mspb ncd nceb ' +
    'nced ncmb ncmd ncwb ncwd nhb nhd njb njd nyd nyeb nyed nynb nynd nysb nysd nywb nywd ohiod ohnb ohnd ohsb ohsd paeb ' +
    'paed pamb pamd pawb pawd rib rid scb scd scotus tneb tned uscfc vad vaeb vaed vawb vawd vtb vtd wvad wvnb wvnd wvsb wvsd',
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

const ZONE_OF_COURT = new Map<string, string>(
  Object.entries(COURTS_BY_ZONE).flatMap(([zone, courts]) => courts.split(' ').map((court) => [court, zone] as const)),
);

/** CourtListener falls back to US/Eastern for courts missing from its table; so do we. */
export const DEFAULT_COURT_TIME_ZONE = 'America/New_York';

export function courtTimeZone(court: string): string {
  return ZONE_OF_COURT.get(court.trim().toLowerCase()) ?? DEFAULT_COURT_TIME_ZONE;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let formatter = cache.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options });
    cache.set(zone, formatter);
  }
  return formatter;
}

/**
 * The zone's UTC offset in minutes at an instant ("GMT-04:00" -> -240). Before standard time a zone
 * keeps local mean time, to the second ("GMT-04:56:02" in New York before 1883): rounded to the minute.
 */
function offsetMinutesAt(zone: string, instantMs: number): number {
  const name = cached(offsetFormatters, zone, { timeZoneName: 'longOffset' })
    .formatToParts(instantMs)
    .find((part) => part.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (!m) throw new Error(`cannot read the UTC offset of ${zone}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * Math.round(Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A wall-clock date and time in a zone as ISO 8601 with that zone's offset on that day:
 * ("2025-04-10", "14:02:11", "America/New_York") -> "2025-04-10T14:02:11-04:00".
 * A time inside a spring-forward gap gets the offset from before the change, which is what a
 * clerk's clock showing that time meant.
 */
export function zonedDateTime(date: string, time: string, zone: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map((part) => Math.floor(Number(part))) as [number, number, number?];
  const wallMs = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at the wall time read as UTC is off by at most one DST shift; one correction settles it.
  const guess = offsetMinutesAt(zone, wallMs);
  const offset = offsetMinutesAt(zone, wallMs - guess * 60_000);
  const settled = offsetMinutesAt(zone, wallMs - offset * 60_000) === offset ? offset : guess;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${formatOffset(settled)}`;
}

/** The calendar day an instant falls on in a zone, as YYYY-MM-DD. */
export function localDate(instantMs: number, zone: string): string {
  const parts = cached(dateFormatters, zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instantMs);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
