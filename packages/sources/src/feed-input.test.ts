import { ParseError } from '@docketwatch/core';
import { checkFeedInput, MAX_FEED_CHARS } from './feed-input';

function refusal(input: unknown): ParseError {
  try {
    checkFeedInput(input, 'too large');
  } catch (err) {
    if (err instanceof ParseError) return err;
  }
  throw new Error('expected a ParseError');
}

describe('checkFeedInput', () => {
  it('hands back the text without a byte-order mark', () => {
    expect(checkFeedInput('\ufeff<rss/>', 'too large')).toBe('<rss/>');
  });

  it('refuses what is not text, empty text and text past the limit', () => {
    expect(refusal(42).code).toBe('PARSE_UNRECOGNISED');
    expect(refusal(' \n ').code).toBe('PARSE_EMPTY');
    const huge = refusal('x'.repeat(MAX_FEED_CHARS + 1));
    expect(huge.code).toBe('PARSE_MALFORMED');
    expect(huge.message).toBe('too large');
    expect(huge.context).toMatchObject({ limit: MAX_FEED_CHARS });
  });
});
