import type { SourceInput } from '@docketwatch/db';
import type { CatalogueEntry, SourceKindId } from '@docketwatch/sources';

/** A docket a source belongs to: its row id, and its court and number as the kind names it. */
export interface SourceDocket {
  id: number;
  court: string;
  number: string;
}

/**
 * A validated catalogue entry as the source row its kind makes of it, tied to its docket when it
 * reads one: the one way a catalogue file, the admin pages and the API turn an entry into a source.
 */
export function sourceInputOf(
  match: { kind: SourceKindId; entry: CatalogueEntry },
  data: unknown,
  docket: SourceDocket | null,
): SourceInput {
  const row = match.entry.toSource(
    data as Parameters<CatalogueEntry['toSource']>[0],
    docket && { court: docket.court, number: docket.number },
  );
  return docket ? { kind: match.kind, ...row, court: docket.court, docketId: docket.id } : { kind: match.kind, ...row };
}
