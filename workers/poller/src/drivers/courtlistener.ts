import type { ParsedDocument } from '@docketwatch/core';
import type { CourtListenerClient } from '@docketwatch/sources';
import type { SourceDriver } from './driver';

/**
 * A docket's entries from CourtListener's API, resumed from the RECAP sequence number of the last
 * poll. CourtListener's docket id is looked up once (by court and number) and kept on the docket.
 */
export function courtListenerDriver(client: CourtListenerClient | null): SourceDriver {
  return {
    async poll({ source, db }) {
      if (!client) throw new Error('CourtListener sources need COURTLISTENER_TOKEN');
      if (source.docket_id === null) throw new Error('a CourtListener source belongs to one docket');
      const docket = await db.selectFrom('dockets').selectAll().where('id', '=', source.docket_id).executeTakeFirstOrThrow();
      let clId = (source.config.docketId as number | undefined) ?? docket.courtlistener_id;
      if (!clId) {
        const found = await client.findDocket(docket.court, docket.docket_number);
        if (!found) throw new Error(`CourtListener has no docket ${docket.court} ${docket.docket_number} yet`);
        clId = found.id;
        await db.updateTable('dockets').set({ courtlistener_id: clId }).where('id', '=', docket.id).execute();
      }
      const after = source.state.lastSequence as string | undefined;
      const result = await client.fetchAllDocketEntries(clId, { court: docket.court, ...(after ? { afterSequence: after } : {}) });
      const document: ParsedDocument = {
        format: 'courtlistener',
        dockets: [
          {
            court: docket.court,
            docketNumber: docket.docket_number,
            caseName: docket.case_name,
            pacerCaseId: docket.pacer_case_id,
            entries: result.entries,
          },
        ],
      };
      return {
        kind: 'document',
        document,
        validators: { etag: null, lastModified: null, bodyHash: null },
        state: { lastSequence: result.lastSequence ?? after ?? null },
      };
    },
  };
}
