/**
 * Which matters a press item (or any text) is about, and why.
 *
 * Signals, each found in the item's title, summary and text together:
 * - alias: one of the matter's names, compared after folding (case, accents, quotes, dashes,
 *   whitespace) on word boundaries: "Abrego Garcia" matches "ÁBREGO GARCÍA's case", not
 *   "Abregogarcia". Words may be joined by spaces, hyphens or light punctuation ("v. Trump").
 * - keyword: a phrase the matter is known by ("Alien Enemies Act"); a keyword two matters share
 *   matches both.
 * - docket-number: a number in the text that names one of the matter's dockets (docketNumbersMatch).
 *
 * Initialisms. An alias written as an initialism ("J.G.G.", "A.A.R.P.", or all capitals "JGG")
 * matches the dotted forms "J.G.G.", "J.G.G", "J. G. G." and the compact form "JGG". Dotted, it is a
 * strong signal: few things are written "A.A.R.P.". Compact, it is weak: "AARP" is also the
 * retirement association, and three capitals are easy to collide with.
 *
 * Strong and weak. A matter matches when it has at least one strong reason, or weak reasons with
 * two different values (two independent weak hints corroborate each other). Weak reasons are:
 * - a single-initialism alias or keyword found only in its compact form ("AARP", "JGG");
 * - an alias listed in the profile's `weakAliases` (for names that are also common words);
 * - a district number written without its office ("Civil Action No. 25-766 (JEB)", "25-cv-766"),
 *   which names a district case but not which district.
 * Everything else is strong. Multi-word aliases ("AARP v. Trump", "JGG v. Trump") are strong in any
 * form, because the caption around the initialism disambiguates it.
 *
 * Every reason carries an excerpt of the original text (about 60 characters either side of it).
 */
import { foldText, foldWithOffsets } from './fold';
import { normaliseDocketNumber } from '../docket-number';
import { docketNumbersMatch, locateDocketNumbers } from './docket-mentions';

export interface MatterProfile {
  id: number;
  /** Names of the matter; see the file comment for how initialisms count. */
  aliases: string[];
  /** Names that only count with a second signal (a name that is also a common word or an organisation). */
  weakAliases?: string[];
  keywords?: string[];
  dockets: { court: string; docketNumber: string }[];
}

export type MatchReasonKind = 'alias' | 'keyword' | 'docket-number';

export interface MatchReason {
  kind: MatchReasonKind;
  /** The alias or keyword as the profile writes it, or the docket number in canonical form. */
  value: string;
  /** The original text around the match, whitespace collapsed, "…" where cut. */
  excerpt: string;
  /** A weak reason counts only when a second reason corroborates it. */
  strength: 'strong' | 'weak';
}

export interface MatchResult {
  matterId: number;
  reasons: MatchReason[];
}

export interface MatchableItem {
  title: string;
  summary: string;
  text: string;
}

// Caps on hostile input: what is beyond them is not read.
export const MATCH_MAX_TITLE_CHARS = 2_000;
export const MATCH_MAX_SUMMARY_CHARS = 20_000;
export const MATCH_MAX_TEXT_CHARS = 200_000;
const MAX_PHRASES_PER_MATTER = 100;
const MAX_PHRASE_CHARS = 200;
const MAX_PHRASE_TOKENS = 12;
const MAX_REASONS_PER_MATTER = 20;
/** Matches of one phrase looked at while searching for a strong (dotted) form. */
const MAX_MATCHES_PER_PHRASE = 200;
const EXCERPT_RADIUS = 60;

/** Between the words of a phrase: spaces, hyphens, a dot, a comma or a slash ("v. Trump", "A.A.R.P. / W.M.M."). */
const SEPARATOR = String.raw`[\s\-.,/]{1,4}`;

