/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for ical-generator's timezone generator. Explicit observances, one
 * per actual transition, rather than the RRULEs that VTIMEZONE libraries write from today's rules:
 * so it is right for any zone's history (a 2005 hearing in New York kept the pre-2007 DST dates).
 * The transitions and offsets come from @docketwatch/core; this module only writes them out.
 */
import { offsetMinutesAt, wallTimeAt, wallTimeToEpochMs, zoneTransitions, type WallTime } from '@docketwatch/core';

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

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

const newYear = (year: number): WallTime => ({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 });

/**
 * A VTIMEZONE for `timeZone` covering the years [fromYear, toYear]: the offset in force on 1
 * January of fromYear, then one observance per transition, each starting at the local time (in the
 * old offset) at which it happens.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const startMs = wallTimeToEpochMs(newYear(fromYear), timeZone);
  const endMs = wallTimeToEpochMs(newYear(toYear + 1), timeZone);
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
    ...observance(startMs, initial, initial, newYear(fromYear)),
    ...transitions.flatMap((t) => observance(t.atMs, t.fromMinutes, t.toMinutes, wallTimeAt(t.atMs + t.fromMinutes * 60_000, 'UTC'))),
    'END:VTIMEZONE',
  ].join('\r\n');
}
