/**
 * CM/ECF descriptions are HTML fragments ("[Order] (<a href='…/doc1/…'>39</a>)") once the XML
 * layer is decoded. We read them with a real HTML parser rather than juriscraper's regexes so
 * quoting style, attribute order and entities inside hrefs cannot trip us up.
 */
import { loadHtml } from '../html-load';

export interface FragmentAnchor {
  href: string | null;
  text: string;
}

export interface HtmlFragment {
  /** The fragment's text content, entities decoded. */
  text: string;
  anchors: FragmentAnchor[];
}

/** Plain text needs no parser: most nyed descriptions. */
const isPlainText = (html: string): boolean => !html.includes('<') && !html.includes('&');

export function readHtmlFragment(html: string): HtmlFragment {
  if (isPlainText(html)) return { text: html, anchors: [] };
  const $ = loadHtml(html, null, false);
  const anchors = $('a')
    .toArray()
    .map((anchor) => ({ href: $(anchor).attr('href') ?? null, text: $(anchor).text().trim() }));
  return { text: $.root().text(), anchors };
}
