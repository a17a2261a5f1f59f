import { isCaseOpener, matchNewCase, type ParsedCase, type ParsedDocket } from '@docketwatch/core';
import { sourceInputOf } from '@docketwatch/catalogue';
import {
  decideCaseProposal,
  findTrackedDocket,
  loadDiscoveryProfiles,
  proposeCase,
  setCaseProposalDocket,
  upsertDocket,
  upsertSource,
  writeNewCaseEvent,
  type CaseProposal,
  type Db,
  type Docket,
  type Source,
} from '@docketwatch/db';
import { catalogueEntryFor } from '@docketwatch/sources';

export interface DiscoveryReport {
  /** New proposals, on any matter. */
  proposed: number;
  /** Of those, the ones a rule attached at once. */
  attached: number;
}

/**
 * A court feed's docket nobody follows, offered to discovery when its entries open the case
 * ("Complaint", "Petition for Writ of Habeas Corpus"): the opening filing's text is what the rules
 * read. Null for any other untracked docket (a court-wide feed carries every case's entries).
 */
export function openedCase(parsed: ParsedDocket): ParsedCase | null {
  const openers = parsed.entries.filter(isCaseOpener);
  if (openers.length === 0 || !parsed.court || !parsed.docketNumber) return null;
  return {
    court: parsed.court,
    docketNumber: parsed.docketNumber,
    caseName: parsed.caseName,
    pacerCaseId: parsed.pacerCaseId,
    courtListenerId: null,
    filedOn: openers[0]!.filedAt.slice(0, 10),
    natureOfSuit: '',
    cause: '',
    text: openers.map((e) => [e.shortDescription, e.description].filter(Boolean).join('\n')).join('\n'),
    url: openers[0]!.documentUrl,
  };
}

/**
 * New cases a source found, matched against every matter's discovery rule. A match becomes a
 * proposal on its matter (once: finding it again changes nothing, and a rejected one stays
 * rejected); a rule that says so attaches it at once. Cases already followed are left alone.
 */
export async function discoverCases(
  trx: Db,
  input: { source: Source; cases: readonly ParsedCase[]; baseline: boolean },
): Promise<DiscoveryReport> {
  const report: DiscoveryReport = { proposed: 0, attached: 0 };
  if (input.cases.length === 0) return report;
  const profiles = await loadDiscoveryProfiles(trx);
  if (profiles.length === 0) return report;
  const foundBy = typeof input.source.config.query === 'string' ? `${input.source.name} (${input.source.config.query})` : input.source.name;
  for (const found of input.cases) {
    if (await findTrackedDocket(trx, found.court, found.docketNumber, found.pacerCaseId)) continue;
    for (const match of matchNewCase(found, profiles)) {
      const proposal = await proposeCase(trx, {
        matterId: match.matterId,
        found,
        sourceId: input.source.id,
        foundBy,
        reasons: match.reasons,
      });
      if (!proposal) continue;
      report.proposed++;
      if (!match.autoAttach) continue;
      // A source's first, baseline poll tells no one: what it finds then was there before it looked.
      await attachCase(trx, proposal, { status: 'attached', by: `rule (${foundBy})`, alert: !input.baseline });
      report.attached++;
    }
  }
  return report;
}

/**
 * Makes a proposal a docket of its matter: the docket, and a CourtListener source for it when the
 * case was found there (its entries then flow like any docket's; a case found in a court's feed is
 * read by that feed already). With `alert`, subscribers who asked for new cases are told.
 * Returns the docket, or undefined when the proposal was already decided.
 */
export async function attachCase(
  trx: Db,
  proposal: CaseProposal,
  decision: { status: 'accepted' | 'attached'; by: string; alert: boolean },
): Promise<Docket | undefined> {
  if (!(await decideCaseProposal(trx, { id: proposal.id, status: decision.status, by: decision.by }))) return undefined;
  const docket = await upsertDocket(trx, {
    matterId: proposal.matter_id,
    court: proposal.court,
    docketNumber: proposal.docket_number,
    pacerCaseId: proposal.pacer_case_id,
    caseName: proposal.case_name,
  });
  await setCaseProposalDocket(trx, proposal.id, docket.id);
  const courtListener = catalogueEntryFor('docketSources', 'courtlistener');
  if (proposal.courtlistener_id !== null && courtListener) {
    const entry = courtListener.entry.schema.parse({ kind: 'courtlistener', docketId: proposal.courtlistener_id });
    await upsertSource(trx, sourceInputOf(courtListener, entry, { id: docket.id, court: docket.court, number: docket.docket_number }));
  }
  if (decision.alert) await writeNewCaseEvent(trx, { id: proposal.id, matterId: proposal.matter_id, docketId: docket.id });
  return docket;
}
