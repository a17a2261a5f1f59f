/**
 * ISO 8601 / RFC 3339 dates as Atom, Dublin Core (dc:date) and HTML <time datetime> write them:
 * "2025-04-07", "2025-04-07T14:30:00Z", "2025-04-07T14:30:00.000-04:00", "2025-04-07 14:30:00+0000".
 * Returned in the form core's parsers use: "YYYY-MM-DDTHH:MM:SS±HH:MM" (Z becomes +00:00,
 * fractions of a second are dropped), or a plain "YYYY-MM-DD" when only a day is given.
 */
import { formatOffset } from '@docketwatch/core';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?: ?([Zz]|[+-]\d{2}(?::?\d{2})?))?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface IsoDateOptions {
  /** Keep only the calendar day as written, dropping any time ("2023-01-04T12:00:00Z" -> "2023-01-04"). */
  dayOnly?: boolean;
}

/**
 * Parses an ISO 8601 date or date-time. A time without a zone is taken as UTC, as core does for
 * RFC 822 dates without one. Returns null for anything else.
 */
export function parseIsoDateTime(raw: string, options: IsoDateOptions = {}): string | null {
  const text = raw.trim();
  if (text.length > 40) return null;
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!validDay(year, month, day)) return null;
  const date = `${y}-${mo}-${d}`;
  if (hh === undefined || options.dayOnly) return date;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 60) return null;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5) || 0);
    if (hours > 23 || minutes > 59) return null;
    offset = (digits.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return `${date}T${hh}:${mm}:${pad(Number(ss ?? 0))}${formatOffset(offset)}`;
}
