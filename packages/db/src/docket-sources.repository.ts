import { ENTRY_CLASSES, type EntryClass } from '@docketwatch/core';
import { sql } from 'kysely';
import type { Db } from './connect';

/**
 * Makes a docket's own polled sources due now: a push (a Supreme Court notice that names no entry)
 * said the docket changed without saying how, so its page is read at the scheduler's next tick
 * instead of at its next scheduled check. Returns how many sources were brought forward.
 */
export async function pollDocketSourcesNow(
  db: Db,
  docket: { court: string; docketNumber: string },
  kinds: readonly string[],
): Promise<number> {
  if (kinds.length === 0) return 0;
  const result = await db
    .updateTable('sources')
    .set({ next_check_at: sql<Date>`now()` })
    .where('enabled', '=', true)
    .where('kind', 'in', [...kinds] as never[])
    .where('docket_id', 'in', (eb) =>
      eb.selectFrom('dockets').select('id').where('court', '=', docket.court).where('docket_number', '=', docket.docketNumber),
    )
    .where('next_check_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** A source that can see a docket, and the entry classes it carries ('all' unless its config says). */
export interface CoveringSource {
  id: number;
  name: string;
  kind: string;
  carries: readonly EntryClass[] | 'all';
}

/** What a docket's sources can see, so a silence that is only a gap is shown as one. */
export interface DocketCoverage {
  sources: CoveringSource[];
  /** Entry classes no enabled source of the docket carries, most significant first; all of them when it has none. */
  unseen: EntryClass[];
}

/** `config.carries` as a CM/ECF feed records it (the entry classes the court puts in its feed); 'all' when unknown. */
function carriesOf(config: Record<string, unknown>): CoveringSource['carries'] {
  const carries = config['carries'];
  if (!Array.isArray(carries)) return 'all';
  return ENTRY_CLASSES.filter((c) => carries.includes(c));
}

/**
 * Per docket, the enabled sources that can see it: its own sources, the court-wide feeds of its court,
 * and any other source that has seen one of its entries (a mailbox, a webhook). A class none of them
 * carries is unseen: nothing of that kind will arrive, whatever the court files.
 */
export async function docketCoverage(db: Db, dockets: readonly { id: number; court: string }[]): Promise<Map<number, DocketCoverage>> {
  const coverage = new Map<number, DocketCoverage>();
  if (dockets.length === 0) return coverage;
  const ids = dockets.map((d) => d.id);
  const courts = [...new Set(dockets.map((d) => d.court))];
  const [own, sighted] = await Promise.all([
    db
      .selectFrom('sources')
      .select(['id', 'name', 'kind', 'config', 'docket_id', 'court'])
      .where('enabled', '=', true)
      .where((eb) => eb.or([eb('docket_id', 'in', ids), eb.and([eb('docket_id', 'is', null), eb('court', 'in', courts)])]))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('sightings')
      .innerJoin('entries', 'entries.id', 'sightings.entry_id')
      .innerJoin('sources', 'sources.id', 'sightings.source_id')
      .select(['sources.id', 'sources.name', 'sources.kind', 'sources.config', 'entries.docket_id'])
      .distinct()
      .where('sources.enabled', '=', true)
      .where('entries.docket_id', 'in', ids)
      .orderBy('sources.id')
      .execute(),
  ]);
  for (const docket of dockets) {
    const sources = new Map<number, CoveringSource>();
    const add = (s: { id: number; name: string; kind: string; config: Record<string, unknown> }): void => {
      sources.set(s.id, { id: s.id, name: s.name, kind: s.kind, carries: carriesOf(s.config) });
    };
    for (const s of own) if (s.docket_id === docket.id || (s.docket_id === null && s.court === docket.court)) add(s);
    for (const s of sighted) if (s.docket_id === docket.id) add(s);
    const covering = [...sources.values()];
    const unseen = ENTRY_CLASSES.filter((c) => !covering.some((s) => s.carries === 'all' || s.carries.includes(c)));
    coverage.set(docket.id, { sources: covering, unseen });
  }
  return coverage;
}
