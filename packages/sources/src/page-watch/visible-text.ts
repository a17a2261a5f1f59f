/**
 * The visible text of HTML as lines, the way a reader sees it: block elements (paragraphs, list
 * items, headings, table rows) start new lines, table cells in a row share one, whitespace is
 * collapsed, and what is never shown (scripts, styles, hidden elements) is dropped.
 *
 * Used by page watching (the text of a region, diffed line by line), by press articles (an item's
 * own page) and by feed summaries (an HTML description as one line).
 *
 * Hostile input: the walk is iterative (no recursion, so no stack to exhaust however deep the
 * markup nests), HTML is pre-scanned with the SCOTUS parser's complexity guard before any tree is
 * built, and the output is capped in lines and in characters per line.
 */
import { loadHtml } from '../html-load';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren, isTag, isText } from 'domhandler';
import { ParseError } from '@docketwatch/core';
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

/** Elements that break lines before and after them. */
const BLOCK_ELEMENTS = new Set(
  (
    'address article aside blockquote caption center dd details dialog dir div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li legend main menu nav ol p section summary table tbody tfoot thead tr ul body html'
  ).split(' '),
);

/** Cells: separated from their neighbours by a space, kept on their row's line. */
const CELL_ELEMENTS = new Set(['td', 'th']);

/** Never visible text. `select` and `datalist` hold option lists (date pickers, facets) that read as noise. */
const HIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
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
  if (HIDDEN_ELEMENTS.has(element.name)) return true;
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

interface Visit {
  node: AnyNode;
  /** Leaving an element already entered. */
  exit: boolean;
}

/** Walks `roots` in document order and returns their visible text as lines. */
export function visibleText(roots: readonly AnyNode[], limits: TextLimits = TEXT_LIMITS): VisibleText {
  const result: VisibleText = { lines: [], links: [], clipped: false };
  let current: string[] = [];
  let currentChars = 0;
  let preDepth = 0;

  const flush = (): void => {
    if (current.length === 0) return;
    let line = current.join('').replace(/\s+/g, ' ').trim();
    current = [];
    currentChars = 0;
    if (line === '') return;
    if (line.length > limits.maxLineChars) {
      line = `${line.slice(0, limits.maxLineChars)}…`;
      result.clipped = true;
    }
    result.lines.push(line);
  };
  const append = (text: string): void => {
    // Past the per-line cap, more characters would only be clipped away: stop collecting them.
    if (currentChars > limits.maxLineChars) {
      result.clipped = true;
      return;
    }
    current.push(text);
    currentChars += text.length;
  };

  const stack: Visit[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, exit: false });

  while (stack.length > 0 && result.lines.length < limits.maxLines) {
    const { node, exit } = stack.pop()!;
    if (isText(node)) {
      if (preDepth === 0 || !node.data.includes('\n')) {
        append(node.data);
      } else {
        // Inside <pre>, a newline is a line break.
        const parts = node.data.split('\n');
        parts.forEach((part, index) => {
          if (index > 0) flush();
          append(part);
        });
      }
      continue;
    }
    if (!isTag(node)) {
      // The document root (and CDATA) hold children; comments and directives are not text.
      if (hasChildren(node)) {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
      }
      continue;
    }
    const name = node.name;
    if (exit) {
      if (name === 'pre') {
        flush();
        preDepth--;
      } else if (BLOCK_ELEMENTS.has(name)) flush();
      else if (CELL_ELEMENTS.has(name)) append(' ');
      continue;
    }
    if (isHidden(node)) continue;
    if (name === 'br') {
      flush();
      continue;
    }
    if (name === 'pre') {
      flush();
      preDepth++;
    } else if (BLOCK_ELEMENTS.has(name)) flush();
    else if (CELL_ELEMENTS.has(name)) append(' ');
    if (name === 'a') {
      const href = node.attribs['href'];
      if (href !== undefined && result.links.length < limits.maxLines) result.links.push(href);
    }
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
  }
  if (stack.length > 0) result.clipped = true;
  flush();
  if (result.lines.length > limits.maxLines) result.lines.length = limits.maxLines;
  return result;
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

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Last resort for fragments too complex to parse: drop anything tag-shaped, decode the common references. Linear. */
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
  return out.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi, (match, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number.parseInt(dec, 10) : hex !== undefined ? Number.parseInt(hex, 16) : null;
    if (code !== null) return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    return NAMED_ENTITIES[name!.toLowerCase()] ?? match;
  });
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
