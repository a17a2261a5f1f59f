import type { ParsedEntry } from '@docketwatch/core';
import { z } from 'zod';
import type { PollDriver } from '../source-kind';
import type { ModifiedCursor } from './modified-cursor';

/** The source's state: one cursor per CourtListener docket it reads, by id. */
const cursorsSchema = z.record(z.string(), z.object({ modifiedSince: z.string(), idsAtInstant: z.array(z.number().int()) }));

/**
 * A docket's entries from CourtListener's API, resumed from each CourtListener docket's
 * modification cursor. Every CourtListener id pinned to the docket is read (one case can have two),
 * and their entries join the one docket. With no id pinned, the docket is looked up once by court
 * and number and the id found is pinned.
 */
export const pollCourtListener: PollDriver = async ({ source, lookups, courtListener }) => {
  if (!courtListener) throw new Error('CourtListener sources need COURTLISTENER_TOKEN');
  if (source.docket_id === null) throw new Error('a CourtListener source belongs to one docket');
  const docket = await lookups.getDocket(source.docket_id);
  if (!docket) throw new Error(`docket ${source.docket_id} no longer exists`);
  const ids = await lookups.courtListenerIdsOf(docket.id);
  // The catalogue's per-source docketId is a pin like any other, so webhooks for it resolve too.
  const configured = source.config.docketId as number | undefined;
  if (configured && !ids.includes(configured)) {
    await lookups.pinCourtListenerDocket(docket.id, configured);
    ids.push(configured);
  }
  if (ids.length === 0) {
    const found = await courtListener.findDocket(docket.court, docket.docket_number);
    if (!found) throw new Error(`CourtListener has no docket ${docket.court} ${docket.docket_number} yet`);
    await lookups.pinCourtListenerDocket(docket.id, found.id);
    ids.push(found.id);
  }
  // A state from before cursors (lastSequence) reads each docket once from the start: stored entries add nothing.
  const previous = cursorsSchema.safeParse(source.state.cursors);
  const cursors: Record<string, ModifiedCursor> = previous.success ? previous.data : {};
  const entries: ParsedEntry[] = [];
  for (const id of ids) {
    const result = await courtListener.fetchAllDocketEntries(id, { court: docket.court, since: cursors[id] ?? null });
    entries.push(...result.entries);
    if (result.cursor) cursors[id] = result.cursor;
  }
  return {
    kind: 'document',
    document: {
      format: 'courtlistener',
      dockets: [
        {
          court: docket.court,
          docketNumber: docket.docket_number,
          caseName: docket.case_name,
          pacerCaseId: docket.pacer_case_id,
          entries,
        },
      ],
    },
    validators: { etag: null, lastModified: null, bodyHash: null },
    state: { cursors },
  };
};
