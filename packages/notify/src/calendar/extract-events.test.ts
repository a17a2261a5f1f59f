import { extractScheduledEvents, type ScheduledEvent } from './extract-events';

const NY = 'America/New_York';
const reference = new Date('2025-04-07T16:00:00Z');

type Expected = Partial<Omit<ScheduledEvent, 'start'>> & { date: string; time?: string | null };

function summarise(events: ScheduledEvent[]): Record<string, unknown>[] {
  return events.map(({ sourceText: _s, start, ...rest }) => ({ ...rest, date: start.date, time: start.time }));
}

function expectEvents(text: string, expected: Expected[], options: { timeZone?: string; reference?: Date | null } = {}): void {
  const events = extractScheduledEvents(text, {
    timeZone: options.timeZone ?? NY,
    ...(options.reference === null ? {} : { reference: options.reference ?? reference }),
  });
  expect(summarise(events)).toEqual(
    expected.map((e) =>
      expect.objectContaining({
        cancelled: false,
        rescheduled: false,
        previousStart: null,
        time: null,
        ...e,
      }),
    ),
  );
}

/** Phrasings from CM/ECF district and appellate dockets and Supreme Court dockets, as courts write them. */
const SCHEDULED: [string, Expected[]][] = [
  [
    'Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis.',
    [
      {
        kind: 'hearing',
        title: 'Motion Hearing',
        date: '2025-04-15',
        time: '10:00',
        location: 'Courtroom 3A',
        judge: 'Judge Paula Xinis',
        timeZone: NY,
      },
    ],
  ],
  [
    'Status Conference set for 4/22/2025 at 2:00 PM',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-04-22', time: '14:00' }],
  ],
  ['Responses due by 4/21/2025', [{ kind: 'deadline', title: 'Responses due', date: '2025-04-21', location: null, judge: null }]],
  ['Reply due by 4/25/2025.', [{ kind: 'deadline', title: 'Reply due', date: '2025-04-25' }]],
  ['Jury Trial set for 9/8/2025 9:30 AM', [{ kind: 'trial', title: 'Jury Trial', date: '2025-09-08', time: '09:30' }]],
  ['Oral Argument set for 5/15/2025', [{ kind: 'argument', title: 'Oral Argument', date: '2025-05-15' }]],
  ['SET FOR ARGUMENT on Monday, May 12, 2025.', [{ kind: 'argument', title: 'Oral argument', date: '2025-05-12' }]],
  [
    'Response to application (24A949) requested by The Chief Justice, due by 5 p.m. (EDT) April 9, 2025.',
    [{ kind: 'deadline', title: 'Response to application (24A949) due', date: '2025-04-09', time: '17:00', timeZone: NY, judge: null }],
  ],
  [
    'Set/Reset Hearings: Status Conference set for 5/1/2025 10:00 AM in Courtroom 20- In Person before Chief Judge James E. Boasberg. (zjd)',
    [
      {
        kind: 'conference',
        title: 'Status Conference',
        date: '2025-05-01',
        time: '10:00',
        location: 'Courtroom 20- In Person',
        judge: 'Chief Judge James E. Boasberg',
      },
    ],
  ],
  [
    'Initial Appearance set for 4/10/2025 01:30 PM in Courtroom 7C before Magistrate Judge Zia M. Faruqui.',
    [
      {
        kind: 'hearing',
        title: 'Initial Appearance',
        date: '2025-04-10',
        time: '13:30',
        location: 'Courtroom 7C',
        judge: 'Magistrate Judge Zia M. Faruqui',
      },
    ],
  ],
  [
    'TRO Hearing set for 4/8/2025 at 3:00 PM via Zoom before Judge Paula Xinis.',
    [{ kind: 'hearing', title: 'TRO Hearing', date: '2025-04-08', time: '15:00', location: 'Zoom', judge: 'Judge Paula Xinis' }],
  ],
  [
    'Telephone Conference set for 4/18/2025 at 11:00 AM before Judge Paula Xinis.',
    [{ kind: 'conference', title: 'Telephone Conference', date: '2025-04-18', time: '11:00', judge: 'Judge Paula Xinis' }],
  ],
  [
    'Evidentiary Hearing set for April 15, 2025, at 10:00 a.m. (EDT) in Courtroom 4C, 6500 Cherrywood Lane, Greenbelt, MD 20770.',
    [
      {
        kind: 'hearing',
        title: 'Evidentiary Hearing',
        date: '2025-04-15',
        time: '10:00',
        location: 'Courtroom 4C, 6500 Cherrywood Lane, Greenbelt, MD 20770',
      },
    ],
  ],
  ['Bench Trial set for 2025-09-08 09:00', [{ kind: 'trial', title: 'Bench Trial', date: '2025-09-08', time: '09:00' }]],
  ['Motion Hearing set for 4/15/25 10:00 AM', [{ kind: 'hearing', title: 'Motion Hearing', date: '2025-04-15', time: '10:00' }]],
  ['Status Conference set for 4/22/2025 at noon.', [{ kind: 'conference', title: 'Status Conference', date: '2025-04-22', time: '12:00' }]],
  [
    'Sentencing set for 7/9/2025 at 14:30 in Courtroom 2C.',
    [{ kind: 'hearing', title: 'Sentencing', date: '2025-07-09', time: '14:30', location: 'Courtroom 2C' }],
  ],
  ['ORAL ARGUMENT SCHEDULED for 09/15/2025.', [{ kind: 'argument', title: 'Oral Argument', date: '2025-09-15' }]],
  ['DISTRIBUTED for Conference of 4/17/2025.', [{ kind: 'conference', title: 'Conference', date: '2025-04-17' }]],
  [
    'The parties shall file a joint status report by April 30, 2025.',
    [{ kind: 'deadline', title: 'Joint status report due', date: '2025-04-30' }],
  ],
  [
    'Defendants shall respond to the motion no later than April 14, 2025, at 5:00 p.m.',
    [{ kind: 'deadline', title: 'Response to the motion due', date: '2025-04-14', time: '17:00' }],
  ],
  ['Plaintiff may file a reply by April 21, 2025.', [{ kind: 'deadline', title: 'Reply due', date: '2025-04-21' }]],
  [
    'A hearing on the motion will be held on April 15, 2025, at 3:00 p.m. in Courtroom 4C.',
    [{ kind: 'hearing', title: 'Hearing on the motion', date: '2025-04-15', time: '15:00', location: 'Courtroom 4C' }],
  ],
  [
    'ORDER: The Court will hold a preliminary injunction hearing on Tuesday, April 15, 2025 at 10 a.m.',
    [{ kind: 'hearing', title: 'Preliminary injunction hearing', date: '2025-04-15', time: '10:00' }],
  ],
  [
    'SUMMONS Returned Executed as to Kristi Noem. Kristi Noem served on 4/14/2025, answer due 5/5/2025.',
    [{ kind: 'deadline', title: 'Answer due', date: '2025-05-05' }],
  ],
  [
    'TRANSCRIPT of Motion Hearing held on 4/3/2025, before Judge Paula Xinis. Redaction Request due 4/24/2025. Redacted Transcript Deadline set for 5/5/2025. Release of Transcript Restriction set for 7/3/2025.',
    [
      { kind: 'deadline', title: 'Redaction Request due', date: '2025-04-24' },
      { kind: 'deadline', title: 'Redacted Transcript Deadline', date: '2025-05-05' },
      { kind: 'deadline', title: 'Release of Transcript Restriction due', date: '2025-07-03' },
    ],
  ],
  [
    'SCHEDULING ORDER: Discovery due by 10/1/2025. Dispositive Motions due by 11/3/2025. Final Pretrial Conference set for 12/15/2025 10:00 AM.',
    [
      { kind: 'deadline', title: 'Discovery due', date: '2025-10-01' },
      { kind: 'deadline', title: 'Dispositive Motions due', date: '2025-11-03' },
      { kind: 'conference', title: 'Final Pretrial Conference', date: '2025-12-15', time: '10:00' },
    ],
  ],
  [
    'Responses due by 4/21/2025, replies due by 4/28/2025.',
    [
      { kind: 'deadline', title: 'Responses due', date: '2025-04-21' },
      { kind: 'deadline', title: 'Replies due', date: '2025-04-28' },
    ],
  ],
  [
    'Motion Hearing set for 4/15/2025 10:00 AM and Status Conference set for 4/22/2025 2:00 PM before Judge Paula Xinis.',
    [
      { kind: 'hearing', title: 'Motion Hearing', date: '2025-04-15', time: '10:00' },
      { kind: 'conference', title: 'Status Conference', date: '2025-04-22', time: '14:00', judge: 'Judge Paula Xinis' },
    ],
  ],
  ["Appellants' opening brief due 05/16/2025.", [{ kind: 'deadline', title: "Appellants' opening brief due", date: '2025-05-16' }]],
  ['Response to motion due 04/14/2025.', [{ kind: 'deadline', title: 'Response to motion due', date: '2025-04-14' }]],
  ['Response Requested. (Due May 5, 2025)', [{ kind: 'deadline', title: 'Response due', date: '2025-05-05' }]],
  ['Hearing set for April 15 at 10:00 a.m.', [{ kind: 'hearing', title: 'Hearing', date: '2025-04-15', time: '10:00' }]],
  ['Case set for jury trial on January 12, 2026.', [{ kind: 'trial', title: 'Jury trial', date: '2026-01-12' }]],
  [
    'ORDER: The Court will conduct a Status Conference on 4/11/2025 at 4:00 p.m. via videoconference.',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-04-11', time: '16:00', location: 'Videoconference' }],
  ],
  [
    'PAPERLESS ORDER setting Status Conference for 4/25/2025 at 10:00 AM by telephone. Signed by Judge Paula Xinis on 4/8/2025.',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-04-25', time: '10:00', location: 'Telephone', judge: null }],
  ],
  [
    'Response to application (24A949) requested by The Chief Justice, due Wednesday, April 9, 2025, by 5 p.m. (EDT).',
    [{ kind: 'deadline', title: 'Response to application (24A949) due', date: '2025-04-09', time: '17:00' }],
  ],
  [
    'It is further ORDERED that Defendants shall file a response to the motion on or before April 21, 2025, and Plaintiffs shall file any reply on or before April 28, 2025.',
    [
      { kind: 'deadline', title: 'Response to the motion due', date: '2025-04-21' },
      { kind: 'deadline', title: 'Reply due', date: '2025-04-28' },
    ],
  ],
  [
    'CLERK ORDER filed directing briefing: Appellant Opening Brief due 05/19/2025. Appendix due 05/19/2025. Appellee Brief due 06/18/2025.',
    [
      { kind: 'deadline', title: 'Appellant Opening Brief due', date: '2025-05-19' },
      { kind: 'deadline', title: 'Appendix due', date: '2025-05-19' },
      { kind: 'deadline', title: 'Appellee Brief due', date: '2025-06-18' },
    ],
  ],
  [
    'Pretrial Conference set for 3/2/2026 10:00 AM. Jury Selection/Trial set for 3/16/2026 9:30 AM in Courtroom 1 before Senior Judge Jane Doe-Smith.',
    [
      { kind: 'conference', title: 'Pretrial Conference', date: '2026-03-02', time: '10:00' },
      {
        kind: 'trial',
        title: 'Jury Selection/Trial',
        date: '2026-03-16',
        time: '09:30',
        location: 'Courtroom 1',
        judge: 'Senior Judge Jane Doe-Smith',
      },
    ],
  ],
];

