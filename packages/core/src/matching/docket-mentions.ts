/**
 * Docket numbers mentioned in free text (press releases, orders, Supreme Court dockets), in the
 * forms people write them:
 *
 *   district    "8:25-cv-951", "8:25-CV-00951-PX", "Case 1:25-cv-00766-JEB", "8:25cv951"
 *               -> canonical "8:25-cv-00951" (normaliseDocketNumber)
 *   district,   "Civil Action No. 25-766 (JEB)", "Case No. 25-cv-766", "Criminal No. 21-175"
 *   no office   -> canonical "25-cv-00766" / "21-cr-00175": year, case type and sequence, no office.
 *               D.D.C. (and press releases) drop the office; such a number names a district case but
 *               not which office, so it matches a docket only on year, type and sequence
 *               (see docketNumbersMatch) and matchItem counts it as a weak signal.
 *   bankruptcy  "8:18-bk-12345", "18-ap-79", "Bankr. No. 18-00079", "Case No. 18-12345-TJC"
 *   appellate   "No. 25-1345", "25-5067", "(23-2051 (See also 23-1853))" -> "25-1345" as written.
 *               The Supreme Court numbers its petitions the same way ("No. 24-966"); text alone
 *               cannot tell them apart, so they are 'appellate' too.
 *   scotus      "No. 24A949", "24a0949" -> "24A949" (applications)
 *
 * What is not a docket number: dates ("2025-04-07", "04-07-2025"), phone numbers and ZIP+4
 * ("410-962-4000", "20530-0001"), statute and session-law cites ("8 U.S.C. 1231", "50 U.S.C.
 * §§ 21-24", "Pub. L. 115-232"), ECF entry numbers ("ECF No. 31-1"), page ranges ("pp. 12-345"),
 * short ranges ("ages 18-25"), quantities ("1000-2000 people").
 *
 * Bare yy-nnnn numbers need four or more digits after the dash; three digits need a label just
 * before them ("No.", "Case", "Appeal:"); fewer need a civil/criminal label. All patterns have
 * bounded quantifiers and no nested repetition, and the input is capped, so scanning is linear.
 */
import { normaliseDocketNumber, parseDistrictDocketNumber } from '../docket-number';

export type DocketNumberKind = 'district' | 'appellate' | 'scotus' | 'bankruptcy';

export interface DocketNumberMention {
  /** The number as written (with its judge-initials suffix when attached: "8:25-cv-00951-PX"). */
  raw: string;
  canonical: string;
  kind: DocketNumberKind;
}

/** A mention and where it sits in the scanned text. */
export interface LocatedDocketNumber extends DocketNumberMention {
  index: number;
  end: number;
}

/** Text beyond this is not scanned: press releases and opinions fit many times over. */
export const MAX_DOCKET_SCAN_CHARS = 250_000;
/** Distinct numbers returned at most. */
export const MAX_DOCKET_MENTIONS = 200;

// CM/ECF case types seen in district and bankruptcy numbers; a closed list keeps "10:30am-5pm" out.
const CASE_TYPES = 'mdl|cv|cr|mj|mc|md|ml|bk|ap|po|sw|gj|dp|pt|ms|hc|cm';
const BANKRUPTCY_TYPES = new Set(['bk', 'ap']);

const WITH_OFFICE = new RegExp(
  String.raw`(?<![0-9a-z:])(\d{1,2}):(\d{2})-?(${CASE_TYPES})-?(\d{1,5})((?:-\d{1,3})?(?:-[a-z]{1,5}){0,4})(?![0-9a-z])`,
  'gi',
);
const TYPED_NO_OFFICE = new RegExp(
  String.raw`(?<![0-9a-z:\-])(\d{2})-?(${CASE_TYPES})-?(\d{1,5})((?:-\d{1,3})?(?:-[a-z]{1,5}){0,4})(?![0-9a-z])`,
  'gi',
);
const SCOTUS_APPLICATION = /(?<![0-9a-z\-:])(\d{2})a(\d{1,5})(?![0-9a-z])/gi;
const YEAR_SEQUENCE = /(?<![0-9a-z$:_-])(\d{2})-(\d{1,5})(?![0-9a-z%_]|[-.,:]\d)/gi;

