import type { PollDriver } from '../source-kind';

/**
 * A docket's entries from CourtListener's API, resumed from the RECAP sequence number of the last
 * poll. CourtListener's docket id is looked up once (by court and number) and kept on the docket.
 */
export const pollCourtListener: PollDriver = async ({ source, lookups, courtListener }) => {
  if (!courtListener) throw new Error('CourtListener sources need COURTLISTENER_TOKEN');
  if (source.docket_id === null) throw new Error('a CourtListener source belongs to one docket');
  const docket = await lookups.getDocket(source.docket_id);
  if (!docket) throw new Error(`docket ${source.docket_id} no longer exists`);
  let clId = (source.config.docketId as number | undefined) ?? docket.courtlistener_id;
  if (!clId) {
    const found = await courtListener.findDocket(docket.court, docket.docket_number);
    if (!found) throw new Error(`CourtListener has no docket ${docket.court} ${docket.docket_number} yet`);
    clId = found.id;
    await lookups.setDocketCourtListenerId(docket.id, clId);
  }
  const after = source.state.lastSequence as string | undefined;
  const result = await courtListener.fetchAllDocketEntries(clId, { court: docket.court, ...(after ? { afterSequence: after } : {}) });
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
          entries: result.entries,
        },
      ],
    },
    validators: { etag: null, lastModified: null, bodyHash: null },
    state: { lastSequence: result.lastSequence ?? after ?? null },
  };
};
