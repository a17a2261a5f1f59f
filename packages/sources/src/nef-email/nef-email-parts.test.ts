import { offsetMinutesOfWallTime } from '@docketwatch/core';
import { NEF_COURT_TIME_ZONES } from './court-zones';
import { eventFromSubject } from './subject-event';
import type { SubjectCase } from './subject-event';
import { filedAtOf, readTransactionTime } from './transaction-time';

describe('eventFromSubject', () => {
  const stapler: SubjectCase = { rawNumber: '3:21-cv-00437-ECM-SRW', rawName: 'Stapler v. Automatic Food Service, Inc.' };

  it.each<[string, SubjectCase | undefined, string]>([
    ['Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc. Notice (Other)', stapler, 'Notice (Other)'],
    ['Fwd: FW: Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc. Notice (Other)', stapler, 'Notice (Other)'],
    ['RE:Activity in Case 3:21-cv-00437-ECM-SRW  Stapler v.  Automatic Food Service, Inc.   Order', stapler, 'Order'],
    ['activity in case 3:21-CV-00437-ECM-SRW STAPLER V. AUTOMATIC FOOD SERVICE, INC. Order', stapler, 'Order'],
    ['Activity in ALMD case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc. - Order', stapler, 'Order'],
    // Number glued to the court id (vaed), and a subject that names the case but no event (cand).
    ['Activity in Case 3:21-cv-00437-ECM-SRWALMD Stapler v. Automatic Food Service, Inc. Order', stapler, 'Order'],
    ['Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc.', stapler, ''],
    // Bankruptcy: number and event; several cases: the event in quotes.
    ['24-03015 Complaint', { rawNumber: '24-03015', rawName: 'Lotto v. U.S. Bank' }, 'Complaint'],
    ['Multiple Cases "Close Adversary Case" - AP -', undefined, 'Close Adversary Case'],
    // Not the form we know: no guess.
    ['Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Svc. Order', stapler, ''],
    ['Activity in Case 9:99-cv-00001 Stapler v. Automatic Food Service, Inc. Order', stapler, ''],
    ['Your PACER bill', stapler, ''],
    ['', stapler, ''],
    ['Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc. Order', undefined, ''],
  ])('%s -> "%s"', (subject, firstCase, expected) => {
    expect(eventFromSubject(subject, firstCase)).toBe(expected);
  });
});

describe('readTransactionTime and filedAtOf', () => {
  it.each<[string, string, string | null]>([
    [
      'The following transaction was entered by Geisler, Kimberly on 8/9/2021 at 11:53 AM CDT and filed on 8/9/2021',
      'almd',
      '2021-08-09T11:53:00-05:00',
    ],
    [
      'The following transaction was received from Doe, Jane entered on 11/21/2024 at 10:04 PM EST and filed on 11/21/2024',
      'ctb',
      '2024-11-21T22:04:00-05:00',
    ],
    ['The following transaction was entered on 1/13/2023 at 12:05 AM PST and filed on 1/13/2023', 'cand', '2023-01-13T00:05:00-08:00'],
    ['The following transaction was entered on 1/13/2023 at 12:05 PM PST and filed on 1/13/2023', 'cand', '2023-01-13T12:05:00-08:00'],
    // No zone printed: the court's zone; an unknown zone printed: the court's zone too.
    [
      'The following transaction was entered by Weissmann, Andrew on 3/15/2019 9:52 AM and filed on 3/15/2019',
      'dcd',
      '2019-03-15T09:52:00-04:00',
    ],
    ['The following transaction was entered on 3/15/2019 at 9:52 AM XYZ and filed on 3/15/2019', 'dcd', '2019-03-15T09:52:00-04:00'],
    // Seconds and a printed zone that is not the court's own (the printed one describes the time).
    ['The following transaction was entered on 3/15/2019 at 9:52:31 AM MDT and filed on 3/15/2019', 'dcd', '2019-03-15T09:52:31-06:00'],
    // Only a date: a plain date. Entered another day: the filed date.
    ['The following transaction was entered on 3/15/2019 and filed on 3/15/2019', 'dcd', '2019-03-15'],
    ['The following transaction was entered on 3/18/2019 at 9:52 AM EDT and filed on 3/15/2019', 'dcd', '2019-03-15'],
    ['The following transaction was filed on 3/15/2019', 'dcd', '2019-03-15'],
    // Impossible times and dates.
    ['The following transaction was entered on 3/15/2019 at 13:52 PM EDT and filed on 3/15/2019', 'dcd', '2019-03-15'],
    ['The following transaction was entered on 2/30/2019 at 9:52 AM EDT', 'dcd', null],
    ['The following transaction was', 'dcd', null],
  ])('%s (%s) -> %s', (sentence, court, expected) => {
    const time = readTransactionTime(sentence);
    expect(time ? filedAtOf(time, court) : null).toBe(expected);
  });
});

describe('court time zones', () => {
  it('covers every court docketwatch ships with', () => {
    for (const court of ['mdd', 'dcd', 'txnd', 'ca4', 'cadc', 'ca5', 'scotus']) expect(NEF_COURT_TIME_ZONES[court]).toMatch(/^America\//);
  });

  it.each<[string, [number, number, number, number, number], number]>([
    ['America/New_York', [2025, 1, 15, 12, 0], -300],
    ['America/New_York', [2025, 7, 15, 12, 0], -240],
    // 2:30 AM does not exist on 9 March 2025: read with standard time, as the clock showed before the jump.
    ['America/New_York', [2025, 3, 9, 2, 30], -300],
    ['America/New_York', [2025, 3, 9, 3, 0], -240],
    // 1:30 AM happens twice on 2 November 2025: the first (daylight) one.
    ['America/New_York', [2025, 11, 2, 1, 30], -240],
    ['America/New_York', [2025, 11, 2, 2, 0], -300],
    ['America/Chicago', [2024, 12, 31, 23, 59], -360],
    ['America/Los_Angeles', [2025, 8, 13, 13, 0], -420],
  ])('%s %j -> %i', (zone, [year, month, day, hour, minute], offset) => {
    expect(offsetMinutesOfWallTime({ year, month, day, hour, minute, second: 0 }, zone)).toBe(offset);
  });
});