// Looked for in the 40 characters before a yy-nnnn number (lower-cased).
const CITATION_BEFORE =
  /(?:^|[^a-z])(?:§+|u\.\s?s\.\s?c\.?(?:\s?a\.?)?|c\.\s?f\.\s?r\.?|stat\.?|pub\.?\s?l\.?|p\.\s?l\.|public\s+law|pp?\.|pages?|ecf|dkt\.?|doc\.|document|entry|exhibit|ex\.|¶+|sections?|sec\.|art\.|rule|form|h\.\s?r\.|tel\.?|phone|fax)\s*(?:no\.?|nos\.?|number|#)?\s*:?\s*$/;
const CIVIL_BEFORE = /(?:^|[^a-z])(?:civil|civ\.)\s*(?:action|a\.|case)?\s*(?:no\.?|nos\.?|number|#)\s*:?\s*$/;
const CRIMINAL_BEFORE = /(?:^|[^a-z])(?:criminal|crim\.|cr\.)\s*(?:action|case)?\s*(?:no\.?|nos\.?|number|#)\s*:?\s*$/;
const BANKRUPTCY_BEFORE = /(?:^|[^a-z])(?:bankruptcy|bankr\.)\s*(?:case|petition|action)?\s*(?:no\.?|nos\.?|number|#)\s*:?\s*$/;
const LABEL_BEFORE = /(?:^|[^a-z])(?:no\.?|nos\.?|number|#|case|appeal:?|docket|cir\.|circuit)\s*:?\s*$/;
// "25-766 (JEB)": judge initials in parentheses mark a district number (D.D.C. style).
const JUDGE_INITIALS_AFTER = /^ ?\(([A-Z]{2,4})\)/;
const NOT_INITIALS = new Set(['USA', 'USCA', 'DC', 'CADC', 'SCT', 'ECF', 'AEA', 'DHS', 'DOJ', 'ICE', 'TRO']);
// "18-12345-TJC": a hyphenated judge code after a yy-nnnnn number is bankruptcy style.
const BANKRUPTCY_SUFFIX_AFTER = /^-([A-Z]{2,4})(?![A-Za-z0-9])/;
const QUANTITY_AFTER =
  /^\s*(?:people|persons|percent|per cent|minutes|hours|days|weeks|months|years|miles|pages|members|men|women|migrants|individuals|times|million|billion|thousand|dollars|detainees|noncitizens|children)\b/i;

const pad5 = (digits: string): string => digits.padStart(5, '0');

/** True when the character before `index` makes a match part of a larger number ("1.25-1345", "1,25-1345"). */
function numericBefore(text: string, index: number): boolean {
  const before = text[index - 1];
  return (before === '.' || before === ',') && /\d/.test(text[index - 2] ?? '');
}

/** Dashes and spaces written with other characters, replaced one for one so offsets stay valid. */
function prepare(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-').replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** Every docket number in `text` with its position, each distinct number once (its first mention), in text order. */
export function locateDocketNumbers(text: string): LocatedDocketNumber[] {
  const scan = prepare(text.length > MAX_DOCKET_SCAN_CHARS ? text.slice(0, MAX_DOCKET_SCAN_CHARS) : text);
  const found: LocatedDocketNumber[] = [];
  // Characters already part of a number: a later, looser pattern must not read them again.
  const taken = new Uint8Array(scan.length);
  const add = (m: LocatedDocketNumber): void => {
    for (let i = m.index; i < m.end; i++) if (taken[i]) return;
    taken.fill(1, m.index, m.end);
    found.push(m);
  };

  for (const m of scan.matchAll(WITH_OFFICE)) {
    const [raw, office, year, type, sequence] = m as unknown as [string, string, string, string, string];
    if (numericBefore(scan, m.index)) continue;
    const caseType = type.toLowerCase();
    add({
      raw,
      canonical: normaliseDocketNumber(`${office}:${year}-${caseType}-${sequence}`),
      kind: BANKRUPTCY_TYPES.has(caseType) ? 'bankruptcy' : 'district',
      index: m.index,
      end: m.index + raw.length,
    });
  }

  for (const m of scan.matchAll(TYPED_NO_OFFICE)) {
    const [raw, year, type, sequence] = m as unknown as [string, string, string, string];
    if (numericBefore(scan, m.index)) continue;
    const caseType = type.toLowerCase();
    add({
      raw,
      canonical: `${year}-${caseType}-${pad5(sequence)}`,
      kind: BANKRUPTCY_TYPES.has(caseType) ? 'bankruptcy' : 'district',
      index: m.index,
      end: m.index + raw.length,
    });
  }

  for (const m of scan.matchAll(SCOTUS_APPLICATION)) {
    const [raw, year, sequence] = m as unknown as [string, string, string];
    if (numericBefore(scan, m.index)) continue;
    add({ raw, canonical: normaliseDocketNumber(`${year}A${sequence}`), kind: 'scotus', index: m.index, end: m.index + raw.length });
  }

  for (const m of scan.matchAll(YEAR_SEQUENCE)) {
    const [raw, year, sequence] = m as unknown as [string, string, string];
    const located = yearSequence(scan, m.index, raw, year, sequence);
    if (located) add(located);
  }

  found.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const distinct: LocatedDocketNumber[] = [];
  for (const m of found) {
    const key = `${m.kind}|${m.canonical.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(m);
    if (distinct.length >= MAX_DOCKET_MENTIONS) break;
  }
  return distinct;
}

/** A bare "yy-nnnn": which kind it is depends on the words around it, and some are not docket numbers at all. */
function yearSequence(scan: string, index: number, raw: string, year: string, sequence: string): LocatedDocketNumber | null {
  if (numericBefore(scan, index)) return null;
  const end = index + raw.length;
  const before = scan.slice(Math.max(0, index - 40), index).toLowerCase();
  const after = scan.slice(end, end + 40);
  if (CITATION_BEFORE.test(before) || QUANTITY_AFTER.test(after)) return null;

  const initials = JUDGE_INITIALS_AFTER.exec(after);
  const judgeInitials = initials !== null && !NOT_INITIALS.has(initials[1]!);
  const criminal = CRIMINAL_BEFORE.test(before);
  if (criminal || CIVIL_BEFORE.test(before) || judgeInitials) {
    const caseType = criminal ? 'cr' : 'cv';
    return { raw, canonical: `${year}-${caseType}-${pad5(sequence)}`, kind: 'district', index, end };
  }
  if (BANKRUPTCY_BEFORE.test(before) || (sequence.length === 5 && BANKRUPTCY_SUFFIX_AFTER.test(after))) {
    return { raw, canonical: normaliseDocketNumber(`${year}-${sequence}`), kind: 'bankruptcy', index, end };
  }
  if (sequence.length < 3) return null;
  if (sequence.length === 3 && !LABEL_BEFORE.test(before)) return null;
  return { raw, canonical: normaliseDocketNumber(`${year}-${sequence}`), kind: 'appellate', index, end };
}

/** Every docket number mentioned in `text`, each distinct number once, in the order first mentioned. */
export function findDocketNumbers(text: string): DocketNumberMention[] {
  return locateDocketNumbers(text).map(({ raw, canonical, kind }) => ({ raw, canonical, kind }));
}

export type DocketNumberMatch = 'exact' | 'officeless';

/** "25-cv-00766": a district number written without its office. */
const OFFICELESS = /^(\d{2})-([a-z]{1,5})-(\d{5})$/;

/**
 * Whether a mentioned number names a docket:
 * - 'exact': the canonical forms are equal (case-insensitive): "8:25-cv-951" names 8:25-cv-00951;
 *   appellate and Supreme Court numbers compare exactly after normalising.
 * - 'officeless': the mention has no office ("Civil Action No. 25-766 (JEB)", "25-cv-766") and the
 *   docket is a district or bankruptcy number with the same year, case type and sequence
 *   (1:25-cv-00766). Every district has its own 25-cv-00766, so this is the weaker answer.
 * - null otherwise.
 */
export function docketNumbersMatch(mention: Pick<DocketNumberMention, 'canonical'>, docketNumber: string): DocketNumberMatch | null {
  const docket = normaliseDocketNumber(docketNumber.slice(0, 100)).toLowerCase();
  const canonical = mention.canonical.toLowerCase();
  if (canonical === docket) return 'exact';
  const officeless = OFFICELESS.exec(canonical);
  if (!officeless) return null;
  const parts = parseDistrictDocketNumber(docket);
  if (!parts) return null;
  return `${parts.year}-${parts.caseType}-${parts.sequence}` === canonical ? 'officeless' : null;
}
