import { sql, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from './connect';
import type { Database } from './schema';

export interface Sighting {
  sourceId: number;
  sourceName: string;
  firstSeenAt: string;
}

/** A docket entry as alerts, feeds and the timeline show it: the entry with its docket's court, number and caption. */
export interface EntryView {
  type: 'entry';
  id: number;
  court: string;
  docketNumber: string;
  caseName: string;
  entryNumber: string | null;
  filedAt: string;
  class: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
}

/** A press item as alerts, feeds and the timeline show it. */
export interface ItemView {
  type: 'item';
  id: number;
  url: string;
  title: string;
  publishedAt: string | null;
  publisher: string | null;
  summary: string;
  firstSeenAt: Date;
}

export interface TimelineEntry extends EntryView {
  /** When it happened, for ordering: the filing time (or day). */
  at: Date;
  docketId: number;
  firstSeenAt: Date;
  updatedAt: Date;
  sightings: Sighting[];
}

export interface TimelineItem extends ItemView {
  /** Publication time, or when docketwatch first saw it if the publisher gives none. */
  at: Date;
  class: 'press';
  reasons: unknown[];
  sightings: Sighting[];
}

export type TimelineRow = TimelineEntry | TimelineItem;

/** The columns of an EntryView, selected from entries joined to dockets (one list for every reader). */
export const ENTRY_VIEW_COLUMNS = [
  'entries.id',
  'dockets.court',
  'dockets.docket_number as docketNumber',
  'dockets.case_name as caseName',
  'entries.entry_number as entryNumber',
  'entries.filed_at as filedAt',
  'entries.class',
  'entries.short_description as shortDescription',
  'entries.description',
  'entries.document_url as documentUrl',
] as const;

/** The columns of an ItemView. */
export const ITEM_VIEW_COLUMNS = [
  'items.id',
  'items.url',
  'items.title',
  'items.published_at as publishedAt',
  'items.publisher',
  'items.summary',
  'items.first_seen_at as firstSeenAt',
] as const;

/**
 * Where a page of the timeline ends: the last row's time (in microseconds, Postgres's own
 * precision, so rows sharing a time are neither skipped nor repeated), its kind and its id.
 * The order is time, then entries before items, then id, all descending.
 */
export interface TimelineCursor {
  atMicros: string;
  type: 'entry' | 'item';
  id: number;
}

export interface TimelineQuery {
  limit: number;
  /** Continue after this row. */
  after?: TimelineCursor;
  /** Only these classes; `press` selects press items. Absent: all. */
  classes?: readonly string[];
  /** Only these courts' entries; `press` selects press items. Absent: all. */
  courts?: readonly string[];
  /** Only rows at or after / before these times. */
  since?: Date;
  until?: Date;
}

export interface TimelinePage {
  rows: TimelineRow[];
  /** Where the next page starts; null on the last page. */
  next: TimelineCursor | null;
}

type Micros = { atMicros: string };

/**
 * One page of a matter's timeline: docket entries from every docket and court, and the press items
 * attached to it, merged newest first, each with its provenance (sightings: which source, first
 * seen when). Keyset paging: a page never skips or repeats a row, however many share a time.
 */
export async function matterTimelinePage(db: Db, matterId: number, query: TimelineQuery): Promise<TimelinePage> {
  const wanted = { ...query, limit: query.limit + 1 };
  const [entries, items] = await Promise.all([
    wantsEntries(query) ? timelineEntries(db, matterId, wanted) : [],
    wantsItems(query) ? timelineItems(db, matterId, wanted) : [],
  ]);
  const merged = [...entries, ...items].sort(newestFirst);
  const page = merged.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ atMicros: _atMicros, ...row }) => row as TimelineRow),
    next: merged.length > query.limit && last ? { atMicros: last.atMicros, type: last.type, id: last.id } : null,
  };
}

/** The newest `limit` rows of a matter's timeline (before `before`, when given). */
export async function matterTimeline(db: Db, matterId: number, options: { limit?: number; before?: Date } = {}): Promise<TimelineRow[]> {
  const page = await matterTimelinePage(db, matterId, {
    limit: options.limit ?? 200,
    ...(options.before ? { until: options.before } : {}),
  });
  return page.rows;
}

function wantsEntries(q: TimelineQuery): boolean {
  return (!q.classes || q.classes.some((c) => c !== 'press')) && (!q.courts || q.courts.some((c) => c !== 'press'));
}

function wantsItems(q: TimelineQuery): boolean {
  return (!q.classes || q.classes.includes('press')) && (!q.courts || q.courts.includes('press'));
}

