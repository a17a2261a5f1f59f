/**
 * Reading text out of a parsed CM/ECF page the way juriscraper's lxml calls do, with the shared
 * HTML reader (../html-text.ts).
 *
 * - `textContent` is lxml's text_content(): every descendant text node, concatenated. A <br> adds
 *   nothing, so "<b>Info</b><br> Case number" reads "Info Case number" only because the court put a
 *   space there; juriscraper's expected outputs depend on exactly that.
 * - `brSegments` is juriscraper's _br_split(): text nodes joined with spaces, cut at <br> and <p>.
 */
import type { AnyNode, Element } from 'domhandler';
import { isText } from 'domhandler';
import { collapseWhitespace, HIDDEN_ELEMENTS, htmlText, isElement, walkHtml } from '../html-text';

/** juriscraper's clean_court_object() on a string: whitespace collapsed, no space before a comma. */
export function cleanCourtText(text: string): string {
  return collapseWhitespace(text).replace(/ ,/g, ',');
}

/**
 * lxml's text_content(): all descendant text, nothing added for tags. With `maxChars`, reading
 * stops once that much is read: labels and headings are short, and a hostile page can nest one
 * inside another so that reading each in full would be quadratic.
 */
export function textContent(node: AnyNode | undefined, maxChars = Infinity): string {
  return htmlText(node, { maxChars }).text;
}

/** text_content() with whitespace collapsed (read up to `maxChars`, see textContent). */
export function cellText(node: AnyNode | undefined, maxChars = Infinity): string {
  return collapseWhitespace(textContent(node, maxChars));
}

/**
 * juriscraper's _br_split(): the element's text nodes joined by spaces and cut at each <br> and <p>.
 * Like juriscraper, a piece is dropped only when it is empty before trimming, so a piece of pure
 * whitespace survives as "" (and can be the "first value" of a cell).
 */
export function brSegments(node: AnyNode | undefined): string[] {
  const segments: string[][] = [[]];
  walkHtml(node, (current) => {
    if (isText(current)) {
      segments[segments.length - 1]!.push(current.data);
    } else if (isElement(current)) {
      if (HIDDEN_ELEMENTS.has(current.name)) return false;
      if (current.name === 'br' || current.name === 'p') segments.push([]);
    }
    return true;
  });
  return segments
    .map((pieces) => pieces.join(' '))
    .filter((segment) => segment !== '')
    .map((segment) => segment.trim());
}

/** The td/th children of a row. */
export function rowCells(row: Element): Element[] {
  return row.children.filter((child): child is Element => isElement(child) && (child.name === 'td' || child.name === 'th'));
}

const TABLE_SECTIONS = new Set(['thead', 'tbody', 'tfoot']);

/** A table's own rows, not those of tables nested in its cells. */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (TABLE_SECTIONS.has(child.name)) {
      for (const row of child.children) if (isElement(row) && row.name === 'tr') rows.push(row);
    }
  }
  return rows;
}

/** The nearest ancestor element named `name`, or null. */
export function closest(node: AnyNode, name: string): Element | null {
  let current = node.parent;
  while (current) {
    if (isElement(current) && current.name === name) return current;
    current = current.parent;
  }
  return null;
}

/** The first node under `root` (document order) passing `test`, or null; stops there. */
export function findFirst<T extends AnyNode>(root: AnyNode | undefined, test: (node: AnyNode) => node is T): T | null {
  let found: T | null = null;
  walkHtml(root, (node) => {
    if (found) return false;
    if (node !== root && test(node)) found = node;
    return !found;
  });
  return found;
}

/** The first descendant element named `name`, or null. */
export function firstDescendant(root: AnyNode | undefined, name: string): Element | null {
  return findFirst(root, (node): node is Element => isElement(node) && node.name === name);
}

/** Descendant elements named `name`, in document order. */
export function descendants(root: AnyNode | undefined, name: string): Element[] {
  const found: Element[] = [];
  walkHtml(root, (node) => {
    if (node !== root && isElement(node) && node.name === name) found.push(node);
  });
  return found;
}
