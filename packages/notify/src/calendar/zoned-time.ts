/**
 * Wall-clock time in IANA time zones with nothing but Intl: the zone's transitions and a VTIMEZONE
 * built from them. The offset in force at an instant and the instant of a wall-clock time live in
 * @docketwatch/core (time-zones.ts) and are re-exported here. Nothing here depends on the process's
 * own time zone.
 */
import { offsetMinutesAt, wallTimeToEpochMs, type WallTime } from '@docketwatch/core';

export { offsetMinutesAt, wallTimeAt, wallTimeToEpochMs, type WallTime } from '@docketwatch/core';

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError unless `timeZone` is an IANA zone this runtime knows. Returns its canonical spelling. */
export function assertTimeZone(timeZone: string): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('A time zone is required');
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

export interface ZoneTransition {
  /** The first instant of the new offset. */
  atMs: number;
  fromMinutes: number;
  toMinutes: number;
}

/** Every change of offset in `timeZone` within [fromMs, toMs), found by a daily scan refined to the second. */
export function zoneTransitions(timeZone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  const step = 86_400_000;
  let t = fromMs;
  let offset = offsetMinutesAt(t, timeZone);
  while (t < toMs) {
    const next = Math.min(t + step, toMs);
    const nextOffset = offsetMinutesAt(next, timeZone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (mid <= lo) break;
        if (offsetMinutesAt(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ atMs: hi, fromMinutes: offset, toMinutes: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return found;
}

function zoneAbbreviation(epochMs: number, timeZone: string): string {
  let f = nameFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    nameFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return name.replace(/[^A-Za-z0-9+\-:]/g, '');
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

function icalLocal(w: WallTime): string {
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

function icalOffset(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

function utcWall(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for `timeZone` covering the years [fromYear, toYear]: the offset in
 * force on 1 January of fromYear, then one observance per actual transition, each starting at the
 * local time (in the old offset) at which it happens. Explicit observances rather than RRULEs, so
 * it is right for any zone's history, not only today's rules.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const startMs = wallTimeToEpochMs({ year: fromYear, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  const endMs = wallTimeToEpochMs({ year: toYear + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  const initial = offsetMinutesAt(startMs, timeZone);
  const transitions = zoneTransitions(timeZone, startMs, endMs);
  const standard = Math.min(initial, ...transitions.map((t) => t.toMinutes));
  const observance = (atMs: number, from: number, to: number, dtstart: WallTime): string[] => {
    const kind = to > standard ? 'DAYLIGHT' : 'STANDARD';
    const name = zoneAbbreviation(atMs, timeZone);
    return [
      `BEGIN:${kind}`,
      `DTSTART:${icalLocal(dtstart)}`,
      `TZOFFSETFROM:${icalOffset(from)}`,
      `TZOFFSETTO:${icalOffset(to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(startMs, initial, initial, { year: fromYear, month: 1, day: 1, hour: 0, minute: 0, second: 0 }),
    ...transitions.flatMap((t) => observance(t.atMs, t.fromMinutes, t.toMinutes, utcWall(t.atMs + t.fromMinutes * 60_000))),
    'END:VTIMEZONE',
  ].join('\r\n');
}
