import { extractScheduledEvents, type ScheduledEvent } from './extract-events';
import { renderCalendar, scheduledEventInstant, scheduledEventUid, type CalendarEventInput } from './render-calendar';
import { offsetMinutesAt, wallTimeToEpochMs, zoneTransitions } from '@docketwatch/core';
import { vtimezone } from './vtimezone';

const NY = 'America/New_York';
const stamp = new Date('2025-04-07T18:06:00Z');

function event(overrides: Partial<ScheduledEvent> = {}): ScheduledEvent {
  return {
    kind: 'hearing',
    title: 'Motion Hearing',
    start: { date: '2025-04-15', time: '10:00' },
    timeZone: NY,
    location: 'Courtroom 3A',
    judge: 'Judge Paula Xinis',
    sourceText: 'Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis.',
    cancelled: false,
    rescheduled: false,
    previousStart: null,
    ...overrides,
  };
}

/** Unfolded content lines (RFC 5545 §3.1), every line checked for the 75-octet limit and CRLF endings first. */
function lines(ics: string): string[] {
  expect(ics.endsWith('END:VCALENDAR')).toBe(true);
  for (const physical of ics.split('\r\n')) {
    expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical).not.toMatch(/[\r\n]/);
  }
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The content lines of each VEVENT, keyed by property name with its parameters. */
function vevents(ics: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines(ics)) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      if (current) out.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return out;
}

function vtimezoneBlocks(ics: string): string[][] {
  const all = lines(ics);
  const blocks: string[][] = [];
  for (let i = all.indexOf('BEGIN:VTIMEZONE'); i >= 0; i = all.indexOf('BEGIN:VTIMEZONE', i + 1)) {
    blocks.push(all.slice(i, all.indexOf('END:VTIMEZONE', i) + 1));
  }
  return blocks;
}

function render(events: CalendarEventInput[], name = 'Abrego Garcia v. Noem — hearings and deadlines'): string {
  return renderCalendar({ name, events, stamp });
}