const RESCHEDULED_OR_CANCELLED: [string, Expected[]][] = [
  [
    'Motion Hearing set for 4/15/2025 10:00 AM is RESET for 4/16/2025 2:00 PM.',
    [
      {
        kind: 'hearing',
        title: 'Motion Hearing',
        date: '2025-04-16',
        time: '14:00',
        rescheduled: true,
        previousStart: { date: '2025-04-15', time: '10:00' },
      },
    ],
  ],
  [
    'Motion Hearing RESET for 4/16/2025 11:00 AM in Courtroom 3A before Judge Paula Xinis.',
    [
      {
        kind: 'hearing',
        title: 'Motion Hearing',
        date: '2025-04-16',
        time: '11:00',
        rescheduled: true,
        location: 'Courtroom 3A',
        judge: 'Judge Paula Xinis',
      },
    ],
  ],
  [
    'Sentencing continued to 6/3/2025 at 10:00 a.m.',
    [{ kind: 'hearing', title: 'Sentencing', date: '2025-06-03', time: '10:00', rescheduled: true }],
  ],
  [
    'Status Conference reset from 4/22/2025 to 4/29/2025 at 11:30 AM.',
    [
      {
        kind: 'conference',
        title: 'Status Conference',
        date: '2025-04-29',
        time: '11:30',
        rescheduled: true,
        previousStart: { date: '2025-04-22', time: null },
      },
    ],
  ],
  ['The Motion Hearing set for 4/15/2025 is VACATED.', [{ kind: 'hearing', title: 'Motion Hearing', date: '2025-04-15', cancelled: true }]],
  [
    'MINUTE ORDER VACATING the Status Conference set for 4/22/2025.',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-04-22', cancelled: true }],
  ],
  [
    'Status Conference set for 4/22/2025 02:00 PM before Judge Paula Xinis terminated.',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-04-22', time: '14:00', cancelled: true, judge: 'Judge Paula Xinis' }],
  ],
  [
    'Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis is hereby CANCELLED.',
    [
      {
        kind: 'hearing',
        title: 'Motion Hearing',
        date: '2025-04-15',
        time: '10:00',
        cancelled: true,
        location: 'Courtroom 3A',
        judge: 'Judge Paula Xinis',
      },
    ],
  ],
  [
    'ORDER granting [12] Motion to Continue. The Motions Hearing set for 4/15/2025 is continued to 5/20/2025 at 10:00 AM.',
    [
      {
        kind: 'hearing',
        title: 'Motions Hearing',
        date: '2025-05-20',
        time: '10:00',
        rescheduled: true,
        previousStart: { date: '2025-04-15', time: null },
      },
    ],
  ],
  [
    'The Clerk is directed to reset the hearing, previously set for April 15, 2025, to April 22, 2025.',
    [{ kind: 'hearing', title: 'Hearing', date: '2025-04-22', rescheduled: true, previousStart: { date: '2025-04-15', time: null } }],
  ],
  [
    'ORDER RESETTING Status Conference for 5/2/2025 at 11:00 AM.',
    [{ kind: 'conference', title: 'Status Conference', date: '2025-05-02', time: '11:00', rescheduled: true }],
  ],
  [
    "MINUTE ORDER: In light of the parties' joint motion, the hearing scheduled for April 15, 2025 is hereby cancelled.",
    [{ kind: 'hearing', title: 'Hearing', date: '2025-04-15', cancelled: true }],
  ],
  [
    'ORDER: the time to file a response is extended to May 5, 2025.',
    [{ kind: 'deadline', title: 'Response due', date: '2025-05-05', rescheduled: true }],
  ],
  [
    'Application (24A1007) granted by Justice Alito extending the time to file until June 1, 2025.',
    [{ kind: 'deadline', title: 'Filing due', date: '2025-06-01', rescheduled: true }],
  ],
];