interface CompiledPhrase {
  source: string;
  kind: 'alias' | 'keyword';
  regex: RegExp;
  /** The phrase is one initialism: a match in compact form ("JGG") is weak. */
  singleInitialism: boolean;
  weak: boolean;
  /** Folded words the text must contain for the phrase to match (a cheap pre-check). */
  words: string[];
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "J.G.G." / "J.G.G" -> ["j","g","g"]; "AARP" -> ["a","a","r","p"]; anything else -> null. */
function initialismLetters(token: string): string[] | null {
  if (/^(?:[A-Za-z]\.){2,}[A-Za-z]?$/.test(token) || /^(?:[A-Za-z]\.){1,}[A-Za-z]$/.test(token)) {
    return token.replace(/\./g, '').toLowerCase().split('');
  }
  if (/^[A-Z]{2,6}$/.test(token)) return token.toLowerCase().split('');
  return null;
}

/** Compiles one alias or keyword into a pattern over folded text, or null when it has no words. */
function compilePhrase(source: string, kind: 'alias' | 'keyword', weak: boolean): CompiledPhrase | null {
  if (source.length > MAX_PHRASE_CHARS) return null;
  // "J. G. G." -> "J.G.G." so that an initialism is one token.
  const joined = source.trim().replace(/\b([A-Za-z])\.\s+(?=[A-Za-z]\.)/g, '$1.');
  const tokens = joined.split(/\s+/).filter(Boolean).slice(0, MAX_PHRASE_TOKENS);
  const parts: string[] = [];
  const words: string[] = [];
  let initialisms = 0;
  let firstIsInitialism = false;
  for (const raw of tokens) {
    // Trailing punctuation is not part of a word: "v." and "Trump," are "v" and "Trump".
    const token = raw.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}.]+$/u, '');
    const letters = initialismLetters(token);
    if (letters) {
      if (parts.length === 0) firstIsInitialism = true;
      initialisms++;
      const dotted = letters.map(escapeRegex).join(String.raw`\.\s?`) + String.raw`\.?`;
      parts.push(`(?:${dotted}|${letters.map(escapeRegex).join('')})`);
      continue;
    }
    const runs = foldText(token).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (runs.length === 0) continue;
    words.push(...runs);
    parts.push(runs.map(escapeRegex).join(String.raw`[^\s\p{L}\p{N}]{1,2}`));
  }
  if (parts.length === 0) return null;
  const singleInitialism = parts.length === 1 && initialisms === 1;
  // An initialism must not continue a longer one ("W.A.A.R.P." is not "A.A.R.P.").
  const start = firstIsInitialism ? String.raw`(?<![\p{L}\p{N}]\.?)` : String.raw`(?<![\p{L}\p{N}])`;
  const regex = new RegExp(`${start}${parts.join(SEPARATOR)}(?![\\p{L}\\p{N}])`, 'gu');
  return { source, kind, regex, singleInitialism, weak, words };
}

