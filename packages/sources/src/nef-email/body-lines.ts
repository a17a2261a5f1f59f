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
 * The walk is the shared one (../html-text.ts): iterative, so no nesting depth can exhaust the call stack.
 */
import { loadHtml } from '../html-load';
import type { AnyNode, Element } from 'domhandler';
import { collapseWhitespace, HIDDEN_ELEMENTS, htmlLines } from '../html-text';

export interface BodyLine {
  /** Visible text, whitespace collapsed, never empty unless the line has links. */
  text: string;
  /** href of every anchor that starts on this line (HTML), or every URL on it (plain text). */
  hrefs: string[];
}

/** Never visible. (Outlook's conditional <xml> blocks included.) */
const MAIL_HIDDEN_ELEMENTS: ReadonlySet<string> = new Set([...HIDDEN_ELEMENTS, 'head', 'title', 'xml']);

const isHidden = (element: Element): boolean => MAIL_HIDDEN_ELEMENTS.has(element.name.toLowerCase());

/** A bare URL in plain text. One greedy character class: linear on any input. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

function lines(root: AnyNode, keepNewlines: boolean): BodyLine[] {
  const read = htmlLines(root, { hidden: isHidden, newlines: keepNewlines ? 'always' : 'never', keepLinkOnlyLines: true });
  return read.lines.map(({ text, hrefs }) => ({ text, hrefs: hrefs.map((href) => href.trim()) }));
}

/** Lines of an HTML body. Call only on HTML that passed the complexity check. */
export function htmlBodyLines(html: string): BodyLine[] {
  const $ = loadHtml(html);
  return lines($.root()[0]!, false);
}

/** Lines of a plain-text body; the URLs on each line are its links. */
export function plainBodyLines(text: string): BodyLine[] {
  // No markup and no entities: nothing for an HTML parser to do.
  const visible =
    text.includes('<') || text.includes('&')
      ? lines(loadHtml(text, null, false).root()[0]!, true).map((line) => line.text)
      : text.split(/\r\n|\n|\r/).map(collapseWhitespace);
  return visible.filter((line) => line !== '').map((line) => ({ text: line, hrefs: line.match(URL_IN_TEXT) ?? [] }));
}
