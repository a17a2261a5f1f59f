import { formatOffset, parseRfc822DateTime, parseUsDate, toInstant } from './dates';

describe('parseRfc822DateTime', () => {
  it.each([
    ['Fri, 03 Feb 2023 12:20:16 EST', '2023-02-03T12:20:16-05:00'],
    ['Fri, 03 Feb 2023 09:05:16 MST', '2023-02-03T09:05:16-07:00'],
    ['Tue, 24 Apr 2018 11:25:12 GMT', '2018-04-24T11:25:12+00:00'],
    ['Mon, 07 Apr 2025 14:05:00 EDT', '2025-04-07T14:05:00-04:00'],
    ['Mon, 06 Feb 2023 10:00:00 -0700', '2023-02-06T10:00:00-07:00'],
    ['Mon, 06 Feb 2023 10:00:00 +05:30', '2023-02-06T10:00:00+05:30'],
    ['06 Feb 2023 10:00 PST', '2023-02-06T10:00:00-08:00'],
    ['Fri, 03 Feb 2023 12:20:16', '2023-02-03T12:20:16+00:00'],
    ['Thu, 29 Feb 2024 23:59:59 CDT', '2024-02-29T23:59:59-05:00'],
  ])('%s -> %s', (raw, iso) => {
    expect(parseRfc822DateTime(raw)).toBe(iso);
  });

  it.each([
    '',
    'yesterday',
    'Fri, 30 Feb 2023 12:00:00 GMT',
    'Fri, 03 Feb 2023 25:00:00 GMT',
    'Fri, 03 Foo 2023 12:00:00 GMT',
    'Fri, 03 Feb 2023 12:00:00 XYZ',
  ])('rejects %j', (raw) => {
    expect(parseRfc822DateTime(raw)).toBeNull();
  });

  it('sorts a plain date after the previous evening in US zones', () => {
    expect(toInstant('2025-04-08').getTime()).toBeGreaterThan(toInstant('2025-04-07T20:31:00-04:00').getTime());
    expect(toInstant('2025-04-08').getTime()).toBeLessThan(toInstant('2025-04-08T09:00:00-04:00').getTime());
  });

  it('keeps the instant', () => {
    expect(toInstant(parseRfc822DateTime('Fri, 03 Feb 2023 12:20:16 EST')!).toISOString()).toBe('2023-02-03T17:20:16.000Z');
  });
});

describe('parseUsDate', () => {
  it.each([
    ['May 07 2024', '2024-05-07'],
    ['May 9, 2024', '2024-05-09'],
    ['Sept. 3, 2024', '2024-09-03'],
    ['September 3, 2024', '2024-09-03'],
    ['Apr 7 2025', '2025-04-07'],
    ['4/15/2025', '2025-04-15'],
    ['04/15/25', '2025-04-15'],
    ['2025-04-15', '2025-04-15'],
  ])('%s -> %s', (raw, iso) => {
    expect(parseUsDate(raw)).toBe(iso);
  });

  it.each(['', 'Feb 30, 2024', '13/01/2024', 'Smarch 3, 2024'])('rejects %j', (raw) => {
    expect(parseUsDate(raw)).toBeNull();
  });
});

describe('formatOffset', () => {
  it('formats minutes east of UTC', () => {
    expect(formatOffset(-300)).toBe('-05:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
});

describe('hostile dates', () => {
  it('rejects long whitespace runs at once', () => {
    expect(parseRfc822DateTime(`Fri, 03${' '.repeat(30_000)}Feb 2023 12:00:00 GMT`)).toBe('2023-02-03T12:00:00+00:00');
    expect(parseRfc822DateTime(`Fri, 03 Feb 2023 12:00:00 ${'1'.repeat(30_000)}`)).toBeNull();
    expect(parseRfc822DateTime(`Fri, 03 Feb 2023 12:00:00${' '.repeat(100)}`)).toBe('2023-02-03T12:00:00+00:00');
  });

  it('knows Hawaii and Guam', () => {
    expect(parseRfc822DateTime('Fri, 03 Feb 2023 12:00:00 HST')).toBe('2023-02-03T12:00:00-10:00');
    expect(parseRfc822DateTime('Fri, 03 Feb 2023 12:00:00 ChST')).toBe('2023-02-03T12:00:00+10:00');
  });
});
