/**
 * A watched page that changed, as a press-style item: "Page changed: <title>", the added lines as
 * its summary and the whole line diff as its text.
 */
import { sha256 } from '@docketwatch/core';
import type { ParsedDocument, ParsedItem } from '@docketwatch/core';
import { diffRegion } from './diff';
import type { RegionDiff } from './diff';

/** Lines listed in the summary; the full diff is in the text. */
export const SUMMARY_LINES = 20;
/** Lines of the diff kept in the item's text. */
export const TEXT_LINES = 2_000;

function listLines(lines: string[], max: number): string {
  const shown = lines.slice(0, max);
  const rest = lines.length - shown.length;
  return rest > 0 ? [...shown, `… and ${rest} more line${rest === 1 ? '' : 's'}`].join('\n') : shown.join('\n');
}

function summaryOf(diff: RegionDiff): string {
  if (diff.added.length > 0) return listLines(diff.added, SUMMARY_LINES);
  return `Removed:\n${listLines(diff.removed, SUMMARY_LINES)}`;
}

function textOf(diff: RegionDiff): string {
  const lines = [...diff.added.map((line) => `+ ${line}`), ...diff.removed.map((line) => `- ${line}`)];
  return listLines(lines, TEXT_LINES);
}

/**
 * The item's URL is the page's own, with a fragment naming this change ("#dw-change-1a2b3c4d5e6f"):
 * a page watch yields a new item each time the page changes, and an item's URL is its identity
 * within its source, so the plain page URL would make every later change look like the first.
 * The fragment is derived from the diff, so the same change seen twice is one item.
 */
function changeUrl(url: string, diff: RegionDiff): string {
  const digest = sha256(JSON.stringify([diff.added, diff.removed])).slice(0, 12);
  try {
    const parsed = new URL(url);
    parsed.hash = `dw-change-${digest}`;
    return parsed.toString();
  } catch {
    return `${url.split('#')[0]}#dw-change-${digest}`;
  }
}

/**
 * One item when the region's text changed between two polls, none when it did not (or when there
 * is no previous text yet: the first poll is the baseline). `previous` and `current` are
 * extractRegion texts.
 */
export function pageWatchItems(url: string, previous: string | null, current: string, title: string): ParsedItem[] {
  if (previous === null) return [];
  const diff = diffRegion(previous, current);
  if (diff.added.length === 0 && diff.removed.length === 0) return [];
  return [
    {
      url: changeUrl(url, diff),
      title: `Page changed: ${title.replace(/\s+/g, ' ').trim() || url}`,
      publishedAt: null,
      summary: summaryOf(diff),
      text: textOf(diff),
      publisher: null,
      enclosures: [],
    },
  ];
}

/** pageWatchItems as a parse-contract document (format "page-watch"). */
export function pageWatchDocument(url: string, previous: string | null, current: string, title: string): ParsedDocument {
  return { format: 'page-watch', dockets: [], items: pageWatchItems(url, previous, current, title) };
}
