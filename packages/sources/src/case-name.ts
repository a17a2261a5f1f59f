/**
 * Case-name clean-up shared by the parsers, reproducing what juriscraper does to a case name
 * (juriscraper/lib/string_utils.py `harmonize()` and `clean_string()`, then the whitespace
 * clean-up of `clean_court_object()`), so our names match CourtListener's for the same case.
 *
 * Every pattern here is either anchored or free of nested/adjacent quantifiers, and the
 * end-trimming juriscraper does with a regex is a plain loop: case names come from untrusted
 * documents, so nothing may go quadratic on a long run of punctuation or whitespace.
 */
import { loadHtml } from './html-load';

/** Words juriscraper drops when a whole word is a party role ("Plaintiff-Appellee,", "Pet."). */
const ROLE_WORD = new RegExp(
  '^(?:' +
    [
      'appell(?:ee|ant)s?',
      'claimants?',
      'complainants?',
      'defendants?',
      'defendants?(?:--?|/)appell(?:ee|ant)s?',
      'devisee',
      'executor',
      'executrix',
      'pet(?:\\.|itioner)s?',
      'petitioners?(?:--?|/)appell(?:ee|ant)s?',
      'petitioners?(?:--?|/)defendants?',
      'plaintiffs?',
      'plaintiffs?(?:--?|/)appell(?:ee|ant)s?',
      'respond(?:e|a)nts?',
      'respond(?:e|a)nts?(?:--?|/)appell(?:ee|ant)s?',
      'cross(?:--?|/)respondents?',
      'crosss?(?:--?|/)petitioners?',
      'cross(?:--?|/)appell(?:ees|ant)s?',
      'deceased',
    ].join('|') +
    ')(?:,|\\.)?$',
  'i',
);

/** A party that is just the United States, however written ("USA", "U. S.", "The United States of America,"). */
const UNITED_STATES = /^(?:USA|U\.S\.A\.|U\.S\.?|U\. S\.?|(?:The )?United States of America|The United States)(?:,|\.)?$/i;

const VERSUS_VS = /\svs\.?\s/gi;
/** Case-sensitive on purpose, as in juriscraper: a capital "V" is more often an initial than "versus". */
const VERSUS_V = /\sv\.?\s/g;
const ET_AL = /,?\set\.?\sal\.?/gi;
const LEADING_NUMBER_LABEL = /^Nos?\.\s+/;
const PARTY_SEPARATOR = ' v. ';

/** Entity spellings juriscraper still replaces by hand: they survive one decoding pass when a court double-escapes. */
const LEFTOVER_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&rsquo;', "'"],
  ['&rdquo;', '"'],
  ['&ldquo;', '"'],
  ['&nbsp;', ' '],
  ['&amp;', '&'],
  ['%20', ' '],
  ['&#160;', ' '],
];

const SMART_QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['\u2019', "'"],
  ['\u2018', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
];

/** Characters juriscraper strips from both ends of each party name. */
const EDGE_JUNK = new Set(['-', '\u2013', '_', '/', ';', ',']);
const isEdgeJunk = (ch: string): boolean => EDGE_JUNK.has(ch) || /\s/.test(ch);

function trimEdgeJunk(fragment: string): string {
  let start = 0;
  let end = fragment.length;
  while (start < end && isEdgeJunk(fragment[start]!)) start++;
  while (end > start && isEdgeJunk(fragment[end - 1]!)) end--;
  return fragment.slice(start, end);
}

const words = (text: string): string[] => text.split(/\s+/).filter((word) => word !== '');
const collapseWhitespace = (text: string): string => words(text).join(' ');

/**
 * juriscraper's `clean_string()`: leftover entities and smart quotes, drops `*`, `#` and `;`,
 * trims punctuation from the ends of each party, and collapses whitespace (NBSP included).
 */
export function cleanString(raw: string): string {
  let text = raw;
  for (const [from, to] of LEFTOVER_ENTITIES) text = text.replaceAll(from, to);
  for (const [from, to] of SMART_QUOTES) text = text.replaceAll(from, to);
  text = text.replaceAll('*', '').replaceAll('#', '').replaceAll(';', '');
  text = text.split(PARTY_SEPARATOR).map(trimEdgeJunk).join(PARTY_SEPARATOR);
  return collapseWhitespace(text).replaceAll('\u00a0', ' ');
}

function harmonizeParty(party: string): string {
  const trimmed = party.trim();
  if (UNITED_STATES.test(trimmed)) return 'United States';
  if (trimmed.toLowerCase() === 'the state') return 'State';
  // "US" alone is the United States; the case-insensitive test above cannot include it or "us" would match.
  return trimmed === 'US' ? 'United States' : trimmed;
}

/**
 * juriscraper's `harmonize()`: "vs"/"v" become "v.", party-role words and "et al" go,
 * the United States is spelled one way, a leading "No."/"Nos." goes.
 */
export function harmonize(raw: string): string {
  let text = raw.replace(VERSUS_VS, ' v. ').replace(VERSUS_V, ' v. ');
  // Role words are blanked, not removed, exactly as juriscraper does; the blanks collapse later.
  text = words(text)
    .map((word) => (ROLE_WORD.test(word) ? '' : word))
    .join(' ');
  let result = text.split(PARTY_SEPARATOR).map(harmonizeParty).join(PARTY_SEPARATOR);
  result = result.replace(ET_AL, '');
  if (result.startsWith('No.') || result.startsWith('Nos.')) result = result.replace(LEADING_NUMBER_LABEL, '');
  return cleanString(result);
}

/**
 * HTML entity decoding, as Python's html.unescape (juriscraper's first step on a case name).
 * `<` is escaped first so the HTML parser sees nothing but text.
 */
function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return loadHtml(text.replaceAll('<', '&lt;'), null, false).root().text();
}

/**
 * A case name as juriscraper would store it: "USA v. Smith, et al" -> "United States v. Smith",
 * "Food &amp;amp; Water Watch v. FERC" -> "Food & Water Watch v. FERC".
 *
 * Pass text with its document's own encoding already undone (XML-decoded, or an HTML text node).
 * Steps: html.unescape (juriscraper's RSS parser does this first; with clean_string's own `&amp;`
 * replacement it undoes a double escape), then harmonize and clean_string. juriscraper's scrapers
 * call harmonize(clean_string(x)) and its RSS parser clean_string(harmonize(x)); cleaning on both
 * sides gives both results ("/USA vs White" is "United States v. White" either way). Last comes
 * `clean_court_object()`: no space before a comma. May return "" when nothing is left of the name.
 */
export function harmonizeCaseName(raw: string): string {
  return cleanString(harmonize(cleanString(decodeHtmlEntities(raw)))).replaceAll(' ,', ',');
}
