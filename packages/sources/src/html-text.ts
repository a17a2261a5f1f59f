/**
 * Reading text out of parsed HTML, for every parser: one iterative walk (no recursion, so no stack
 * to exhaust however the markup nests), and the two shapes of text the parsers need.
 *
 * - `htmlText`: one string, the text nodes in document order, with a space where chosen elements
 *   start, and the anchors with an href and where their text sits in it (a docket cell, a mail body,
 *   lxml's text_content()).
 * - `htmlLines`: the text as a reader sees it, in lines: block elements and <br> start new lines,
 *   table cells in a row share one, whitespace is collapsed (a watched page region, an e-mail body).
 *
 * What is never shown (scripts, styles, templates) is skipped by both; callers that read pages or
 * mail widen the set.
 */
import { clip } from '@docketwatch/core';
import { hasChildren, isTag, isText } from 'domhandler';
import type { AnyNode, Element } from 'domhandler';

/** Never visible text, in any document. */
export const HIDDEN_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template']);

/** Elements that start and end a line. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li legend main menu nav ol p pre section summary table tbody ' +
    'tfoot thead tr ul'
  ).split(' '),
);

/** Cells: separated from their neighbours by a space, kept on their row's line. */
const CELL_ELEMENTS: ReadonlySet<string> = new Set(['td', 'th']);

const LINE_BREAK = /\r\n|\n|\r/;

export function isElement(node: AnyNode | null | undefined): node is Element {
  return node !== null && node !== undefined && isTag(node);
}

/** Whitespace runs (NBSP included) become one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface HtmlVisitor {
  /** Every node, in document order. Returning false skips the node's children (and its exit). */
  enter(node: AnyNode): boolean | void;
  /** An element, after its children. */
  exit?(element: Element): void;
}

type Step = { node: AnyNode; exit: false } | { node: Element; exit: true };

/**
 * Walks `roots` and their descendants in document order; `visit` is the visitor or its `enter`.
 * `stop` is asked before each step; the result is false when it cut the walk short.
 */
export function walkHtml(
  roots: AnyNode | readonly AnyNode[] | undefined,
  visit: HtmlVisitor | HtmlVisitor['enter'],
  stop?: () => boolean,
): boolean {
  const visitor = typeof visit === 'function' ? { enter: visit } : visit;
  const stack: Step[] = [];
  const push = (nodes: readonly AnyNode[]): void => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, exit: false });
  };
  if (roots) push(Array.isArray(roots) ? roots : [roots as AnyNode]);
  while (stack.length > 0) {
    if (stop?.()) return false;
    const step = stack.pop()!;
    if (step.exit) {
      visitor.exit!(step.node);
      continue;
    }
    const { node } = step;
    if (visitor.enter(node) === false || !hasChildren(node)) continue;
    if (visitor.exit && isTag(node)) stack.push({ node, exit: true });
    push(node.children);
  }
  return true;
}

export interface TextLink {
  element: Element;
  /** Offsets of the link's text in the text read: [start, end). */
  start: number;
  end: number;
  /** Inside an element whose text was omitted. */
  omitted: boolean;
}

export interface HtmlTextOptions {
  /** Elements whose content is never read. Default HIDDEN_ELEMENTS. */
  hidden?: ReadonlySet<string>;
  /** Elements that put a space before their content, so words either side do not run together (even when omitted). */
  spaceBefore?: ReadonlySet<string>;
  /** Elements whose text is left out (their links are still reported, as omitted). */
  omit?: (element: Element) => boolean;
  /** Stop once this many characters are read. */
  maxChars?: number;
}

export interface HtmlText {
  /** Text nodes as written, joined: collapse before comparing. */
  text: string;
  /** Anchors with an href, in document order. */
  links: TextLink[];
}

/** The text under `root` in one string, and the anchors in it (see HtmlTextOptions). */
export function htmlText(root: AnyNode | undefined, options: HtmlTextOptions = {}): HtmlText {
  const { hidden = HIDDEN_ELEMENTS, spaceBefore, omit, maxChars = Infinity } = options;
  const parts: string[] = [];
  let length = 0;
  const links: TextLink[] = [];
  const open: TextLink[] = [];
  let omitDepth = 0;
  const append = (text: string): void => {
    if (omitDepth > 0) return;
    parts.push(text);
    length += text.length;
  };
  walkHtml(
    root,
    {
      enter(node) {
        if (isText(node)) append(node.data);
        if (!isTag(node)) return;
        if (hidden.has(node.name)) return false;
        // Even inside omitted text, a break keeps the words either side of it apart.
        if (spaceBefore?.has(node.name)) {
          parts.push(' ');
          length += 1;
        }
        if (node.name === 'a' && node.attribs['href'] !== undefined) {
          const link = { element: node, start: length, end: length, omitted: omitDepth > 0 };
          links.push(link);
          open.push(link);
        }
        if (omit?.(node)) omitDepth++;
      },
      exit(element) {
        if (omit?.(element)) omitDepth--;
        if (open.at(-1)?.element === element) open.pop()!.end = length;
      },
    },
    () => length >= maxChars,
  );
  return { text: parts.join(''), links };
}

