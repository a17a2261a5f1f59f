import { backoffSeconds, DEFAULT_MAX_BACKOFF_SECONDS } from './sources.repository';

describe('backoffSeconds: how long a failing source waits before its next try', () => {
  const exact = { random: () => 0.5 };

  it('doubles from the interval with each failure, up to a cap of minutes, not an hour', () => {
    expect([1, 2, 3, 4, 5, 10, 50].map((f) => backoffSeconds(60, f, null, exact))).toEqual([120, 240, 300, 300, 300, 300, 300]);
    expect(DEFAULT_MAX_BACKOFF_SECONDS).toBe(300);
  });

  it('takes a cap per source, and never waits less than the source’s own interval', () => {
    expect(backoffSeconds(60, 10, null, { ...exact, maxSeconds: 900 })).toBe(900);
    expect(backoffSeconds(1800, 3, null, exact)).toBe(1800);
  });

  it('spreads each wait by up to a tenth either way, so sources that failed together come back apart', () => {
    expect(backoffSeconds(60, 5, null, { random: () => 0 })).toBe(270);
    expect(backoffSeconds(60, 5, null, { random: () => 0.999999 })).toBe(330);
    const waits = new Set(Array.from({ length: 50 }, () => backoffSeconds(60, 5)));
    expect(waits.size).toBeGreaterThan(1);
    for (const w of waits) expect(w >= 270 && w <= 330).toBe(true);
  });

  it('never comes back before a Retry-After the site asked for', () => {
    expect(backoffSeconds(60, 1, 7200, exact)).toBe(7200);
  });
});
