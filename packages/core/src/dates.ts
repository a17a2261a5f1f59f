/**
 * Court sources write dates many ways. Everything leaves here as ISO 8601:
 * with the source's own offset when it gives a time, a plain YYYY-MM-DD when it gives only a day.
 */
/** English month abbreviations, lower case, to month numbers (1-12); "sept" as well as "sep". */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** US zone abbreviations CM/ECF servers print, as offsets in minutes (RFC 822 plus the common US ones). */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  HDT: -540,
  AST: -240,
  CHST: 600,
  SST: -660,
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | null {
  return validDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/**
 * RFC 822 / RSS pubDate: "Fri, 03 Feb 2023 12:20:16 EST", "Tue, 24 Apr 2018 11:25:12 GMT",
 * "Mon, 06 Feb 2023 10:00:00 -0700". A date with no zone is taken as UTC (what CM/ECF means by it).
 */
export function parseRfc822DateTime(raw: string): string | null {
  // Collapse whitespace first: the pattern then has no adjacent optional runs to backtrack over.
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length > 64) return null;
  const m =
    /^(?:[a-z]{3},? )?(\d{1,2}) ([a-z]{3,4}) (\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([a-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?$/i.exec(
      text,
    );
  if (!m) return null;
  const [, d, mon, y, hh, mm, ss, zone] = m;
  const month = MONTH_NUMBERS[mon!.toLowerCase()];
  let year = Number(y);
  if (y!.length === 2) year += year < 70 ? 2000 : 1900;
  if (!month) return null;
  const date = isoDate(year, month, Number(d));
  if (!date || Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 60) return null;
  let offset = 0;
  if (zone) {
    if (/^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      const [hours, minutes] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))];
      // "+9999" or "-2400" is no UTC offset (it would print as "+100:39"): the date is unreadable.
      if (hours > 23 || minutes > 59) return null;
      offset = (digits.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
    } else {
      const known = ZONES[zone.toUpperCase()];
      if (known === undefined) return null;
      offset = known;
    }
  }
  return `${date}T${pad(Number(hh))}:${mm}:${pad(Number(ss ?? 0))}${formatOffset(offset)}`;
}

/**
 * A calendar day as US courts write it: "May 07 2024", "May 9, 2024", "Sept. 3, 2024",
 * "04/15/2025", "2025-04-15". Returns YYYY-MM-DD or null.
 */
export function parseUsDate(raw: string): string | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  let m = /^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$/i.exec(text);
  if (m) {
    const month = MONTH_NUMBERS[m[1]!.toLowerCase().slice(0, m[1]!.toLowerCase().startsWith('sept') ? 4 : 3)];
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (m) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    return isoDate(year, Number(m[1]), Number(m[2]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * The instant an ISO date or date-time denotes, for ordering. A plain date sorts at noon UTC, which is
 * the same calendar day in every US court's zone: an entry of the 8th never sorts before an evening
 * entry of the 7th (midnight UTC would be the 7th's evening in Washington).
 */
export function toInstant(iso: string): Date {
  return new Date(/T/.test(iso) ? iso : `${iso}T12:00:00Z`);
}
