import { everyText } from './source-pace';

describe('everyText', () => {
  it.each([
    [30, 'every 30 s'],
    [900, 'every 15 min'],
    [6_840, 'every 114 min'],
    [9_000, 'every 2.5 h'],
    [7_200, 'every 2 h'],
    [259_200, 'every 3 days'],
  ])('%d s reads "%s"', (seconds, text) => {
    expect(everyText(seconds)).toBe(text);
  });
});
