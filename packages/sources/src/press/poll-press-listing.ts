import { sha256, type ParsedItem } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import type { PollDriver, Validators } from '../source-kind';
import { parseListing, type ListingItem } from './parse-listing';
import { readArticles } from './read-articles';
import { resolvePreset } from './resolve-preset';
import { listingUrlFor } from './court-term';

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
export const pollPressListing: PollDriver = async (ctx) => {
  const { source, http } = ctx;
  const preset = resolvePreset(source.config.preset);
  if (!preset) throw new Error(`unknown press preset "${String(source.config.preset)}"`);
  const items: ParsedItem[] = [];
  let url: string | null = listingUrlFor(source.address, new Date());
  let first: Validators | null = null;
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
  await readArticles(ctx, preset, items);
  return { kind: 'document', document: { format: 'press-listing', dockets: [], items }, validators: first! };
};
