/**
 * The visible text of HTML as lines, the way a reader sees it: block elements (paragraphs, list
 * items, headings, table rows) start new lines, table cells in a row share one, whitespace is
 * collapsed, and what is never shown (scripts, styles, hidden elements) is dropped.
 *
 * Used by page watching (the text of a region, diffed line by line), by press articles (an item's
 * own page) and by feed summaries (an HTML description as one line).
 *
 * Hostile input: the walk (../html-text.ts) is iterative, HTML is pre-scanned with the SCOTUS
 * parser's complexity guard before any tree is built, and the output is capped in lines and in
 * characters per line.
 */
import { decodeHTML } from 'entities';
import { loadHtml } from '../html-load';
import type { AnyNode, Element } from 'domhandler';
import { ParseError } from '@docketwatch/core';
import { HIDDEN_ELEMENTS, htmlLines } from '../html-text';
import { htmlComplexityProblem } from '../scotus-docket/html-complexity';

/** A page is a few hundred kB; the HTTP client caps bodies at 5 MiB. Anything beyond this is refused unread. */
export const MAX_HTML_CHARS = 8 * 1024 * 1024;

export interface TextLimits {
  /** Lines kept; the walk stops once it has this many. */
  maxLines: number;
  /** Characters kept per line; longer lines are clipped with "…". */
  maxLineChars: number;
}

export const TEXT_LIMITS: TextLimits = { maxLines: 20_000, maxLineChars: 4_000 };

/** Never visible text. `select` and `datalist` hold option lists (date pickers, facets) that read as noise. */
const PAGE_HIDDEN_ELEMENTS: ReadonlySet<string> = new Set([
  ...HIDDEN_ELEMENTS,
  'head',
  'title',
  'iframe',
  'object',
  'svg',
  'math',
  'select',
  'datalist',
]);

const INLINE_HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:;|$|!)/i;

function isHidden(element: Element): boolean {
  if (PAGE_HIDDEN_ELEMENTS.has(element.name)) return true;
  if (element.attribs['hidden'] !== undefined) return true;
  const style = element.attribs['style'];
  return style !== undefined && style.length < 1_000 && INLINE_HIDDEN_STYLE.test(style);
}

export interface VisibleText {
  lines: string[];
  /** href of every visible <a>, in document order, as written (unresolved). */
  links: string[];
  /** True when a limit cut the text short. */
  clipped: boolean;
}

/** Walks `roots` in document order and returns their visible text as lines. */
export function visibleText(roots: readonly AnyNode[], limits: TextLimits = TEXT_LIMITS): VisibleText {
  const { lines, links, clipped } = htmlLines(roots, { hidden: isHidden, newlines: 'in-pre', ...limits });
  return { lines: lines.map((line) => line.text), links, clipped };
}

/**
 * Refuses HTML that is too large or too complex to parse safely (see html-complexity.ts).
 * @throws ParseError PARSE_MALFORMED
 */
export function assertSafeHtml(html: string, what: string): void {
  if (html.length > MAX_HTML_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${what}: page is too large`, { length: html.length, limit: MAX_HTML_CHARS });
  }
  const problem = htmlComplexityProblem(html);
  if (problem) throw new ParseError('PARSE_MALFORMED', `${what}: page is too complex to parse safely (${problem})`);
}

/** Last resort for fragments too complex to parse: drop anything tag-shaped, decode references. Linear. */
function roughText(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      out += html.slice(at);
      break;
    }
    out += `${html.slice(at, open)} `;
    const close = html.indexOf('>', open + 1);
    at = close === -1 ? html.length : close + 1;
  }
  return decodeHTML(out);
}

export interface FragmentText {
  lines: string[];
  links: string[];
}

/**
 * The visible text of an HTML fragment (a feed item's description, say). Never throws: a fragment
 * too complex for a parser is reduced to its text by a linear tag-stripping pass instead.
 */
export function fragmentText(html: string, limits: TextLimits = TEXT_LIMITS): FragmentText {
  if (!html.includes('<') && !html.includes('&')) {
    const line = html.replace(/\s+/g, ' ').trim();
    return { lines: line ? [line.slice(0, limits.maxLineChars)] : [], links: [] };
  }
  if (html.length > MAX_HTML_CHARS || htmlComplexityProblem(html) !== null) {
    const line = roughText(html.slice(0, MAX_HTML_CHARS)).replace(/\s+/g, ' ').trim();
    return { lines: line ? [line.slice(0, limits.maxLineChars)] : [], links: [] };
  }
  const $ = loadHtml(html, null, false);
  const { lines, links } = visibleText($.root().toArray(), limits);
  return { lines, links };
}
