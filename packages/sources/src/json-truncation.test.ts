import { jsonEndsMidValue } from './json-truncation';

describe('jsonEndsMidValue', () => {
  it('is false for complete JSON', () => {
    expect(jsonEndsMidValue('{"a":[1,2,{"b":"}]"}]}')).toBe(false);
    expect(jsonEndsMidValue('"done"')).toBe(false);
  });

  it('is true for JSON cut inside a string, object or array', () => {
    expect(jsonEndsMidValue('{"a":"cut')).toBe(true);
    expect(jsonEndsMidValue('{"a":[1,2')).toBe(true);
    expect(jsonEndsMidValue('{"a":"escaped quote \\"}')).toBe(true);
  });

  it('is false for text that is malformed rather than cut short', () => {
    expect(jsonEndsMidValue('{"a":1}}')).toBe(false);
  });
});
