/**
 * An e-mail body as lines of visible text, each with the links that start on it. Both NEF bodies
 * (text/html and text/plain) become the same thing, so one reader handles both.
 *
 * HTML: a line ends at <br> and at block elements; table cells are separated by a space, so a
 * label cell and its value cell ("Case Name:" | "Doe v. Roe") read as one line. Whitespace inside
 * a text node is collapsed, as a browser shows it (CM/ECF wraps its HTML source mid-sentence).
 *
 * Plain text: newlines are kept. The body is still read as HTML first, as juriscraper reads it,
 * because CM/ECF pastes docket text into plain-text notices with its markup ("<b>ORDER …</b>",
 * "<i></i>"); links are the bare URLs on each line.
 *
 * The walk is iterative, so no nesting depth can exhaust the call stack.
 */
import { loadHtml } from '../html-load';
import { hasChildren, isTag, isText } from 'domhandler';
import type { AnyNode, Element } from 'domhandler';

export interface BodyLine {
  /** Visible text, whitespace collapsed, never empty unless the line has links. */
  text: string;
  /** href of every anchor that starts on this line (HTML), or every URL on it (plain text). */
  hrefs: string[];
}

/** Never visible. (Outlook's conditional <xml> blocks included.) */
const HIDDEN = new Set(['head', 'script', 'style', 'title', 'noscript', 'template', 'xml']);

/** Elements that start and end a line. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

const CELL = new Set(['td', 'th']);

/** A bare URL in plain text. One greedy character class: linear on any input. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

type Visit = { node: AnyNode; exit: false } | { node: Element; exit: true };

class LineBuilder {
  readonly lines: BodyLine[] = [];
  private parts: string[] = [];
  private hrefs: string[] = [];

  add(text: string): void {
    this.parts.push(text);
  }

  link(href: string): void {
    this.hrefs.push(href);
  }

  end(): void {
    const text = this.parts.join('').replace(/\s+/g, ' ').trim();
    if (text !== '' || this.hrefs.length > 0) this.lines.push({ text, hrefs: this.hrefs });
    this.parts = [];
    this.hrefs = [];
  }
}

function walk(root: AnyNode, keepNewlines: boolean): BodyLine[] {
  const out = new LineBuilder();
  const stack: Visit[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.exit) {
      out.end();
      continue;
    }
    const { node } = visit;
    if (isText(node)) {
      if (!keepNewlines) out.add(node.data);
      else
        node.data.split(/\r\n|\n|\r/).forEach((piece, index) => {
          if (index > 0) out.end();
          out.add(piece);
        });
      continue;
    }
    if (isTag(node)) {
      const name = node.name.toLowerCase();
      if (HIDDEN.has(name)) continue;
      if (name === 'br') {
        out.end();
        continue;
      }
      if (CELL.has(name)) out.add(' ');
      const href = name === 'a' ? node.attribs['href'] : undefined;
      if (href !== undefined) out.link(href.trim());
      if (BLOCK.has(name)) {
        out.end();
        stack.push({ node, exit: true });
      }
    }
    // The document and fragment roots have children too; comments and CDATA are never shown.
    if (isTag(node) || node === root) {
      const children = hasChildren(node) ? node.children : [];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false });
    }
  }
  out.end();
  return out.lines;
}

/** Lines of an HTML body. Call only on HTML that passed the complexity check. */
export function htmlBodyLines(html: string): BodyLine[] {
  const $ = loadHtml(html);
  return walk($.root()[0]!, false);
}

/** Lines of a plain-text body; the URLs on each line are its links. */
export function plainBodyLines(text: string): BodyLine[] {
  // No markup and no entities: nothing for an HTML parser to do.
  const visible =
    text.includes('<') || text.includes('&')
      ? walk(loadHtml(text, null, false).root()[0]!, true).map((line) => line.text)
      : text.split(/\r\n|\n|\r/).map((line) => line.replace(/\s+/g, ' ').trim());
  return visible.filter((line) => line !== '').map((line) => ({ text: line, hrefs: line.match(URL_IN_TEXT) ?? [] }));
}
