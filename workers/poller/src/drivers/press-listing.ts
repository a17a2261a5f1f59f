import { sha256, type ParsedItem } from '@docketwatch/core';
import { knownItemUrls } from '@docketwatch/db';
import { decodeBody } from '@docketwatch/http';
import { parseArticle, parseListing, presets, validatePreset, type ListingItem } from '@docketwatch/sources';
import type { SourceDriver } from './driver';

/** New items whose own page is fetched per poll; the rest wait for the next poll. Be a good citizen. */
const MAX_ARTICLES_PER_POLL = 10;

function toItem(item: ListingItem): ParsedItem {
  const { docketNumber, ...rest } = item;
  // A docket number the listing shows beside the title (the Supreme Court's slip list) joins the
  // summary, where the matter matcher reads it.
  return docketNumber && !rest.summary.includes(docketNumber) ? { ...rest, summary: `${rest.summary} (No. ${docketNumber})`.trim() } : rest;
}

/**
 * A press room read through its preset: the listing's first pages, then each new item's own page
 * for its text. Adding a press room is a preset in the catalogue, not code.
 */
export const pressListingDriver: SourceDriver = {
  async poll({ source, http, db, log }) {
    // A built-in preset by id, or a press room's own preset from the catalogue.
    const configured = source.config.preset;
    const preset = typeof configured === 'string' ? presets[configured] : validatePreset(configured);
    if (!preset) throw new Error(`unknown press preset "${String(configured)}"`);
    const items: ParsedItem[] = [];
    let url: string | null = source.url;
    let first: { etag: string | null; lastModified: string | null; bodyHash: string } | null = null;
    for (let page = 0; url && page < Math.max(1, preset.maxPages); page++) {
      const res = await http.get(url, page === 0 ? { etag: source.etag, lastModified: source.last_modified } : {});
      if (res.notModified) return { kind: 'not-modified' };
      if (page === 0) {
        first = { etag: res.etag, lastModified: res.lastModified, bodyHash: sha256(res.body) };
        if (first.bodyHash === source.body_hash) return { kind: 'unchanged', validators: first };
      }
      const listing = parseListing(decodeBody(res.body, res.contentType), preset, res.finalUrl);
      items.push(...listing.items.map(toItem));
      url = listing.nextPageUrl;
    }
    if (preset.articleBody.length > 0) {
      const known = await knownItemUrls(
        db,
        items.map((i) => i.url),
      );
      const fresh = items.filter((i) => !known.has(i.url)).slice(0, MAX_ARTICLES_PER_POLL);
      for (const item of fresh) {
        try {
          const res = await http.get(item.url);
          const article = parseArticle(decodeBody(res.body, res.contentType), preset);
          item.text = article.text;
          item.publishedAt ??= article.publishedAt;
        } catch (err) {
          // The listing's teaser stands in; the text is filled in when the item is seen again.
          log.warn({ url: item.url, err: (err as Error).message }, 'press item page not read');
        }
      }
    }
    return { kind: 'document', document: { format: 'press-listing', dockets: [], items }, validators: first! };
  },
};