describe('renderCalendar', () => {
  it('writes timed events in the court’s zone with a VTIMEZONE, and a stable UID', () => {
    const uid = scheduledEventUid('entry-9001', event(), 'dw.example');
    const ics = render([{ uid, event: event(), url: 'https://dw.example/matters/abrego-garcia', label: 'Abrego Garcia v. Noem' }]);
    const all = lines(ics);
    expect(all.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//docketwatch//docketwatch//EN']);
    expect(all).toContain('X-WR-CALNAME:Abrego Garcia v. Noem — hearings and deadlines');
    const [vevent] = vevents(ics);
    expect(vevent?.get('UID')).toBe(uid);
    expect(uid).toMatch(/^[0-9a-f]{32}@dw\.example$/);
    expect(vevent?.get('DTSTART;TZID=America/New_York')).toBe('20250415T100000');
    expect(vevent?.get('DTEND;TZID=America/New_York')).toBe('20250415T110000');
    expect(vevent?.get('DTSTAMP')).toBe('20250407T180600Z');
    expect(vevent?.get('SUMMARY')).toBe('Motion Hearing · Abrego Garcia v. Noem');
    expect(vevent?.get('LOCATION')).toBe('Courtroom 3A');
    expect(vevent?.get('STATUS')).toBe('CONFIRMED');
    expect(vevent?.get('TRANSP')).toBe('OPAQUE');
    expect(vevent?.get('CATEGORIES')).toBe('Hearing');
    expect(vevent?.get('URL;VALUE=URI')).toBe('https://dw.example/matters/abrego-garcia');
    expect(vevent?.get('DESCRIPTION')).toBe(
      'Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis.\\n\\nBefore: Judge Paula Xinis',
    );
    const [tz] = vtimezoneBlocks(ics);
    expect(tz?.[1]).toBe('TZID:America/New_York');
    expect(all.filter((l) => l.startsWith('TZID:'))).toEqual(['TZID:America/New_York']);
    expect(all.some((l) => l.startsWith('TIMEZONE-ID') || l.startsWith('X-WR-TIMEZONE'))).toBe(false);
  });

  it('is identical on every render, so subscribed calendars see no change', () => {
    const input = [{ uid: scheduledEventUid('entry-9001', event()), event: event() }];
    expect(render(input)).toBe(render(input));
    expect(scheduledEventUid('entry-9001', event())).toBe(scheduledEventUid('entry-9001', event()));
    expect(scheduledEventUid('entry-9001', event())).not.toBe(scheduledEventUid('entry-9002', event()));
    expect(scheduledEventUid('entry-9001', event())).not.toBe(
      scheduledEventUid('entry-9001', event({ start: { date: '2025-04-16', time: '10:00' } })),
    );
  });

  it('writes events without a time as all-day dates, without a zone', () => {
    const deadline = event({
      kind: 'deadline',
      title: 'Responses due',
      start: { date: '2025-04-21', time: null },
      location: null,
      judge: null,
    });
    const [vevent] = vevents(render([{ uid: 'deadline-1@dw.example', event: deadline }]));
    expect(vevent?.get('DTSTART;VALUE=DATE')).toBe('20250421');
    expect([...(vevent?.keys() ?? [])].some((k) => k.startsWith('DTEND'))).toBe(false);
    expect([...(vevent?.keys() ?? [])].some((k) => k.includes('TZID'))).toBe(false);
    expect(vevent?.get('TRANSP')).toBe('TRANSPARENT');
    expect(vevent?.get('X-MICROSOFT-CDO-ALLDAYEVENT')).toBe('TRUE');
  });

  it('writes a timed deadline as an instant (no DTEND)', () => {
    const deadline = event({
      kind: 'deadline',
      title: 'Response to application (24A949) due',
      start: { date: '2025-04-09', time: '17:00' },
    });
    const [vevent] = vevents(render([{ uid: 'deadline-2@dw.example', event: deadline }]));
    expect(vevent?.get('DTSTART;TZID=America/New_York')).toBe('20250409T170000');
    expect([...(vevent?.keys() ?? [])].some((k) => k.startsWith('DTEND'))).toBe(false);
  });

  it('keeps cancelled settings, marked CANCELLED, and says what a reset replaced', () => {
    const ics = render([
      { uid: 'a@dw.example', event: event({ cancelled: true }) },
      {
        uid: 'b@dw.example',
        event: event({
          rescheduled: true,
          start: { date: '2025-04-16', time: '14:00' },
          previousStart: { date: '2025-04-15', time: '10:00' },
        }),
      },
    ]);
    const [cancelled, moved] = vevents(ics);
    expect(cancelled?.get('STATUS')).toBe('CANCELLED');
    expect(cancelled?.get('SUMMARY')).toBe('CANCELLED: Motion Hearing');
    expect(moved?.get('STATUS')).toBe('CONFIRMED');
    expect(moved?.get('DTSTART;TZID=America/New_York')).toBe('20250416T140000');
    expect(moved?.get('DESCRIPTION')).toContain('Previously: 2025-04-15 10:00');
  });

  it('escapes hostile text so nothing can add properties or components', () => {
    const hostile = 'Hearing, part; two \\ three\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\u0000\u0007\ud800 😀';
    const ics = renderCalendar({
      name: `Feed\r\nX-INJECTED:1; a, b`,
      stamp,
      events: [
        {
          uid: 'x@dw.example',
          event: event({ title: hostile, location: hostile, sourceText: hostile, judge: null }),
          url: 'javascript:alert(1)',
          label: 'Label\nX-EVIL:1',
        },
      ],
    });
    const all = lines(ics);
    expect(all.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(all.filter((l) => l.startsWith('UID:'))).toEqual(['UID:x@dw.example']);
    expect(all.some((l) => l.startsWith('X-INJECTED') || l.startsWith('X-EVIL'))).toBe(false);
    expect(ics).not.toMatch(/(?![\t\n\r])\p{Cc}|\p{Cs}/u); // controls other than line breaks; lone surrogates
    expect(ics).not.toContain('javascript:');
    expect(all).toContain('X-WR-CALNAME:Feed X-INJECTED:1\\; a\\, b');
    const [vevent] = vevents(ics);
    expect(vevent?.get('SUMMARY')).toBe('Hearing\\, part\\; two \\\\ three END:VEVENT BEGIN:VEVENT UID:evil 😀 · Label X-EVIL:1');
    expect(vevent?.get('DESCRIPTION')).toBe('Hearing\\, part\\; two \\\\ three\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil 😀');
  });

  it('percent-encodes , and ; in URLs instead of backslash-escaping them', () => {
    const [vevent] = vevents(render([{ uid: 'u@dw.example', event: event(), url: 'https://ecf.example/doc?a=1,2;3' }]));
    expect(vevent?.get('URL;VALUE=URI')).toBe('https://ecf.example/doc?a=1%2C2%3B3');
  });

  it('refuses unusable or duplicate UIDs', () => {
    expect(() => render([{ uid: 'a b', event: event() }])).toThrow(TypeError);
    expect(() => render([{ uid: 'x\r\nUID:y', event: event() }])).toThrow(TypeError);
    expect(() =>
      render([
        { uid: 'same@dw', event: event() },
        { uid: 'same@dw', event: event() },
      ]),
    ).toThrow(TypeError);
  });

  it('renders an empty calendar', () => {
    const all = lines(render([]));
    expect(all.filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:VCALENDAR']);
  });

  it('adds one VTIMEZONE per zone used', () => {
    const ics = render([
      { uid: 'a@dw', event: event() },
      { uid: 'b@dw', event: event({ timeZone: 'America/Chicago', start: { date: '2025-06-02', time: '09:00' } }) },
      { uid: 'c@dw', event: event({ timeZone: 'America/Chicago', start: { date: '2025-06-03', time: null } }) },
    ]);
    expect(vtimezoneBlocks(ics).map((b) => b[1])).toEqual(['TZID:America/New_York', 'TZID:America/Chicago']);
    expect(vevents(ics)[1]?.get('DTSTART;TZID=America/Chicago')).toBe('20250602T090000');
  });
});

describe('daylight saving time', () => {
  // US clocks went forward at 2:00 on Sunday 9 March 2025 and back at 2:00 on Sunday 2 November 2025.
  const before = event({ start: { date: '2025-03-08', time: '10:00' } });
  const after = event({ start: { date: '2025-03-10', time: '10:00' } });

  it('keeps the court’s wall-clock time on both sides of the change, and the VTIMEZONE says when it changes', () => {
    const ics = render([
      { uid: 'before@dw', event: before },
      { uid: 'after@dw', event: after },
      { uid: 'fallback@dw', event: event({ start: { date: '2025-11-02', time: '01:30' } }) },
    ]);
    const [a, b, c] = vevents(ics);
    expect(a?.get('DTSTART;TZID=America/New_York')).toBe('20250308T100000');
    expect(b?.get('DTSTART;TZID=America/New_York')).toBe('20250310T100000');
    expect(c?.get('DTSTART;TZID=America/New_York')).toBe('20251102T013000');
    expect(c?.get('DTEND;TZID=America/New_York')).toBe('20251102T023000');

    const tz = vtimezoneBlocks(ics)[0]?.join('\n') ?? '';
    expect(tz).toContain(
      ['BEGIN:DAYLIGHT', 'DTSTART:20250309T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'TZNAME:EDT', 'END:DAYLIGHT'].join('\n'),
    );
    expect(tz).toContain(
      ['BEGIN:STANDARD', 'DTSTART:20251102T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'TZNAME:EST', 'END:STANDARD'].join('\n'),
    );
  });

  it('maps the same 10:00 to different UTC instants either side of the change', () => {
    expect(scheduledEventInstant(before).toISOString()).toBe('2025-03-08T15:00:00.000Z');
    expect(scheduledEventInstant(after).toISOString()).toBe('2025-03-10T14:00:00.000Z');
    // 2:30 does not exist on 9 March: it is read as 3:30 EDT (RFC 5545 §3.3.5); 1:30 on 2 November is the first (EDT) one.
    expect(scheduledEventInstant(event({ start: { date: '2025-03-09', time: '02:30' } })).toISOString()).toBe('2025-03-09T07:30:00.000Z');
    expect(scheduledEventInstant(event({ start: { date: '2025-11-02', time: '01:30' } })).toISOString()).toBe('2025-11-02T05:30:00.000Z');
    expect(scheduledEventInstant(event({ start: { date: '2025-07-01', time: '09:00' }, timeZone: 'Europe/London' })).toISOString()).toBe(
      '2025-07-01T08:00:00.000Z',
    );
  });

  it('finds zone transitions and offsets without the process time zone', () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2026, 0, 1);
    expect(zoneTransitions(NY, from, to)).toEqual([
      { atMs: Date.UTC(2025, 2, 9, 7), fromMinutes: -300, toMinutes: -240 },
      { atMs: Date.UTC(2025, 10, 2, 6), fromMinutes: -240, toMinutes: -300 },
    ]);
    expect(zoneTransitions('America/Phoenix', from, to)).toEqual([]);
    expect(offsetMinutesAt(Date.UTC(2025, 5, 1), 'Asia/Kolkata')).toBe(330);
    expect(wallTimeToEpochMs({ year: 2025, month: 4, day: 15, hour: 10, minute: 0, second: 0 }, NY)).toBe(Date.UTC(2025, 3, 15, 14));
    expect(vtimezone('America/Phoenix', 2025, 2025).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:America/Phoenix',
      'BEGIN:STANDARD',
      'DTSTART:20250101T000000',
      'TZOFFSETFROM:-0700',
      'TZOFFSETTO:-0700',
      'TZNAME:MST',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });
});

describe('from docket text to calendar', () => {
  it('renders what extractScheduledEvents finds', () => {
    const text =
      'ORDER: Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis. Responses due by 4/11/2025. Status Conference set for 4/22/2025 is VACATED.';
    const found = extractScheduledEvents(text, { timeZone: NY });
    const ics = render(found.map((e) => ({ uid: scheduledEventUid('entry-77', e, 'dw.example'), event: e })));
    const events = vevents(ics);
    expect(events.map((e) => e.get('SUMMARY'))).toEqual(['Motion Hearing', 'Responses due', 'CANCELLED: Status Conference']);
    expect(events[0]?.get('DTSTART;TZID=America/New_York')).toBe('20250415T100000');
    expect(events[1]?.get('DTSTART;VALUE=DATE')).toBe('20250411');
    expect(events[2]?.get('DTSTART;VALUE=DATE')).toBe('20250422');
    expect(events[2]?.get('STATUS')).toBe('CANCELLED');
  });
});
