/**
 * CM/ECF descriptions are HTML fragments ("[Order] (<a href='…/doc1/…'>39</a>)") once the XML
 * layer is decoded. We read them with a real HTML parser rather than juriscraper's regexes so
 * quoting style, attribute order and entities inside hrefs cannot trip us up.
 */
import { ParseError } from '@docketwatch/core';
import { loadHtml } from '../html-load';
import { htmlComplexityProblem } from '../scotus-docket/html-complexity';

export interface FragmentAnchor {
  href: string | null;
  text: string;
}

export interface HtmlFragment {
  /** The fragment's text content, entities decoded. */
  text: string;
  anchors: FragmentAnchor[];
}

const FRAGMENT_LIMITS = { maxDepth: 1000, maxElements: 100_000 };

/** Plain text needs no parser: most nyed descriptions. */
const isPlainText = (html: string): boolean => !html.includes('<') && !html.includes('&');

export function readHtmlFragment(html: string): HtmlFragment {
  if (isPlainText(html)) return { text: html, anchors: [] };
  // Reading text out of absurdly nested markup recurses once per level and overflows the stack
  // (near 5,000 levels); a court's description nests a few levels, a sloppy one some hundreds.
  const problem = htmlComplexityProblem(html, FRAGMENT_LIMITS);
  if (problem) throw new ParseError('PARSE_MALFORMED', `CM/ECF RSS item description: ${problem}`);
  const $ = loadHtml(html, null, false);
  const anchors = $('a')
    .toArray()
    .map((anchor) => ({ href: $(anchor).attr('href') ?? null, text: $(anchor).text().trim() }));
  return { text: $.root().text(), anchors };
}
