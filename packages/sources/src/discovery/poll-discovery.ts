import type { ParsedCase } from '@docketwatch/core';
import type { RecapSearch } from '../courtlistener/parse-search';
import type { PollDriver } from '../source-kind';

/**
 * Pages read per poll. Results come newest filed first, so the cap keeps the newest cases; 3 pages
 * of 20 are 3 of a free account's 50 requests an hour.
 */
const MAX_PAGES = 3;
const DAY_MS = 86_400_000;

/**
 * Runs the source's saved RECAP search for cases filed in the last `lookbackDays` and hands them
 * over as cases (no entries): which matters want them is ingest's to decide, against the stored
 * rules. Proposals are unique per matter and case, so reading the same case on every poll inside the
 * window is harmless; the window is what lets a case RECAP learns of late still be found.
 */
export const pollDiscovery: PollDriver = async ({ source, courtListener }) => {
  if (!courtListener) throw new Error('CourtListener searches need COURTLISTENER_TOKEN');
  const search = savedSearchOf(source.config, new Date());
  const cases: ParsedCase[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await courtListener.searchRecap(search, next);
    cases.push(...result.cases);
    if (!result.next) break;
    next = result.next;
  }
  return {
    kind: 'document',
    document: { format: 'discovery', dockets: [], cases },
    validators: { etag: null, lastModified: null, bodyHash: null },
  };
};

/** A discovery source's search as of `now`: its query and courts, for cases filed in its look-back window. */
export function savedSearchOf(config: Record<string, unknown>, now: Date): RecapSearch {
  const query = typeof config.query === 'string' ? config.query : '';
  if (!query) throw new Error('a discovery source needs a query');
  const courts = Array.isArray(config.courts) ? config.courts.filter((c): c is string => typeof c === 'string') : [];
  const lookbackDays = typeof config.lookbackDays === 'number' ? config.lookbackDays : 14;
  return { query, courts, filedAfter: new Date(now.getTime() - lookbackDays * DAY_MS).toISOString().slice(0, 10) };
}
