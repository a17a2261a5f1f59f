/**
 * Dates as press rooms print them: "April 7, 2025", "Apr. 7, 2025", "7 April 2025", "04/07/2025",
 * "6/30/23", <time datetime="2025-04-07T12:00:00Z">, RFC 822, often inside other words
 * ("Press Release | April 7, 2025", "Date of Issuance: January 4, 2023").
 */
import { parseRfc822DateTime, parseUsDate } from '@docketwatch/core';
import { parseIsoDateTime } from '../feed/iso-date';

/** How a preset's dates are written. "auto" tries each form, then looks for a date inside the text. */
export type DateFormat = 'auto' | 'iso' | 'rfc822' | 'us';

export const DATE_FORMATS: readonly DateFormat[] = ['auto', 'iso', 'rfc822', 'us'];

/** A date label is short; what is longer is read only this far. */
const MAX_DATE_TEXT = 300;

/** Date-shaped runs inside text. Each is bounded and free of nested quantifiers. */
const EMBEDDED: ReadonlyArray<{ pattern: RegExp; read: (m: RegExpExecArray) => string | null }> = [
  {
    pattern: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g,
    read: (m) => parseIsoDateTime(m[0]),
  },
  { pattern: /\b[A-Za-z]{3,9}\.? \d{1,2},? \d{4}\b/g, read: (m) => parseUsDate(m[0]) },
  {
    pattern: /\b(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b/g,
    read: (m) => parseUsDate(`${m[2]} ${m[1]}, ${m[3]}`),
  },
  { pattern: /\b\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})\b/g, read: (m) => parseUsDate(m[0]) },
];

/** The earliest date written inside `text`, or null. */
function embeddedDate(text: string): string | null {
  let best: { index: number; date: string } | null = null;
  for (const { pattern, read } of EMBEDDED) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (best && m.index >= best.index) break;
      const date = read(m);
      if (date) {
        best = { index: m.index, date };
        break;
      }
    }
  }
  return best?.date ?? null;
}

function parseWhole(text: string, format: DateFormat): string | null {
  switch (format) {
    case 'iso':
      return parseIsoDateTime(text);
    case 'rfc822':
      return parseRfc822DateTime(text);
    case 'us':
      return parseUsDate(text) ?? embeddedDate(text);
    case 'auto':
      return parseIsoDateTime(text) ?? parseRfc822DateTime(text) ?? parseUsDate(text) ?? embeddedDate(text);
  }
}

/**
 * ISO 8601 for a date as written ("YYYY-MM-DD", or with time and offset when the text gives them),
 * or null. `dayOnly` keeps the calendar day as written: Drupal sites (justice.gov, dhs.gov) stamp
 * date-only fields with a placeholder noon UTC ("2023-01-04T12:00:00Z") that is no real time.
 */
export function parseListingDate(raw: string, format: DateFormat = 'auto', dayOnly = false): string | null {
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_DATE_TEXT);
  if (!text) return null;
  const date = parseWhole(text, format);
  return date && dayOnly ? date.slice(0, 10) : date;
}
