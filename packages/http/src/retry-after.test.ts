import { retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = new Date('2015-10-21T07:27:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 30 ', now)).toBe(30_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000);
  });

  it('clamps a date in the past to zero', () => {
    expect(retryAfterMs('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', 'soon', '-1', '1.5', '12abc'])('returns null for %j', (value) => {
    expect(retryAfterMs(value, now)).toBeNull();
  });
});
