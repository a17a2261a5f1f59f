import type { ParsedItem } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import type { PollContext } from '../source-kind';
import { parseArticle } from './parse-listing';
import type { Preset } from './preset';

/** New items whose own page is fetched per poll; the rest wait for the next poll. Be a good citizen. */
const MAX_ARTICLES_PER_POLL = 10;

/**
 * Each new item's own page, read with the preset's article selectors for its text (a press room's
 * listing, or its official feed). A page that fails leaves the teaser until the item is seen again.
 */
export async function readArticles({ http, lookups, log }: PollContext, preset: Preset, items: ParsedItem[]): Promise<void> {
  if (preset.articleBody.length === 0) return;
  const known = await lookups.knownItemUrls(items.map((i) => i.url));
  const fresh = items.filter((i) => !known.has(i.url)).slice(0, MAX_ARTICLES_PER_POLL);
  for (const item of fresh) {
    try {
      const res = await http.get(item.url);
      const article = parseArticle(decodeBody(res.body, res.contentType), preset);
      item.text = article.text;
      item.publishedAt ??= article.publishedAt;
    } catch (err) {
      log.warn({ url: item.url, err }, 'press item page not read');
    }
  }
}