export interface HtmlLine {
  /** Visible text, whitespace collapsed. */
  text: string;
  /** href of every anchor that starts on this line, as written. */
  hrefs: string[];
}

export interface HtmlLinesOptions {
  /** True for an element whose content is never shown. */
  hidden: (element: Element) => boolean;
  /**
   * Where a newline in the text breaks the line: 'never' (HTML: it is only whitespace), 'in-pre'
   * (inside <pre>, as a browser shows it), 'always' (plain text that was read as HTML).
   */
  newlines: 'never' | 'in-pre' | 'always';
  /** Keep lines that have links but no text. */
  keepLinkOnlyLines?: boolean;
  /** Lines kept; the walk stops once it has this many. Default: no limit. */
  maxLines?: number;
  /** Characters kept per line; longer lines are clipped with "…". Default: no limit. */
  maxLineChars?: number;
}

export interface HtmlLines {
  lines: HtmlLine[];
  /** href of every anchor, in document order (at most maxLines of them). */
  links: string[];
  /** True when a limit cut the text short. */
  clipped: boolean;
}

class LineBuilder {
  readonly result: HtmlLines = { lines: [], links: [], clipped: false };
  private parts: string[] = [];
  private chars = 0;
  private hrefs: string[] = [];

  constructor(private readonly options: HtmlLinesOptions) {}

  add(text: string): void {
    // Past the per-line cap, more characters would only be clipped away: stop collecting them.
    if (this.chars > (this.options.maxLineChars ?? Infinity)) {
      this.result.clipped = true;
      return;
    }
    this.parts.push(text);
    this.chars += text.length;
  }

  link(href: string): void {
    if (this.result.links.length < (this.options.maxLines ?? Infinity)) this.result.links.push(href);
    this.hrefs.push(href);
  }

  end(): void {
    const text = collapseWhitespace(this.parts.join(''));
    const { hrefs } = this;
    this.parts = [];
    this.chars = 0;
    this.hrefs = [];
    if (text === '' && !(this.options.keepLinkOnlyLines && hrefs.length > 0)) return;
    const max = this.options.maxLineChars ?? Infinity;
    if (text.length > max) this.result.clipped = true;
    this.result.lines.push({ text: clip(text, max), hrefs });
  }

  /** A text node; `breaks` says whether its newlines end lines. */
  text(data: string, breaks: boolean): void {
    if (!breaks) return this.add(data);
    data.split(LINE_BREAK).forEach((piece, index) => {
      if (index > 0) this.end();
      this.add(piece);
    });
  }
}

/** The visible text under `roots` as lines (see HtmlLinesOptions). */
export function htmlLines(roots: AnyNode | readonly AnyNode[], options: HtmlLinesOptions): HtmlLines {
  const out = new LineBuilder(options);
  const maxLines = options.maxLines ?? Infinity;
  let preDepth = 0;
  const finished = walkHtml(
    roots,
    {
      enter(node) {
        if (isText(node)) out.text(node.data, options.newlines === 'always' || (options.newlines === 'in-pre' && preDepth > 0));
        if (!isTag(node)) return;
        if (options.hidden(node)) return false;
        const name = node.name.toLowerCase();
        if (name === 'br') {
          out.end();
          return false;
        }
        if (name === 'pre') preDepth++;
        if (BLOCK_ELEMENTS.has(name)) out.end();
        else if (CELL_ELEMENTS.has(name)) out.add(' ');
        const href = name === 'a' ? node.attribs['href'] : undefined;
        if (href !== undefined) out.link(href);
      },
      exit(element) {
        const name = element.name.toLowerCase();
        if (name === 'pre') preDepth--;
        if (BLOCK_ELEMENTS.has(name)) out.end();
        else if (CELL_ELEMENTS.has(name)) out.add(' ');
      },
    },
    () => out.result.lines.length >= maxLines,
  );
  if (!finished) out.result.clipped = true;
  out.end();
  if (out.result.lines.length > maxLines) out.result.lines.length = maxLines;
  return out.result;
}
