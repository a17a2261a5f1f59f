import { compareRecapSequence, parseRecapSequence } from './recap-sequence';

describe('RECAP sequence numbers', () => {
  it.each([
    ['2024-01-02.001', '2024-01-02.002', -1],
    ['2024-01-02.999', '2024-01-02.1000', -1],
    ['2024-01-03.001', '2024-01-02.999', 1],
    ['2024-01-02.001', '2024-01-02.001', 0],
    ['', '2024-01-02.001', -1],
    ['2024-01-02.001', 'garbage', 1],
  ])('%j vs %j -> %d', (a, b, sign) => {
    expect(Math.sign(compareRecapSequence(a, b))).toBe(sign);
  });

  it('reads the date and index', () => {
    expect(parseRecapSequence('2025-04-10.024')).toEqual({ date: '2025-04-10', index: 24 });
    expect(parseRecapSequence('2025-04-10')).toBeNull();
  });
});
