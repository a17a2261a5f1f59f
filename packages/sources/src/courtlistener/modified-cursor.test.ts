import { advanceCursor, instantMicros, isNewSince } from './modified-cursor';
import type { CourtListenerEntry } from './read-entry';

const entry = (id: number, dateModified: string | null): CourtListenerEntry => ({
  id,
  docketId: 1,
  entryNumber: id,
  dateFiled: '2025-03-15',
  timeFiled: null,
  dateCreated: null,
  dateModified,
  recapSequenceNumber: '',
  shortDescription: '',
  description: '',
  documents: [],
});

describe('date_modified cursors', () => {
  it('reads instants to the microsecond, across offsets', () => {
    expect(instantMicros('2025-04-10T10:00:00.000001-07:00')! - instantMicros('2025-04-10T17:00:00Z')!).toBe(1);
    expect(instantMicros('2025-04-10T17:00:00+0000')).toBe(instantMicros('2025-04-10T17:00:00.000000Z'));
    expect(instantMicros('2025-04-10')).toBeNull();
  });

  it('keeps entries after the instant and those at it the cursor has not seen', () => {
    const since = { modifiedSince: '2025-04-10T10:00:00.500000-07:00', idsAtInstant: [7] };
    expect(isNewSince(entry(6, '2025-04-10T10:00:00.499999-07:00'), since)).toBe(false);
    expect(isNewSince(entry(7, '2025-04-10T17:00:00.5Z'), since)).toBe(false);
    expect(isNewSince(entry(8, '2025-04-10T17:00:00.5Z'), since)).toBe(true);
    expect(isNewSince(entry(9, '2025-04-10T10:00:00.500001-07:00'), since)).toBe(true);
    // Unreadable: read again rather than missed.
    expect(isNewSince(entry(10, null), since)).toBe(true);
  });

  it('moves to the newest instant and gathers the ids that share it', () => {
    const since = { modifiedSince: '2025-04-10T10:00:00-07:00', idsAtInstant: [1] };
    expect(advanceCursor(since, [entry(2, '2025-04-10T10:00:00-07:00')])).toEqual({ ...since, idsAtInstant: [1, 2] });
    expect(advanceCursor(since, [entry(3, '2025-04-11T10:00:00-07:00'), entry(4, '2025-04-11T17:00:00Z')])).toEqual({
      modifiedSince: '2025-04-11T10:00:00-07:00',
      idsAtInstant: [3, 4],
    });
    expect(advanceCursor(null, [])).toBeNull();
  });
});
