import { z } from 'zod';
import { courtId, every, sourceName } from '../catalogue-fields';
import { catalogueEntry, type SourceKind } from '../source-kind';
import { pollDiscovery } from './poll-discovery';

/** Hourly: a new case is news the day it is filed, and each poll costs up to a few requests of the CourtListener budget. */
const INTERVAL_SECONDS = 3600;

/**
 * A saved search for new cases: CourtListener's RECAP search (needs COURTLISTENER_TOKEN). What it
 * finds is offered to every matter's discovery rule, which proposes a matching case on its matter or
 * attaches it (ingest). Its address names the query, so two entries with one query are one source.
 */
export const discoveryKind: SourceKind<'discovery'> = {
  id: 'discovery',
  arrives: { by: 'poll', poll: pollDiscovery },
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    // Listed with the feeds: like a court-wide feed, a search belongs to no docket and reads many cases.
    catalogueEntry(
      'feeds',
      z
        .object({
          kind: z.literal('discovery'),
          name: sourceName.optional(),
          /** CourtListener search syntax: `"Alien Enemies Act" AND suitNature:"Habeas Corpus"`. */
          query: z.string().trim().min(2).max(1000),
          /** Court ids the search is limited to; none: every court. */
          courts: z.array(courtId).default([]),
          /** How many days back each poll looks: RECAP learns of a case only when someone buys or uploads its docket. */
          lookbackDays: z.number().int().min(1).max(90).default(14),
          every: every(INTERVAL_SECONDS),
        })
        .strict(),
      (entry) => {
        const courts = [...entry.courts].sort();
        return {
          name: entry.name ?? `CourtListener search: ${entry.query}`,
          address: `courtlistener-search:${courts.join(',')}?${new URLSearchParams({ q: entry.query }).toString()}`,
          intervalSeconds: entry.every,
          config: { query: entry.query, courts, lookbackDays: entry.lookbackDays },
        };
      },
    ),
  ],
};