/** Dates that are not schedules: filings, signatures, entries, past hearings, requests not yet granted. */
const NOT_SCHEDULED: string[] = [
  'MOTION to Dismiss filed on 4/7/2025 by Kristi Noem.',
  'ORDER granting 12 Motion for Extension of Time. Signed by Judge Paula Xinis on 4/7/2025. (Entered: 04/07/2025)',
  'Minute Entry for proceedings held before Judge Paula Xinis: Motion Hearing held on 4/15/2025.',
  'TRANSCRIPT of Motion Hearing held on 4/3/2025 before Judge Paula Xinis.',
  'NOTICE of Appeal filed 4/7/2025. (Attachments: # 1 Exhibit dated 3/15/2025)',
  'Letter dated April 7, 2025 from counsel for Plaintiffs.',
  'Motion to extend the time to file a response from April 10, 2025 to May 12, 2025, submitted to The Chief Justice.',
  'Order of 4/1/2025 affirmed.',
  'Opinion issued March 3, 2025 in No. 24-1234.',
  'Motion for Leave to File Response due to illness filed 4/7/2025.',
  'Response filed by Defendant on 4/7/2025.',
  'Judgment entered as of April 7, 2025.',
  'Brief of respondent filed. (Distributed)',
  'Motion Hearing set for 4/31/2025 10:00 AM.',
  'Status report filed on 4/7/2025 in accordance with the order of 3/31/2025 setting no deadlines.',
  'Supreme Court: Reply of applicant Kilmar Armando Abrego Garcia filed. (Distributed) Apr 09 2025',
  'MOTION for Extension of Time to File Response/Reply filed by Kristi Noem on 4/7/2025. (Attachments: # 1 Text of Proposed Order)',
];