function newestFirst(a: TimelineRow & Micros, b: TimelineRow & Micros): number {
  const byTime = BigInt(b.atMicros) - BigInt(a.atMicros);
  if (byTime !== 0n) return byTime > 0n ? 1 : -1;
  if (a.type !== b.type) return a.type === 'entry' ? -1 : 1;
  return b.id - a.id;
}

/** Which sources saw an entry and when first, oldest first: a JSON array column of a query over entries. */
export function entrySightings(eb: ExpressionBuilder<Database, 'entries'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('sightings')
      .innerJoin('sources', 'sources.id', 'sightings.source_id')
      .select(['sources.id as sourceId', 'sources.name as sourceName', 'sightings.first_seen_at as firstSeenAt'])
      .whereRef('sightings.entry_id', '=', 'entries.id')
      .orderBy('sightings.first_seen_at'),
  ).as('sightings');
}

const micros = (column: string) => sql<string>`(extract(epoch from ${sql.ref(column)}) * 1000000)::bigint`;

/**
 * Rows after the cursor in (time, kind, id) descending order, for a table whose rows are `type`:
 * an older time; or the same time and, within it, later in kind order or a smaller id.
 */
function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  at: ReturnType<typeof micros>,
  idColumn: string,
  type: TimelineCursor['type'],
  cursor: TimelineCursor,
) {
  const cursorAt = sql<string>`${cursor.atMicros}::bigint`;
  const older = eb(at, '<', cursorAt);
  if (type === cursor.type) return eb.or([older, eb.and([eb(at, '=', cursorAt), eb(sql.ref(idColumn), '<', cursor.id)])]);
  // Entries come before items at the same time: after an entry cursor, items of that time follow.
  return type === 'item' ? eb(at, '<=', cursorAt) : older;
}

async function timelineEntries(db: Db, matterId: number, q: TimelineQuery): Promise<(TimelineEntry & Micros)[]> {
  const at = micros('entries.filed_at_ts');
  const classes = q.classes?.filter((c) => c !== 'press');
  const courts = q.courts?.filter((c) => c !== 'press');
  const rows = await db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select([
      ...ENTRY_VIEW_COLUMNS,
      'entries.filed_at_ts as at',
      at.as('atMicros'),
      'entries.docket_id as docketId',
      'entries.first_seen_at as firstSeenAt',
      'entries.updated_at as updatedAt',
      (eb) => entrySightings(eb),
    ])
    .where('dockets.matter_id', '=', matterId)
    .$if(classes !== undefined, (qb) => qb.where('entries.class', 'in', classes!))
    .$if(courts !== undefined, (qb) => qb.where('dockets.court', 'in', courts!))
    .$if(q.since !== undefined, (qb) => qb.where('entries.filed_at_ts', '>=', q.since!))
    .$if(q.until !== undefined, (qb) => qb.where('entries.filed_at_ts', '<', q.until!))
    .$if(q.after !== undefined, (qb) => qb.where((eb) => afterCursor(eb, at, 'entries.id', 'entry', q.after!)))
    .orderBy('entries.filed_at_ts', 'desc')
    .orderBy('entries.id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, type: 'entry' as const, at: new Date(r.at), atMicros: String(r.atMicros) }));
}

async function timelineItems(db: Db, matterId: number, q: TimelineQuery): Promise<(TimelineItem & Micros)[]> {
  const atColumn = sql<Date>`coalesce(items.published_at_ts, items.first_seen_at)`;
  const at = sql<string>`(extract(epoch from ${atColumn}) * 1000000)::bigint`;
  const rows = await db
    .selectFrom('matter_items')
    .innerJoin('items', 'items.id', 'matter_items.item_id')
    .select([
      ...ITEM_VIEW_COLUMNS,
      atColumn.as('at'),
      at.as('atMicros'),
      'matter_items.reasons',
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('item_sightings')
            .innerJoin('sources', 'sources.id', 'item_sightings.source_id')
            .select(['sources.id as sourceId', 'sources.name as sourceName', 'item_sightings.first_seen_at as firstSeenAt'])
            .whereRef('item_sightings.item_id', '=', 'items.id')
            .orderBy('item_sightings.first_seen_at'),
        ).as('sightings'),
    ])
    .where('matter_items.matter_id', '=', matterId)
    .where('matter_items.removed_at', 'is', null)
    .$if(q.since !== undefined, (qb) => qb.where(atColumn, '>=', q.since!))
    .$if(q.until !== undefined, (qb) => qb.where(atColumn, '<', q.until!))
    .$if(q.after !== undefined, (qb) => qb.where((eb) => afterCursor(eb, at, 'items.id', 'item', q.after!)))
    .orderBy(atColumn, 'desc')
    .orderBy('items.id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, type: 'item' as const, class: 'press' as const, at: new Date(r.at), atMicros: String(r.atMicros) }));
}
