/**
 * Text folding for matching: the same words written with or without accents, in any case, with
 * typographic quotes and dashes, or across line breaks compare equal after folding.
 *
 *   foldText('  ÁBREGO  GARCÍA’s — case ') === "abrego garcia's - case"
 */

/** Characters folding maps by hand: typographic quotes and dashes, invisible characters, and letters NFKD leaves alone. */
const SPECIAL: Record<string, string> = {
  // single quotes, primes and stray accents written as apostrophes
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u2039': "'",
  '\u203A': "'",
  '\u0060': "'",
  '\u00B4': "'",
  // double quotes
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  // dashes and minus signs
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2043': '-',
  '\u2212': '-',
  '\u2E3A': '-',
  '\u2E3B': '-',
  '\uFE58': '-',
  '\uFE63': '-',
  '\uFF0D': '-',
  // invisible: soft hyphen, zero-width space/joiners, word joiner, byte-order mark
  '\u00AD': '',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  // letters without a decomposition
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ß: 'ss',
  ẞ: 'ss',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
};

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /^\s$/u;

/** Non-ASCII characters seen so far and their folded form; bounded by the number of distinct characters. */
const cache = new Map<string, string>();
const MAX_CACHE = 10_000;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 0x80) {
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    if (code === 0x60) return "'";
    return ch;
  }
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
  const folded = SPECIAL[ch] ?? foldSpecialAfterNfkd(ch.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase());
  if (cache.size < MAX_CACHE) cache.set(ch, folded);
  return folded;
}

/** NFKD can produce characters folding maps too (a full-width dash becomes "-" already; "İ" leaves a mark we strip). */
function foldSpecialAfterNfkd(text: string): string {
  let out = '';
  for (const ch of text) out += SPECIAL[ch] ?? ch;
  return out.replace(COMBINING_MARKS, '');
}

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** offsets[i] is the index in the source of the character folded into text[i]. */
  offsets: number[];
}

/**
 * Folds `source` and keeps, for every folded character, where it came from, so a match found in
 * the folded text can be shown in the original.
 */
export function foldWithOffsets(source: string): FoldedText {
  let text = '';
  const offsets: number[] = [];
  let lastWasSpace = true; // drops leading whitespace
  for (let i = 0; i < source.length;) {
    const cp = source.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const folded = foldChar(ch);
    for (const out of folded) {
      if (WHITESPACE.test(out)) {
        if (lastWasSpace) continue;
        text += ' ';
        offsets.push(i);
        lastWasSpace = true;
      } else {
        text += out;
        for (let k = 0; k < out.length; k++) offsets.push(i);
        lastWasSpace = false;
      }
    }
    i += ch.length;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    offsets.pop();
  }
  return { text, offsets };
}

/**
 * Lower-case, accents and other diacritics removed (NFKD, combining marks dropped), typographic
 * quotes and dashes unified to ' " -, invisible characters removed, whitespace collapsed and trimmed.
 */
export function foldText(s: string): string {
  return foldWithOffsets(s).text;
}
