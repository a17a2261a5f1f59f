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
import { ParseError } from '@docketwatch/core';
import { collapseWhitespace, HIDDEN_ELEMENTS, htmlText } from '../html-text';
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
const MAIL_HIDDEN_ELEMENTS: ReadonlySet<string> = new Set([...HIDDEN_ELEMENTS, 'head', 'title']);

/** Elements that break a line when rendered: words either side must not run together. */
const BREAKING_ELEMENTS: ReadonlySet<string> = new Set([
  'br',
  'p',
  'div',
  'li',
  'tr',
  'td',
  'th',
  'table',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Reads `html` (a mail body). Throws PARSE_MALFORMED for bodies too large or too complex to be a court mail. */
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
  const read = htmlText($.root()[0], { hidden: MAIL_HIDDEN_ELEMENTS, spaceBefore: BREAKING_ELEMENTS });
  const links = read.links.map(({ element, start, end }) => ({
    href: element.attribs['href']!,
    text: collapseWhitespace(read.text.slice(start, end)),
    start,
    end,
  }));
  return { text: read.text, links };
}
