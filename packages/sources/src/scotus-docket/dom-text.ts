/**
 * Reading table cells of a parsed docket page in one iterative walk: visible text plus the links
 * in it. Faster than cheerio's clone/remove/.text() per cell, and no recursion, so no stack to
 * exhaust however the cell nests.
 */
import type { AnyNode, Element, Text } from 'domhandler';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never visible text. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'noscript', 'template']);

export interface CellContent {
  /** Visible text, whitespace collapsed; <br> counts as a space. */
  text: string;
  /** Anchors with an href inside an element of the `linkContainerClass` class. */
  containedLinks: Element[];
  /** Anchors with an href anywhere else in the cell (e.g. an opinion linked from the entry text). */
  inlineLinks: Element[];
}

export function isElement(node: AnyNode): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function isText(node: AnyNode): node is Text {
  return node.nodeType === TEXT_NODE;
}

export function hasClass(element: Element, className: string): boolean {
  const classes = element.attribs['class'];
  return classes !== undefined && classes.split(/\s+/).includes(className);
}

interface Visit {
  node: AnyNode;
  /** Inside the link container: its text is not part of the entry text. */
  inContainer: boolean;
}

/**
 * Walks `cell` in document order. Text inside an element of class `linkContainerClass`
 * (supremecourt.gov's span.documentlinks) is left out of `text`; its anchors are `containedLinks`.
 */
export function readCell(cell: AnyNode | undefined, linkContainerClass?: string): CellContent {
  const content: CellContent = { text: '', containedLinks: [], inlineLinks: [] };
  if (!cell) return content;
  const parts: string[] = [];
  const stack: Visit[] = [{ node: cell, inContainer: false }];
  while (stack.length > 0) {
    const { node, inContainer } = stack.pop()!;
    if (isText(node)) {
      if (!inContainer) parts.push(node.data);
      continue;
    }
    if (!isElement(node) || HIDDEN_ELEMENTS.has(node.name)) continue;
    if (node.name === 'br') parts.push(' ');
    if (node.name === 'a' && node.attribs['href'] !== undefined) {
      (inContainer ? content.containedLinks : content.inlineLinks).push(node);
    }
    const childInContainer = inContainer || (linkContainerClass !== undefined && hasClass(node, linkContainerClass));
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i]!, inContainer: childInContainer });
    }
  }
  content.text = parts.join('').replace(/\s+/g, ' ').trim();
  return content;
}

/** The visible text of a node, whitespace collapsed. */
export function visibleText(node: AnyNode | undefined): string {
  return readCell(node).text;
}

/** The text directly inside an element, not its descendants': label cells, found without re-reading nested tables. */
export function ownText(element: AnyNode | undefined): string {
  if (!element || !isElement(element)) return '';
  const parts: string[] = [];
  for (const child of element.children) {
    if (isText(child)) parts.push(child.data);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
