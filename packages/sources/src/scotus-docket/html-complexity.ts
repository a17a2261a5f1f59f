/**
 * A linear pre-scan of HTML: how many elements it has and how deeply they nest.
 *
 * Why: building a tree is the expensive, attackable part of parsing. Tree builders (parse5,
 * htmlparser2) do work proportional to the open-element stack for many tokens, so 20k nested
 * <div>s take seconds and 200k take minutes; cheerio's .text() recurses and overflows the call
 * stack a few thousand levels down; and parse5 spends ~15 µs per element, so 5 MB of bare <td>s
 * takes 10 s. Real supremecourt.gov docket pages nest about 12 deep and have about 600 elements
 * (a thousand-entry docket would have ~20k), so we refuse anything far beyond that up front.
 *
 * The depth estimate models a lenient parser: void elements and elements whose end tag is optional
 * (p, li, td, tr, ...) never add depth, since parsers close them implicitly; a stray end tag with no
 * matching open element is ignored; <x/> only self-closes inside svg/math, as in HTML.
 */

export interface HtmlLimits {
  maxDepth: number;
  maxElements: number;
}

/** Far above any real docket page, far below where parsing gets slow. */
export const HTML_LIMITS: HtmlLimits = { maxDepth: 256, maxElements: 100_000 };

export interface HtmlScan {
  /** Start tags seen (all of them, if no limit was hit). */
  elements: number;
  /** Which limit the document breaks, or null. */
  exceeded: 'depth' | 'elements' | null;
}

const VOID_ELEMENTS = new Set(
  'area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr'.split(' '),
);

const IMPLICITLY_CLOSED = new Set(
  'p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp rtc html head body'.split(' '),
);

/** Elements whose content is raw text: a '<' inside them is not a tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const FOREIGN_ROOTS = new Set(['svg', 'math']);

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the tag's '>'. */
  end: number;
}

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58;
}

/** Reads the tag starting at html[start] === '<', or null when it is not a tag (or runs off the end). */
function readTag(html: string, start: number): Tag | null {
  const closing = html.charCodeAt(start + 1) === 47; // '/'
  const nameStart = start + (closing ? 2 : 1);
  let nameEnd = nameStart;
  while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === nameStart) return null;
  const close = html.indexOf('>', nameEnd);
  if (close === -1) return null;
  return {
    name: html.slice(nameStart, nameEnd).toLowerCase(),
    closing,
    selfClosing: html.charCodeAt(close - 1) === 47,
    end: close + 1,
  };
}

/** Index just past a comment, doctype or processing instruction starting at `start`. */
function skipMarkupDeclaration(html: string, start: number): number {
  if (html.startsWith('<!--', start)) {
    const close = html.indexOf('-->', start + 4);
    return close === -1 ? html.length : close + 3;
  }
  const close = html.indexOf('>', start);
  return close === -1 ? html.length : close + 1;
}

/** Index of the end tag closing a raw-text element (or the end of input). */
function skipRawText(html: string, from: number, name: string): number {
  const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
  endTag.lastIndex = from;
  const match = endTag.exec(html);
  return match ? match.index : html.length;
}

/** Tracks open elements the way a lenient parser would, counting only elements that nest. */
class OpenElements {
  private readonly names: string[] = [];
  private readonly counts = new Map<string, number>();

  get depth(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  push(name: string): void {
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Pops up to and including the innermost `name`; each element is popped once, so this is amortised O(1). */
  closeThrough(name: string): void {
    if (!this.has(name)) return;
    for (;;) {
      const popped = this.names.pop()!;
      this.counts.set(popped, this.counts.get(popped)! - 1);
      if (popped === name) return;
    }
  }

  inForeignContent(): boolean {
    return this.has('svg') || this.has('math');
  }
}

/** Counts elements and estimates nesting in one linear pass, stopping at the first limit broken. */
export function scanHtml(html: string, limits: HtmlLimits = HTML_LIMITS): HtmlScan {
  const open = new OpenElements();
  let elements = 0;
  // Past the last '>' nothing is a tag. Without this bound every "<a" of a "<a<a<a…" run searched
  // the rest of the text for a '>': quadratic, a minute for 5 MB.
  const lastClose = html.lastIndexOf('>');
  let i = html.indexOf('<');
  while (i !== -1 && i < lastClose) {
    const next = html.charCodeAt(i + 1);
    if (next === 33 || next === 63) {
      // '<!' or '<?': comment, doctype, processing instruction
      i = html.indexOf('<', skipMarkupDeclaration(html, i));
      continue;
    }
    const tag = readTag(html, i);
    if (!tag) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    let resume = tag.end;
    if (tag.closing) {
      open.closeThrough(tag.name);
    } else {
      if (++elements > limits.maxElements) return { elements, exceeded: 'elements' };
      if (RAW_TEXT_ELEMENTS.has(tag.name)) {
        resume = skipRawText(html, tag.end, tag.name);
      } else if (!VOID_ELEMENTS.has(tag.name) && !IMPLICITLY_CLOSED.has(tag.name)) {
        const selfClosed = tag.selfClosing && (open.inForeignContent() || FOREIGN_ROOTS.has(tag.name));
        if (!selfClosed) open.push(tag.name);
        if (open.depth > limits.maxDepth) return { elements, exceeded: 'depth' };
      }
    }
    i = html.indexOf('<', resume);
  }
  return { elements, exceeded: null };
}

/** Why the HTML is too complex to be a docket ("elements nest more than 256 deep"), or null. */
export function htmlComplexityProblem(html: string, limits: HtmlLimits = HTML_LIMITS): string | null {
  const { exceeded } = scanHtml(html, limits);
  if (exceeded === 'depth') return `elements nest more than ${limits.maxDepth} deep`;
  if (exceeded === 'elements') return `more than ${limits.maxElements} elements`;
  return null;
}