/** The original text around [start, end), ±EXCERPT_RADIUS characters, whitespace collapsed. */
export function excerptAround(source: string, start: number, end: number): string {
  let from = Math.max(0, start - EXCERPT_RADIUS);
  let to = Math.min(source.length, end + EXCERPT_RADIUS);
  // Do not cut a surrogate pair in two.
  if (from > 0 && /[\uDC00-\uDFFF]/.test(source[from] ?? '')) from--;
  if (to < source.length && /[\uDC00-\uDFFF]/.test(source[to] ?? '')) to++;
  const body = source.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < source.length ? '…' : ''}`;
}

interface PreparedItem {
  source: string;
  folded: string;
  offsets: number[];
  words: Set<string>;
}

function prepareItem(item: MatchableItem): PreparedItem {
  const source = [
    (item.title ?? '').slice(0, MATCH_MAX_TITLE_CHARS),
    (item.summary ?? '').slice(0, MATCH_MAX_SUMMARY_CHARS),
    (item.text ?? '').slice(0, MATCH_MAX_TEXT_CHARS),
  ].join('\n\n');
  const { text: folded, offsets } = foldWithOffsets(source);
  const words = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
  return { source, folded, offsets, words };
}

/** The best match of a phrase: the first strong one, else the first (weak) one. */
function findPhrase(phrase: CompiledPhrase, item: PreparedItem): MatchReason | null {
  if (!phrase.words.every((w) => item.words.has(w))) return null;
  phrase.regex.lastIndex = 0;
  let first: MatchReason | null = null;
  let seen = 0;
  for (const m of item.folded.matchAll(phrase.regex)) {
    const weak = phrase.weak || (phrase.singleInitialism && !m[0].includes('.'));
    const start = item.offsets[m.index] ?? 0;
    const lastChar = m.index + m[0].length - 1;
    const end = (item.offsets[lastChar] ?? start) + 1;
    const reason: MatchReason = {
      kind: phrase.kind,
      value: phrase.source,
      excerpt: excerptAround(item.source, start, end),
      strength: weak ? 'weak' : 'strong',
    };
    if (!weak) return reason;
    first ??= reason;
    if (++seen >= MAX_MATCHES_PER_PHRASE) break;
  }
  return first;
}

function compileMatter(matter: MatterProfile): CompiledPhrase[] {
  const weakAliases = new Set((matter.weakAliases ?? []).map(foldText));
  const phrases: CompiledPhrase[] = [];
  const seen = new Set<string>();
  const add = (source: string, kind: 'alias' | 'keyword', weak: boolean): void => {
    const key = `${kind}|${foldText(source)}`;
    if (seen.has(key) || phrases.length >= MAX_PHRASES_PER_MATTER) return;
    seen.add(key);
    const compiled = compilePhrase(source, kind, weak);
    if (compiled) phrases.push(compiled);
  };
  for (const alias of matter.aliases) add(alias, 'alias', weakAliases.has(foldText(alias)));
  for (const alias of matter.weakAliases ?? []) add(alias, 'alias', true);
  for (const keyword of matter.keywords ?? []) add(keyword, 'keyword', false);
  return phrases;
}

/** A matter matches on one strong reason, or on weak reasons with two different values. */
function isMatch(reasons: MatchReason[]): boolean {
  if (reasons.some((r) => r.strength === 'strong')) return true;
  return new Set(reasons.map((r) => `${r.kind}|${foldText(r.value)}`)).size >= 2;
}

/** The matters `item` is about, in the order of `matters`, each with the reasons it matched. */
export function matchItem(item: MatchableItem, matters: MatterProfile[]): MatchResult[] {
  const prepared = prepareItem(item);
  const mentions = locateDocketNumbers(prepared.source);
  const results: MatchResult[] = [];
  for (const matter of matters) {
    const reasons: MatchReason[] = [];
    const seen = new Set<string>();
    const push = (reason: MatchReason): void => {
      const key = `${reason.kind}|${reason.value.toLowerCase()}`;
      if (seen.has(key) || reasons.length >= MAX_REASONS_PER_MATTER) return;
      seen.add(key);
      reasons.push(reason);
    };

    for (const phrase of compileMatter(matter)) {
      const reason = findPhrase(phrase, prepared);
      if (reason) push(reason);
    }

    for (const mention of mentions) {
      for (const docket of matter.dockets) {
        const how = docketNumbersMatch(mention, docket.docketNumber);
        if (!how) continue;
        push({
          kind: 'docket-number',
          value: normaliseDocketNumber(docket.docketNumber.slice(0, 100)),
          excerpt: excerptAround(prepared.source, mention.index, mention.end),
          strength: how === 'exact' ? 'strong' : 'weak',
        });
      }
    }

    // Strong reasons first, each group in the order found.
    reasons.sort((a, b) => (a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1));
    if (isMatch(reasons)) results.push({ matterId: matter.id, reasons });
  }
  return results;
}
