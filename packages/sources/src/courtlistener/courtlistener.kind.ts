import { courtName } from '@docketwatch/core';
import { z } from 'zod';
import { every, sourceName } from '../catalogue-fields';
import { docketSourceEntry, type SourceKind } from '../source-kind';
import { pollCourtListener } from './poll-courtlistener';

const INTERVAL_SECONDS = 900;

/** One docket's entries through CourtListener's REST API (needs COURTLISTENER_TOKEN). */
export const courtListenerKind: SourceKind<'courtlistener'> = {
  id: 'courtlistener',
  arrives: { by: 'poll', poll: pollCourtListener },
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    docketSourceEntry(
      z
        .object({
          kind: z.literal('courtlistener'),
          name: sourceName.optional(),
          /** CourtListener's own docket id; looked up by court and number when omitted. */
          docketId: z.number().int().positive().optional(),
          every: every(INTERVAL_SECONDS),
        })
        .strict(),
      (entry, docket) => ({
        name: entry.name ?? `CourtListener: ${courtName(docket.court)} ${docket.number}`,
        // The source has no URL of its own; the docket names it uniquely.
        address: `courtlistener:${docket.court}/${docket.number}`,
        intervalSeconds: entry.every,
        config: entry.docketId ? { docketId: entry.docketId } : {},
      }),
    ),
  ],
};
