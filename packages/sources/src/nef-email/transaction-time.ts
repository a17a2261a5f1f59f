/**
 * When the filing happened, from the NEF's transaction sentence:
 *
 *   "The following transaction was entered by Geisler, Kimberly on 8/9/2021 at 11:53 AM CDT and filed on 8/9/2021"
 *   "The following transaction was received from Doe, Jane entered on 11/21/2024 at 10:04 PM EST and filed on 11/21/2024"
 *   "The following transaction was entered by Weissmann, Andrew on 3/15/2019 9:52 AM and filed on 3/15/2019"
 *
 * "Filed on" is the filing's legal date; "entered" is when the clerk's system recorded it, to the
 * minute. When both fall on the same day the entry time is the filing time we report; when they
 * differ (a filing docketed days later) the entry time says nothing about the filing, so we report
 * the plain filed date.
 */
import { parseRfc822DateTime, zonedIsoDateTime } from '@docketwatch/core';
import { nefCourtTimeZone } from './court-zones';

export interface TransactionTime {
  /** YYYY-MM-DD the notice says the document was filed (the entry date when it gives none). */
  filedDate: string;
  /** YYYY-MM-DD of entry, when the notice gives it. */
  enteredDate: string | null;
  /** 24-hour HH:MM:SS of entry, when the notice gives it. */
  enteredTime: string | null;
  /** Zone abbreviation printed after the time ("CDT"), when there is one. */
  zone: string | null;
}

/** Far longer than any real sentence ("…entered by <filer> on … and filed on …"); caps the regex work. */
const MAX_SENTENCE_CHARS = 600;

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Each is a fixed sequence with bounded runs: linear whatever the input.
const ENTERED_ON =
  /\bentered\b[^\n]{0,200}?\bon (\d{1,2})\/(\d{1,2})\/(\d{4})(?:,? (?:at )?(\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp])\.?[Mm]\b\.?(?: ([A-Z]{1,5})\b)?)?/;
const FILED_ON = /\bfiled on (\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDay(month: string, day: string, year: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${year}-${pad(m)}-${pad(d)}`;
}

function clock24(hour: string, minute: string, second: string | undefined, meridiem: string): string | null {
  let h = Number(hour);
  const m = Number(minute);
  const s = Number(second ?? 0);
  if (h < 1 || h > 12 || m > 59 || s > 59) return null;
  if (meridiem.toLowerCase() === 'p' && h !== 12) h += 12;
  if (meridiem.toLowerCase() === 'a' && h === 12) h = 0;
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** Reads the transaction sentence (whitespace already collapsed); null when it names no date at all. */
export function readTransactionTime(sentence: string): TransactionTime | null {
  const text = sentence.slice(0, MAX_SENTENCE_CHARS);
  const entered = ENTERED_ON.exec(text);
  const filed = FILED_ON.exec(text);
  const enteredDate = entered ? isoDay(entered[1]!, entered[2]!, entered[3]!) : null;
  const filedDate = filed ? isoDay(filed[1]!, filed[2]!, filed[3]!) : null;
  if (!enteredDate && !filedDate) return null;
  const enteredTime = entered?.[4] && enteredDate ? clock24(entered[4], entered[5]!, entered[6], entered[7]!) : null;
  return {
    filedDate: (filedDate ?? enteredDate)!,
    enteredDate,
    enteredTime,
    zone: enteredTime ? (entered?.[8] ?? null) : null,
  };
}

/** The printed zone's offset, via core's table of the abbreviations US courts print; null when unknown. */
function withPrintedZone(date: string, time: string, zone: string): string | null {
  const [year, month, day] = date.split('-');
  return parseRfc822DateTime(`${Number(day)} ${MONTH_ABBREVIATIONS[Number(month) - 1]} ${year} ${time} ${zone}`);
}

function withCourtZone(date: string, time: string, court: string): string | null {
  const timeZone = nefCourtTimeZone(court);
  return timeZone ? zonedIsoDateTime(date, time, timeZone) : null;
}

/**
 * filedAt for the parse contract: the entry's date and time with its offset when the notice was
 * entered on the day it was filed and we know the zone (printed, else the court's), else the
 * plain filed date.
 */
export function filedAtOf(time: TransactionTime, court: string): string {
  const { filedDate, enteredDate, enteredTime, zone } = time;
  if (!enteredTime || enteredDate !== filedDate) return filedDate;
  return (zone ? withPrintedZone(filedDate, enteredTime, zone) : null) ?? withCourtZone(filedDate, enteredTime, court) ?? filedDate;
}
