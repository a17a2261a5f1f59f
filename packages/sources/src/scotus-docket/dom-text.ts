/**
 * Reading table cells of a parsed docket page: visible text plus the links in it, in one walk of
 * the shared HTML reader (html-text.ts).
 */
import type { AnyNode, Element } from 'domhandler';
import { isText } from 'domhandler';
import { collapseWhitespace, htmlText, isElement } from '../html-text';

export interface CellContent {
  /** Visible text, whitespace collapsed; <br> counts as a space. */
  text: string;
  /** Anchors with an href inside an element of the `linkContainerClass` class. */
  containedLinks: Element[];
  /** Anchors with an href anywhere else in the cell (e.g. an opinion linked from the entry text). */
  inlineLinks: Element[];
}

const BR = new Set(['br']);

export function hasClass(element: Element, className: string): boolean {
  const classes = element.attribs['class'];
  return classes !== undefined && classes.split(/\s+/).includes(className);
}

/**
 * Reads `cell` in document order. Text inside an element of class `linkContainerClass`
 * (supremecourt.gov's span.documentlinks) is left out of `text`; its anchors are `containedLinks`.
 */
export function readCell(cell: AnyNode | undefined, linkContainerClass?: string): CellContent {
  const omit = linkContainerClass === undefined ? undefined : (element: Element) => hasClass(element, linkContainerClass);
  const { text, links } = htmlText(cell, { spaceBefore: BR, omit });
  return {
    text: collapseWhitespace(text),
    containedLinks: links.filter((link) => link.omitted).map((link) => link.element),
    inlineLinks: links.filter((link) => !link.omitted).map((link) => link.element),
  };
}

/** The visible text of a node, whitespace collapsed. */
export function visibleText(node: AnyNode | undefined): string {
  return readCell(node).text;
}

/** The text directly inside an element, not its descendants': label cells, found without re-reading nested tables. */
export function ownText(element: AnyNode | undefined): string {
  if (!isElement(element)) return '';
  return collapseWhitespace(
    element.children
      .filter(isText)
      .map((child) => child.data)
      .join(''),
  );
}
