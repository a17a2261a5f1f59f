import { wallTimeAt, wallTimeToEpochMs } from '@docketwatch/core';

/**
 * The most recent digest time at or before `now`: `hour`:00 on the subscriber's own clock in their
 * time zone, whatever the UTC offset that day (a New York 07:00 digest is 11:00 UTC in summer and
 * 12:00 UTC in winter).
 */
export function digestWindowEnd(now: Date, timeZone: string, hour: number): Date {
  const today = wallTimeAt(now.getTime(), timeZone);
  const at = (day: { year: number; month: number; day: number }) =>
    wallTimeToEpochMs({ year: day.year, month: day.month, day: day.day, hour, minute: 0, second: 0 }, timeZone);
  const candidate = at(today);
  if (candidate <= now.getTime()) return new Date(candidate);
  // Not yet today: yesterday's (found by stepping back from just before today's local midnight).
  const yesterday = wallTimeAt(wallTimeToEpochMs({ ...today, hour: 0, minute: 0, second: 0 }, timeZone) - 3_600_000, timeZone);
  return new Date(at(yesterday));
}
