import { clip, clipAtWord } from './text';

describe('clip', () => {
  it('keeps short text and cuts long text after max characters, adding an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('abc…');
    expect(clip('', 0)).toBe('');
  });

  it('passes null and undefined through as null', () => {
    expect(clip(null, 5)).toBeNull();
    expect(clip(undefined, 5)).toBeNull();
  });
});

describe('clipAtWord', () => {
  it('cuts at the last space before max when that keeps more than half', () => {
    expect(clipAtWord('Order granting motion to dismiss', 20)).toBe('Order granting…');
    expect(clipAtWord('short', 20)).toBe('short');
  });

  it('cuts mid-word when the last space is in the first half', () => {
    expect(clipAtWord('a verylongwordwithoutspaces', 10)).toBe('a verylong…');
  });
});
