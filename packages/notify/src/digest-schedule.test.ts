import { digestWindowEnd } from './digest-schedule';

const iso = (d: Date) => d.toISOString();

describe('digestWindowEnd', () => {
  it('is 07:00 in New York: 11:00 UTC in summer, 12:00 UTC in winter', () => {
    expect(iso(digestWindowEnd(new Date('2025-07-10T15:00:00Z'), 'America/New_York', 7))).toBe('2025-07-10T11:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-01-10T15:00:00Z'), 'America/New_York', 7))).toBe('2025-01-10T12:00:00.000Z');
  });

  it("is yesterday's when today's has not come yet", () => {
    expect(iso(digestWindowEnd(new Date('2025-07-10T10:59:00Z'), 'America/New_York', 7))).toBe('2025-07-09T11:00:00.000Z');
  });

  it('follows New York across the March change (Sunday 9 March 2025)', () => {
    // Saturday 07:00 EST = 12:00 UTC; Sunday 07:00 EDT = 11:00 UTC; Monday 07:00 EDT = 11:00 UTC.
    expect(iso(digestWindowEnd(new Date('2025-03-08T13:00:00Z'), 'America/New_York', 7))).toBe('2025-03-08T12:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-03-09T11:30:00Z'), 'America/New_York', 7))).toBe('2025-03-09T11:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-03-10T11:00:00Z'), 'America/New_York', 7))).toBe('2025-03-10T11:00:00.000Z');
  });

  it("follows Berlin across its own change (Sunday 30 March 2025), three weeks after New York's", () => {
    // Saturday 07:00 CET = 06:00 UTC; Sunday 07:00 CEST = 05:00 UTC.
    expect(iso(digestWindowEnd(new Date('2025-03-29T08:00:00Z'), 'Europe/Berlin', 7))).toBe('2025-03-29T06:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-03-30T05:30:00Z'), 'Europe/Berlin', 7))).toBe('2025-03-30T05:00:00.000Z');
    // Between the two changes Berlin is 5 hours ahead of New York, not 6.
    expect(iso(digestWindowEnd(new Date('2025-03-20T13:00:00Z'), 'Europe/Berlin', 7))).toBe('2025-03-20T06:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-03-20T13:00:00Z'), 'America/New_York', 7))).toBe('2025-03-20T11:00:00.000Z');
  });

  it('handles the autumn change and a late hour', () => {
    expect(iso(digestWindowEnd(new Date('2025-11-02T12:30:00Z'), 'America/New_York', 7))).toBe('2025-11-02T12:00:00.000Z');
    expect(iso(digestWindowEnd(new Date('2025-11-03T03:00:00Z'), 'America/New_York', 22))).toBe('2025-11-03T03:00:00.000Z');
  });
});
