import { ParseError } from '@docketwatch/core';

/**
 * A day of the busiest court's feed is around 1 MB (nyed's 432 items are 213 kB); 8 Mi characters
 * is room to spare. Anything larger is not a feed, and parsing it (~0.4 ms an item) would only burn CPU.
 */
export const MAX_FEED_CHARS = 8 * 1024 * 1024;

/**
 * The checks a feed's text gets before any XML is read: text, not empty, not too large. A leading
 * byte-order mark is dropped. `tooLarge` is the message for a text past MAX_FEED_CHARS.
 */
export function checkFeedInput(xml: unknown, tooLarge: string): string {
  if (typeof xml !== 'string') throw new ParseError('PARSE_UNRECOGNISED', 'Feed input is not text', { type: typeof xml });
  const text = xml.startsWith('\ufeff') ? xml.slice(1) : xml;
  if (text.trim() === '') throw new ParseError('PARSE_EMPTY', 'Feed is empty');
  if (text.length > MAX_FEED_CHARS) throw new ParseError('PARSE_MALFORMED', tooLarge, { length: text.length, limit: MAX_FEED_CHARS });
  return text;
}
