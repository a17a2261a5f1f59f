/**
 * The text of a mail's HTML body, and where each link sits in that text.
 *
 * Why positions: a notification is one sentence, `A new docket entry, "<entry text>" has been
 * added for <case link>.`, and the entry text may itself contain links (the opinion). Knowing
 * where each anchor falls in the text tells the case link (the one right after "has been added
 * for") from links inside the entry text, whatever order the court puts them in. juriscraper
 * took the first link for the case link until the court started linking opinions in the text.
 */
import { loadHtml } from '../html-load';
import { isTag, isText, type AnyNode } from 'domhandler';
import { ParseError } from '@docketwatch/core';
import { htmlComplexityProblem, type HtmlLimits } from '../scotus-docket/html-complexity';

export interface BodyLink {
  /** The href as written (trimmed later, when resolved). */
  href: string;
  /** The link's visible text, whitespace collapsed. */
  text: string;
  /** Offsets of the link's text in `MailBody.text`: [start, end). */
  start: number;
  end: number;
}

export interface MailBody {
  /** Visible text, whitespace as written (so link offsets stay exact); collapse before comparing. */
  text: string;
  /** Anchors with an href, in document order. */
  links: BodyLink[];
}

/** A court mail's body is a few hundred characters; a megabyte of it is not a court mail. */
export const MAX_BODY_CHARS = 1024 * 1024;

/**
 * The court's mails have half a dozen elements and no nesting. These limits leave room for
 * what mail gateways wrap around a body (banners, tables) and stop hostile markup well before
 * tree building gets slow (see scotus-docket/html-complexity.ts).
 */
const MAIL_HTML_LIMITS: HtmlLimits = { maxDepth: 128, maxElements: 20_000 };

/** Never visible text. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Elements that break a line when rendered: words either side must not run together. */
const BREAKING_ELEMENTS = new Set(['br', 'p', 'div', 'li', 'tr', 'td', 'th', 'table', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

type Step = { node: AnyNode } | { closes: BodyLink };

/**
 * Reads `html` (a mail body) in one iterative walk: no recursion, so no stack to exhaust however
 * the markup nests. Throws PARSE_MALFORMED for bodies too large or too complex to be a court mail.
 */
export function readMailBody(html: string, what: string): MailBody {
  if (html.length > MAX_BODY_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${what}: the body is too large to be a court mail`, {
      length: html.length,
      limit: MAX_BODY_CHARS,
    });
  }
  const complexity = htmlComplexityProblem(html, MAIL_HTML_LIMITS);
  if (complexity) throw new ParseError('PARSE_MALFORMED', `${what}: the body is too complex to be a court mail: ${complexity}`);

  const $ = loadHtml(html);
  const parts: string[] = [];
  let length = 0;
  const append = (text: string): void => {
    parts.push(text);
    length += text.length;
  };
  const links: BodyLink[] = [];
  const stack: Step[] = [{ node: $.root()[0]! }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('closes' in step) {
      step.closes.end = length;
      continue;
    }
    const { node } = step;
    if (isText(node)) {
      append(node.data);
      continue;
    }
    if (isTag(node) && HIDDEN_ELEMENTS.has(node.name)) continue;
    if (isTag(node) && BREAKING_ELEMENTS.has(node.name)) append(' ');
    if (isTag(node) && node.name === 'a' && node.attribs['href'] !== undefined) {
      const link: BodyLink = { href: node.attribs['href'], text: '', start: length, end: length };
      links.push(link);
      stack.push({ closes: link });
    }
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]! });
    }
  }
  const text = parts.join('');
  for (const link of links) link.text = collapseWhitespace(text.slice(link.start, link.end));
  return { text, links };
}
