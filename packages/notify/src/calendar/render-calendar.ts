import { createHash } from 'node:crypto';
import ical, { escape, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { assertTimeZone, safeHref, wallTimeToEpochMs, zonedWallTime } from '@docketwatch/core';
import { stripInvalidXmlChars } from '../feeds/xml-escape';
import type { EventStart, ScheduledEvent, ScheduledEventKind } from './extract-events';
import { vtimezone } from './vtimezone';

export interface CalendarEventInput {
  /** Stable across renders (see scheduledEventUid): calendar apps match events by it. */
  uid: string;
  event: ScheduledEvent;
  /** The docket entry or matter page. */
  url?: string | null;
  /** Default: the sentence the event was read from. */
  description?: string | null;
  /** Appended to the summary: "Motion Hearing · Abrego Garcia v. Noem". */
  label?: string | null;
  /** Raise when the same uid changes (RFC 5545 SEQUENCE). Default 0. */
  sequence?: number;
}

export interface CalendarInput {
  name: string;
  events: readonly CalendarEventInput[];
  /** DTSTAMP of every event; pass the feed's last change so the output is stable. Default: now. */
  stamp?: Date;
  /** Length given to timed hearings, conferences, trials and arguments; deadlines are instants. Default 60. */
  durationMinutes?: number;
}

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

const UID = /^[A-Za-z0-9@._:+/=-]{1,255}$/;
const KIND_LABEL: Record<ScheduledEventKind, string> = {
  hearing: 'Hearing',
  deadline: 'Deadline',
  conference: 'Conference',
  trial: 'Trial',
  argument: 'Argument',
};

function parseStart(start: EventStart): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start.date);
  const t = start.time === null ? ['', '0', '0'] : /^([01]\d|2[0-3]):([0-5]\d)$/.exec(start.time);
  if (!d || !t) throw new RangeError(`Not a date/time: ${start.date} ${String(start.time)}`);
  return { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) };
}

/** The instant an event starts (its wall time in its zone); midnight in the zone for all-day events. */
export function scheduledEventInstant(event: Pick<ScheduledEvent, 'start' | 'timeZone'>): Date {
  const s = parseStart(event.start);
  return new Date(wallTimeToEpochMs({ ...s, second: 0 }, assertTimeZone(event.timeZone)));
}

/** Text for iCalendar: no control characters (bar tab and line breaks), no lone surrogates. */
function icalText(text: string): string {
  return stripInvalidXmlChars(text).replace(/\r\n?/g, '\n').trim();
}

/** iCalendar does not escape URIs, and ical-generator backslash-escapes `,` and `;` in them: percent-encode those instead. */
function icalUri(url: string | null | undefined): string | null {
  const safe = url ? safeHref(url) : null;
  return safe ? safe.replace(/[,;\\]/g, (c) => encodeURIComponent(c)) : null;
}

function describe(input: CalendarEventInput): string {
  const e = input.event;
  const lines = [input.description ?? e.sourceText];
  if (e.judge) lines.push(`Before: ${e.judge}`);
  if (e.previousStart) lines.push(`Previously: ${e.previousStart.date}${e.previousStart.time ? ` ${e.previousStart.time}` : ''}`);
  if (e.cancelled) lines.push('This setting has been vacated or cancelled.');
  return icalText(lines.filter(Boolean).join('\n\n'));
}

/**
 * A stable UID for an event read from a docket entry: the same entry and the same setting give the
 * same UID on every render. `sourceKey` identifies the entry (e.g. its database id).
 */
export function scheduledEventUid(sourceKey: string, event: ScheduledEvent, domain = 'docketwatch'): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([sourceKey, event.kind, event.title, event.start.date, event.start.time, event.timeZone]))
    .digest('hex')
    .slice(0, 32);
  const host = domain.replace(/[^A-Za-z0-9.-]/g, '') || 'docketwatch';
  return `${hash}@${host}`;
}

/**
 * An iCalendar feed (RFC 5545) of scheduled events. Timed events carry `DTSTART;TZID=<court zone>`
 * with a VTIMEZONE for each zone used; events without a time are all-day (`VALUE=DATE`); cancelled
 * settings stay in the feed with STATUS:CANCELLED, so subscribed calendars remove or strike them.
 */
export function renderCalendar(input: CalendarInput): string {
  const duration = input.durationMinutes ?? 60;
  if (!Number.isInteger(duration) || duration < 0) throw new RangeError('durationMinutes is a whole number ≥ 0');
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const e of input.events) {
    const { year } = parseStart(e.event.start);
    minYear = Math.min(minYear, year);
    maxYear = Math.max(maxYear, year);
  }

  const calendar = ical({
    name: escape(icalText(input.name).replace(/\n/g, ' '), false),
    prodId: { company: 'docketwatch', product: 'docketwatch', language: 'EN' },
  });
  calendar.timezone({ name: null, generator: (tz) => vtimezone(tz, minYear, maxYear) });

  const seen = new Set<string>();
  for (const item of input.events) {
    if (!UID.test(item.uid)) throw new TypeError(`Not a usable UID: ${JSON.stringify(item.uid.slice(0, 40))}`);
    if (seen.has(item.uid)) throw new TypeError(`Duplicate UID ${item.uid}`);
    seen.add(item.uid);
    const e = item.event;
    const s = parseStart(e.start);
    const title = icalText(e.title).replace(/\n/g, ' ') || KIND_LABEL[e.kind];
    const label = item.label ? icalText(item.label).replace(/\n/g, ' ') : '';
    const summary = `${e.cancelled ? 'CANCELLED: ' : ''}${title}${label ? ` · ${label}` : ''}`;
    const common = {
      id: item.uid,
      sequence: item.sequence ?? 0,
      stamp: input.stamp ?? new Date(),
      summary,
      description: describe(item),
      location: e.location ? icalText(e.location).replace(/\n/g, ' ') || null : null,
      url: icalUri(item.url),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      transparency: e.kind === 'deadline' ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
      categories: [{ name: KIND_LABEL[e.kind] }],
    };
    if (e.start.time === null) {
      calendar.createEvent({ ...common, start: new Date(Date.UTC(s.year, s.month - 1, s.day)), allDay: true });
    } else {
      const zone = assertTimeZone(e.timeZone);
      // ical-generator writes a Temporal.ZonedDateTime as DTSTART;TZID=<zone>:<its wall time>; a
      // native Date would be read in the process's own zone.
      const start = zonedWallTime({ ...s, second: 0 }, zone);
      // Wall-clock arithmetic: 1:30 + 60 min is 2:30 even on the night the clocks go back, as a reader expects.
      const end =
        e.kind === 'deadline' || duration === 0
          ? null
          : start.toPlainDateTime().add({ minutes: duration }).toZonedDateTime(zone, { disambiguation: 'compatible' });
      calendar.createEvent({ ...common, start, end, timezone: zone });
    }
  }
  return calendar.toString();
}
