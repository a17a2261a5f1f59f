import type { SummaryEntry } from '@docketwatch/db';
import { nextScheduledEvent } from './home-page';

const NOW = new Date('2025-04-14T15:00:00Z');

function entry(id: number, description: string, court = 'mdd'): SummaryEntry {
  return {
    type: 'entry',
    id,
    court,
    docketNumber: court === 'mdd' ? '8:25-cv-00951' : '25-1345',
    caseName: 'Abrego Garcia v. Noem',
    entryNumber: String(id),
    filedAt: '2025-04-10',
    class: 'notice',
    shortDescription: '',
    description,
    documentUrl: null,
    at: new Date('2025-04-10T12:00:00Z'),
  };
}

const titleAndDate = (entries: SummaryEntry[]) => {
  const next = nextScheduledEvent(entries, NOW);
  return next && [next.event.title, next.event.start.date, next.event.start.time, `#${next.entry.id}`].filter(Boolean).join(' ');
};

describe('nextScheduledEvent', () => {
  it('is the soonest setting still to come, today included', () => {
    expect(
      titleAndDate([
        entry(3, 'Motion Hearing set for 4/22/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis.'),
        entry(2, 'Status Report due by 4/14/2025.'),
        entry(1, 'Motion Hearing set for 4/8/2025 02:00 PM before Judge Paula Xinis.'),
      ]),
    ).toBe('Status Report due 2025-04-14 #2');
  });

  it('skips a setting a newer entry vacated or moved', () => {
    expect(
      titleAndDate([
        entry(4, 'Motion Hearing set for 4/15/2025 is RESET for 4/25/2025 10:00 AM.'),
        entry(3, 'Status Conference set for 4/16/2025 is VACATED.'),
        entry(2, 'Status Conference set for 4/16/2025 11:00 AM before Judge Paula Xinis.'),
        entry(1, 'Motion Hearing set for 4/15/2025 10:00 AM before Judge Paula Xinis.'),
      ]),
    ).toBe('Motion Hearing 2025-04-25 10:00 #4');
  });

  it('is none when nothing is set, or everything set is past', () => {
    expect(nextScheduledEvent([entry(1, 'ORDER granting Motion for Extension of Time.')], NOW)).toBeNull();
    expect(nextScheduledEvent([entry(1, 'Motion Hearing set for 4/8/2025 02:00 PM.')], NOW)).toBeNull();
    expect(nextScheduledEvent([], NOW)).toBeNull();
  });
});
