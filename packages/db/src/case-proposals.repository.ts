import type { CaseReason, DiscoveryProfile, DiscoveryRule, ParsedCase } from '@docketwatch/core';
import type { Db } from './connect';
import type { CaseProposal, CaseProposalStatus } from './schema';

/** Every followed matter with a discovery rule: what new cases are matched against. Archived matters look for none. */
export async function loadDiscoveryProfiles(db: Db): Promise<DiscoveryProfile[]> {
  const rows = await db
    .selectFrom('matters')
    .select(['id', 'discovery'])
    .where('discovery', 'is not', null)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.discovery ? [{ matterId: r.id, rule: r.discovery }] : []));
}

/** A matter's discovery rule, or null for none (from the catalogue). */
export async function setMatterDiscovery(db: Db, matterId: number, rule: DiscoveryRule | null): Promise<void> {
  await db
    .updateTable('matters')
    .set({ discovery: rule ? JSON.stringify(rule) : null })
    .where('id', '=', matterId)
    .execute();
}

export interface ProposalInput {
  matterId: number;
  found: ParsedCase;
  sourceId: number;
  /** The source's name, and its query for a search. */
  foundBy: string;
  reasons: CaseReason[];
}

/**
 * Records a new case on a matter, once: a case is one proposal per matter by court and number and
 * by CourtListener id, so finding it again (the next poll, another source) changes nothing, and a
 * rejected proposal stays rejected. Returns the new proposal, or undefined when it was known.
 */
export async function proposeCase(db: Db, input: ProposalInput): Promise<CaseProposal | undefined> {
  const { found } = input;
  return db
    .insertInto('case_proposals')
    .values({
      matter_id: input.matterId,
      court: found.court,
      docket_number: found.docketNumber,
      case_name: found.caseName,
      courtlistener_id: found.courtListenerId,
      pacer_case_id: found.pacerCaseId,
      filed_on: found.filedOn,
      nature_of_suit: found.natureOfSuit,
      cause: found.cause,
      url: found.url,
      source_id: input.sourceId,
      found_by: input.foundBy,
      reasons: JSON.stringify(input.reasons),
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function getCaseProposal(db: Db, id: number): Promise<CaseProposal | undefined> {
  return db.selectFrom('case_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A matter's proposals, newest first; all of them, or those in one status. */
export async function listCaseProposals(db: Db, matterId: number, status?: CaseProposalStatus): Promise<CaseProposal[]> {
  return db
    .selectFrom('case_proposals')
    .selectAll()
    .where('matter_id', '=', matterId)
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/**
 * Decides a proposal that is still open: `rejected`, or `accepted`/`attached`. Returns false when it
 * was already decided (two admins, or a repeated form post), so it is decided once.
 */
export async function decideCaseProposal(
  db: Db,
  input: { id: number; status: Exclude<CaseProposalStatus, 'proposed'>; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('case_proposals')
    .set({ status: input.status, decided_by: input.by, decided_at: new Date() })
    .where('id', '=', input.id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0) > 0;
}

/** The docket an accepted or attached proposal became. */
export async function setCaseProposalDocket(db: Db, id: number, docketId: number): Promise<void> {
  await db.updateTable('case_proposals').set({ docket_id: docketId }).where('id', '=', id).execute();
}

/** The "new case" alert: an outbox event on the matter naming the proposal and the docket it became. */
export async function writeNewCaseEvent(db: Db, proposal: { id: number; matterId: number; docketId: number }): Promise<void> {
  await db
    .insertInto('outbox_events')
    .values({ kind: 'case.discovered', case_proposal_id: proposal.id, docket_id: proposal.docketId, matter_id: proposal.matterId })
    .execute();
}
