/**
 * cheerio's `load` for untrusted text. parse5 7 (cheerio's HTML parser) pairs any surrogate with a
 * low surrogate after it, so a lone low surrogate followed by another ("\uDC00\uDC00") makes it
 * compute a code point past U+10FFFF and throw a RangeError from String.fromCodePoint. Text reaches
 * the parsers with lone surrogates whenever it was never UTF-8: JSON's "\uDC00" escapes (docket
 * JSON entry texts), UTF-16 mail parts, strings handed to the parse API. A browser reads a lone
 * surrogate as U+FFFD, so we replace each with that before parsing; lengths and offsets do not change.
 */
import { load, type CheerioAPI, type CheerioOptions } from 'cheerio';

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, which ES2023 typings lack). */
export function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** cheerio's `load`, on well-formed text. */
export function loadHtml(html: string, options?: CheerioOptions | null, isDocument?: boolean): CheerioAPI {
  return load(wellFormed(html), options, isDocument);
}
