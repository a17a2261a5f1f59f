/**
 * Lower-court case numbers as the Supreme Court clerk writes them, split into one string per case.
 *
 * The clerk abbreviates runs of related cases, and juriscraper expands them the same way:
 *   "(23-2051 (See also 23-1853))"     -> 23-2051, 23-1853
 *   "98-35309/35509", "96-C-235/239"   -> 98-35309, 98-35509 / 96-C-235, 96-C-239   (slash: same prefix)
 *   "99-1845,-1846", "98-4033;-4214"   -> 99-1845, 99-1846 / 98-4033, 98-4214      (leading dash: same prefix)
 *   "97-1715/1111 to 1115"             -> 97-1715, 97-1111 ... 97-1115             (range)
 * Anything else ("8:25-cv-951", "COA16-723", "1998-CA-0022039-MR") is kept exactly as written.
 */

/** More than any docket lists; bounds work on hostile input. */
const MAX_RAW_CHARS = 4000;
const MAX_CASES = 200;
/** Longer "ranges" are more likely typos than 100+ consolidated appeals; we keep just the endpoints. */
const MAX_RANGE_EXPANSION = 100;

function isDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** "96-C-235" -> "96-C-": what a bare continuation number ("239", "-239") inherits. */
function prefixOf(caseNumber: string): string {
  let end = caseNumber.length;
  while (end > 0 && isDigits(caseNumber[end - 1]!)) end--;
  return caseNumber.slice(0, end);
}

/** The trailing digits of a case number ("98-1115" -> "1115"), or "" when it has none. */
function trailingDigits(caseNumber: string): string {
  return caseNumber.slice(prefixOf(caseNumber).length);
}

/**
 * A number that continues the previous case: "-1846" always does; bare digits ("35509") only after
 * a slash, since after a comma they may be another court's plain numbering.
 */
function withInheritedPrefix(part: string, previous: string | null, bareDigitsInherit: boolean): string {
  if (previous === null) return part;
  if (part.startsWith('-') && isDigits(part.slice(1))) return prefixOf(previous) + part.slice(1);
  return bareDigitsInherit && isDigits(part) ? prefixOf(previous) + part : part;
}

/** "98-1111 to 1115" -> 98-1111 ... 98-1115; the start may itself be a bare continuation number. */
function expandRange(part: string, previous: string | null, bareDigitsInherit: boolean): string[] {
  const at = part.indexOf(' to ');
  const start = withInheritedPrefix(part.slice(0, at).trim(), previous, bareDigitsInherit);
  const endText = part.slice(at + 4).trim();
  const first = Number(trailingDigits(start));
  const last = Number(trailingDigits(endText));
  const prefix = prefixOf(start);
  if (!trailingDigits(start) || !trailingDigits(endText)) return [start, endText].filter(Boolean);
  // Past 2^53, n++ stops changing n ("9007199254740992 to 9007199254740994" looped until memory ran out).
  if (!Number.isSafeInteger(last) || last <= first || last - first > MAX_RANGE_EXPANSION) return [start, prefix + trailingDigits(endText)];
  const cases: string[] = [];
  for (let n = first; n <= last; n++) cases.push(prefix + String(n).padStart(trailingDigits(start).length, '0'));
  return cases;
}

/** One comma-separated item, which may hold slash-joined numbers sharing a prefix. */
function expandItem(item: string, previous: string | null): string[] {
  const cases: string[] = [];
  let last = previous;
  item.split('/').forEach((rawPart, index) => {
    const part = rawPart.trim();
    if (part === '' || part === '-') return;
    const afterSlash = index > 0;
    const expanded = part.includes(' to ') ? expandRange(part, last, afterSlash) : [withInheritedPrefix(part, last, afterSlash)];
    cases.push(...expanded);
    last = expanded[expanded.length - 1] ?? last;
  });
  return cases;
}

/** Splits the clerk's "Case Numbers" text into distinct case numbers, in the order written. */
export function splitLowerCourtCases(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const text = raw
    .slice(0, MAX_RAW_CHARS)
    .replace(/[()]/g, '')
    .replace(/\bsee\s+also\b/gi, ',')
    .replace(/[;&\r\n]/g, ',');
  const seen = new Set<string>();
  let previous: string | null = null;
  for (const item of text.split(',')) {
    for (const caseNumber of expandItem(collapse(item), previous)) {
      previous = caseNumber;
      if (seen.size >= MAX_CASES) return [...seen];
      seen.add(caseNumber);
    }
  }
  return [...seen];
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
