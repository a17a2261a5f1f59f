import { classifyEntry, linkLowerCourtCases, matchItem, type ParsedDocket, type ParsedDocument, type ParsedItem } from '@docketwatch/core';
import { discoverCases, openedCase } from './discover-cases';
import {
  attachItem,
  findTrackedDocket,
  getDocket,
  listMatterDockets,
  loadMatterProfiles,
  mergeSourceState,
  recordCaption,
  recordPollSuccess,
  setLowerCourtCases,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  writeItemEvent,
  type Db,
  type Docket,
  type Source,
} from '@docketwatch/db';

export interface IngestInput {
  source: Source;
  document: ParsedDocument;
  /** The source's first look sets its baseline and alerts nobody. Push sources never baseline. */
  baseline: boolean;
  validators?: { etag: string | null; lastModified: string | null; bodyHash: string | null };
  /** What the source remembers for next time (merged into sources.state). */
  state?: Record<string, unknown>;
}

export interface IngestReport {
  created: number;
  updated: number;
  /** Outbox events written: what subscribers will hear about. */
  events: number;
  itemsCreated: number;
  itemsAttached: number;
  /** Dockets in the document that no matter follows (court-wide feeds carry every case). */
  untracked: number;
  /** Dockets created because they name a tracked lower-court case (a new Supreme Court application). */
  linked: string[];
  /** New cases proposed on matters by their discovery rules (a search's cases, or a feed's case openers). */
  casesProposed: number;
  /** Of those, the ones a rule attached to its matter at once. */
  casesAttached: number;
  baseline: boolean;
}

/**
 * Stores what a source delivered, in one transaction: docket entries (deduplicated, classified,
 * with sightings), press items attached to the matters they mention, outbox events for what is new,
 * and the source's new state. Polled and pushed sources alike come through here.
 */
export async function ingestDocument(db: Db, input: IngestInput): Promise<IngestReport> {
  const { source, baseline } = input;
  const document = withoutNul(input.document);
  return db.transaction().execute(async (trx) => {
    const report: IngestReport = {
      created: 0,
      updated: 0,
      events: 0,
      itemsCreated: 0,
      itemsAttached: 0,
      untracked: 0,
      linked: [],
      casesProposed: 0,
      casesAttached: 0,
      baseline,
    };
    const cases = [...(document.cases ?? [])];
    const untracked: ParsedDocket[] = [];
    for (const parsed of document.dockets) {
      if (await ingestDocket(trx, source, parsed, report)) continue;
      untracked.push(parsed);
      const opened = openedCase(parsed);
      if (opened) cases.push(opened);
    }
    if (document.items && document.items.length > 0) await ingestItems(trx, source, document.items, report);
    const discovered = await discoverCases(trx, { source, cases, baseline });
    report.casesProposed = discovered.proposed;
    report.casesAttached = discovered.attached;
    // A case its matter's rule has just attached is followed now: the feed's entries of it are stored.
    const stillUntracked =
      discovered.attached === 0 ? untracked : await asyncReject(untracked, (p) => ingestDocket(trx, source, p, report));
    report.untracked = stillUntracked.length;
    await recordPollSuccess(trx, source, { ...(input.validators ?? {}), baseline: true });
    if (input.state) await mergeSourceState(trx, source, input.state);
    return report;
  });
}

/**
 * One parsed docket's caption, lower-court cases and entries, stored into the tracked docket it
 * belongs to. False when no matter follows it.
 */
async function ingestDocket(trx: Db, source: Source, parsed: ParsedDocket, report: IngestReport): Promise<boolean> {
  const docket = await resolveDocket(trx, source, parsed, report);
  if (!docket) return false;
  await recordCaption(trx, docket, parsed.caseName);
  if (parsed.lowerCourtCases?.length) await setLowerCourtCases(trx, docket.id, parsed.lowerCourtCases);
  const stored = await storeDocketEntries(trx, {
    sourceId: source.id,
    docket,
    entries: parsed.entries,
    baseline: report.baseline,
    classify: classifyEntry,
  });
  report.created += stored.created;
  report.updated += stored.updated;
  report.events += stored.events;
  return true;
}

/** Press items, each stored once and attached to every matter it mentions (an event per new attachment). */
async function ingestItems(trx: Db, source: Source, items: ParsedItem[], report: IngestReport): Promise<void> {
  const profiles = await loadMatterProfiles(trx);
  for (const item of items) {
    const stored = await storeItem(trx, { sourceId: source.id, item });
    if (stored.created) report.itemsCreated++;
    for (const match of matchItem(item, profiles)) {
      if (!(await attachItem(trx, { matterId: match.matterId, itemId: stored.id, reasons: match.reasons }))) continue;
      report.itemsAttached++;
      if (!report.baseline) {
        await writeItemEvent(trx, { matterId: match.matterId, itemId: stored.id });
        report.events++;
      }
    }
  }
}

/** The items for which `stored` says false, in order (one at a time: they share a transaction). */
async function asyncReject<T>(items: T[], stored: (item: T) => Promise<boolean>): Promise<T[]> {
  const left: T[] = [];
  for (const item of items) if (!(await stored(item))) left.push(item);
  return left;
}

/**
 * Postgres text cannot hold U+0000, and one NUL in scraped text would fail every poll of a source
 * for good; it carries no meaning in a docket entry or a press release, so it goes.
 */
function withoutNul(document: ParsedDocument): ParsedDocument {
  const json = JSON.stringify(document);
  if (!json.includes('\\u0000')) return document;
  return JSON.parse(json, (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '') : value)) as ParsedDocument;
}

/**
 * The tracked docket a parsed docket belongs to. A single-docket source stores into its own docket;
 * otherwise by court and number (or PACER case id). A docket nobody tracks is adopted when it names
 * a tracked lower-court case: a new Supreme Court application in a followed case joins its matter.
 */
async function resolveDocket(db: Db, source: Source, parsed: ParsedDocket, report: IngestReport): Promise<Docket | undefined> {
  if (source.docket_id !== null) {
    return getDocket(db, source.docket_id);
  }
  const tracked = await findTrackedDocket(db, parsed.court || source.court || '', parsed.docketNumber, parsed.pacerCaseId);
  if (tracked || !parsed.lowerCourtCases?.length) return tracked;
  const matters = [...new Set(linkLowerCourtCases(parsed.lowerCourtCases, await listMatterDockets(db)))];
  if (matters.length !== 1) return undefined;
  const docket = await upsertDocket(db, {
    matterId: matters[0]!,
    court: parsed.court,
    docketNumber: parsed.docketNumber,
    pacerCaseId: parsed.pacerCaseId,
    caseName: parsed.caseName,
  });
  report.linked.push(`${parsed.court} ${parsed.docketNumber}`);
  return docket;
}
