/**
 * The part of a page a watch looks at, as normalised visible text: one line per block, whitespace
 * collapsed, scripts and styles dropped. Two fetches of an unchanged page give the same text, so a
 * line diff of two extractions is what changed for a reader.
 */
import { loadHtml } from '../html-load';
import type { AnyNode, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { DocketwatchError, ParseError } from '@docketwatch/core';
import { assertSafeHtml, visibleText } from './visible-text';

export interface RegionOptions {
  /** CSS selector bounding the watched region; the whole body when absent. */
  selector?: string;
}

/** Selectors come from the catalogue; anything longer is not a selector someone wrote. */
export const MAX_SELECTOR_CHARS = 500;

const WHAT = 'page watch';

/** Matched elements minus those inside another match, so nested matches are not read twice. */
function outermost(elements: Element[]): Element[] {
  const matched = new Set<AnyNode>(elements);
  return elements.filter((element) => {
    for (let parent = element.parent; parent; parent = parent.parent) {
      if (matched.has(parent)) return false;
    }
    return true;
  });
}

/**
 * Normalised visible text of the region `options.selector` bounds (every match, in document order),
 * or of the body. Lines are separated by "\n".
 *
 * @throws ParseError PARSE_LAYOUT_CHANGED when the selector matches nothing (the page's layout changed,
 *   or an error page came back), PARSE_MALFORMED for HTML too large or too complex to parse safely.
 * @throws DocketwatchError CATALOGUE_INVALID for a selector that is not valid CSS.
 */
export function extractRegion(html: string, options: RegionOptions = {}): string {
  assertSafeHtml(html, WHAT);
  const $ = loadHtml(html);
  let roots: AnyNode[];
  const selector = options.selector?.trim();
  if (selector) {
    if (selector.length > MAX_SELECTOR_CHARS) {
      throw new DocketwatchError('CATALOGUE_INVALID', `${WHAT}: selector is longer than ${MAX_SELECTOR_CHARS} characters`);
    }
    let matched: Element[];
    try {
      matched = $(selector).toArray().filter(isTag);
    } catch (err) {
      throw new DocketwatchError('CATALOGUE_INVALID', `${WHAT}: "${selector}" is not a valid CSS selector`, { cause: err });
    }
    if (matched.length === 0) {
      throw new ParseError('PARSE_LAYOUT_CHANGED', `layout changed? ${WHAT} selector "${selector}" matched nothing`, { selector });
    }
    roots = outermost(matched);
  } else {
    const body = $('body').toArray();
    roots = body.length > 0 ? body : $.root().toArray();
  }
  return visibleText(roots).lines.join('\n');
}
