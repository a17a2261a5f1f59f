/**
 * The docket event an NEF is about ("Notice (Other)", "Motion for Partial Summary Judgment").
 * The body never names it; CM/ECF puts it at the end of the subject, after the case:
 *
 *   "Activity in Case 3:21-cv-00437-ECM-SRW Stapler v. Automatic Food Service, Inc. Notice (Other)"
 *   "Activity in OKND case 4:18-cv-00499-JED-CDL Wilson v. Filtrex Service Group Inc et al - Joint Status Report"
 *   "24-03015 Complaint"                                (bankruptcy: number and event, no case name)
 *   "Multiple Cases "Close Adversary Case" - AP -"      (bankruptcy, one filing in several cases)
 *
 * So we take the subject apart with what the body told us: the case number as written, then the
 * case name as written. When the subject does not carry them as expected we return "" rather than
 * guess where the case name stops and the event begins.
 */

export interface SubjectCase {
  /** The Case Number field as written ("2:17-cv-00109-EWH-LRL", "MDL No. 2967"). */
  rawNumber: string;
  /** The Case Name field as written, before any clean-up ("Simon et al v. City and County of San Francisco et al"). */
  rawName: string;
}

/** Subjects are one header line; anything longer is not a CM/ECF subject and is not read. */
const MAX_SUBJECT_CHARS = 1000;

/** What a forwarding mail client prepends, once or several times ("Fwd: FW: …"). */
const FORWARD_PREFIX = /^(?:fwd?|fw|re|aw|wg|tr)\s?:\s?/i;
const ACTIVITY_PREFIX = /^Activity in (?:Case|[A-Za-z]{2,8} case) /i;
const MULTIPLE_CASES = /^Multiple Cases "([^"]{0,300})"/i;
const LEADING_SEPARATOR = /^[-–:]\s?/;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function startsWithIgnoringCase(text: string, prefix: string): boolean {
  return prefix !== '' && text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

/**
 * Cuts the case number off the front. Some courts glue their id to it ("…-EWH-LRLVAED"), so the cut
 * runs on to the end of that word.
 */
function afterCaseNumber(rest: string, rawNumber: string): string | null {
  if (!startsWithIgnoringCase(rest, rawNumber)) return null;
  const space = rest.indexOf(' ', rawNumber.length);
  return space === -1 ? '' : rest.slice(space + 1);
}

function cleanEvent(text: string): string {
  return collapse(collapse(text).replace(LEADING_SEPARATOR, ''));
}

/** The event name from an NEF subject, "" when the subject does not give it in a form we know. */
export function eventFromSubject(subject: string, firstCase: SubjectCase | undefined): string {
  let text = collapse(subject.slice(0, MAX_SUBJECT_CHARS));
  for (let i = 0; i < 5 && FORWARD_PREFIX.test(text); i++) text = text.replace(FORWARD_PREFIX, '');

  const multiple = MULTIPLE_CASES.exec(text);
  if (multiple) return collapse(multiple[1]!);
  if (!firstCase) return '';

  const rawNumber = collapse(firstCase.rawNumber);
  const rawName = collapse(firstCase.rawName);
  const activity = ACTIVITY_PREFIX.exec(text);
  if (activity) {
    const afterNumber = afterCaseNumber(text.slice(activity[0].length), rawNumber);
    if (afterNumber === null || !startsWithIgnoringCase(afterNumber, rawName)) return '';
    return cleanEvent(afterNumber.slice(rawName.length));
  }
  // Bankruptcy courts: "<number> <event>", no case name.
  const afterNumber = afterCaseNumber(text, rawNumber);
  return afterNumber === null ? '' : cleanEvent(afterNumber);
}