describe('extractScheduledEvents', () => {
  it.each(SCHEDULED)('%s', (text, expected) => expectEvents(text, expected));

  it.each(RESCHEDULED_OR_CANCELLED)('%s', (text, expected) => expectEvents(text, expected));

  it.each(NOT_SCHEDULED.map((t) => [t]))('finds nothing in: %s', (text) => expectEvents(text, []));

  it('has at least 30 scheduling phrasings and 10 non-scheduling ones', () => {
    expect(SCHEDULED.length + RESCHEDULED_OR_CANCELLED.length).toBeGreaterThanOrEqual(30);
    expect(NOT_SCHEDULED.length).toBeGreaterThanOrEqual(10);
  });

  it('uses the zone the text names, else the court’s', () => {
    expectEvents('Status Conference set for 4/22/2025 at 2:00 PM (CDT)', [
      { kind: 'conference', date: '2025-04-22', time: '14:00', timeZone: 'America/Chicago' },
    ]);
    expectEvents(
      'Status Conference set for 4/22/2025 at 2:00 PM',
      [{ kind: 'conference', date: '2025-04-22', time: '14:00', timeZone: 'America/Chicago' }],
      {
        timeZone: 'America/Chicago',
      },
    );
    expectEvents('Status Conference set for 4/22/2025 at 9:00 AM Pacific Time', [
      { kind: 'conference', date: '2025-04-22', time: '09:00', timeZone: 'America/Los_Angeles' },
    ]);
  });

  it('skips dates without a year unless given a reference, and places them after it', () => {
    expectEvents('Hearing set for April 15 at 10:00 a.m.', [], { reference: null });
    expectEvents('Hearing set for January 8 at 10:00 a.m.', [{ kind: 'hearing', date: '2026-01-08', time: '10:00' }], {
      reference: new Date('2025-12-20T12:00:00Z'),
    });
    expectEvents('Hearing set for March 20 at 10:00 a.m.', [{ kind: 'hearing', date: '2025-03-20', time: '10:00' }]);
  });

  it('keeps the sentence each event came from', () => {
    const [event] = extractScheduledEvents(
      'ORDER granting 12 Motion for Extension of Time. Responses due by 4/21/2025. Signed by Judge Paula Xinis on 4/7/2025.',
      { timeZone: NY },
    );
    expect(event?.sourceText).toBe('Responses due by 4/21/2025.');
  });

  it('copes with line breaks, control characters and hostile text', () => {
    expectEvents('Motion Hearing set for\r\n4/15/2025\u0000 10:00 AM\tin Courtroom 3A <script>', [
      { kind: 'hearing', title: 'Motion Hearing', date: '2025-04-15', time: '10:00', location: 'Courtroom 3A <script>' },
    ]);
    expect(extractScheduledEvents('', { timeZone: NY })).toEqual([]);
    expect(extractScheduledEvents('set for '.repeat(5000), { timeZone: NY })).toEqual([]);
    // Long entries with many dates and trigger words stay linear (no catastrophic backtracking).
    const long = 'The time extended extending the deadline to file shall file by due set for '.repeat(400) + 'Reply due by 4/25/2025. ';
    expect(extractScheduledEvents(long.repeat(20), { timeZone: NY })).toHaveLength(1);
  });

  it('refuses an unknown time zone', () => {
    expect(() => extractScheduledEvents('Reply due by 4/25/2025.', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
