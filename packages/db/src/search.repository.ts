import { sql } from 'kysely';
import type { Db } from './connect';

/** Marks around each matched word in a snippet: control characters no court text carries, so a renderer can escape the rest. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface SearchHit {
  type: 'entry' | 'item';
  id: number;
  matter: { slug: string; name: string };
  /** The entry's short description, or the item's title. */
  title: string;
  /** The best passage, matched words between MATCH_START and MATCH_END. */
  snippet: string;
  rank: number;
  at: Date;
  /** Entries: where they stand. */
  court: string | null;
  docketNumber: string | null;
  entryNumber: string | null;
  /** The document (entries) or the item's own page. */
  url: string | null;
}

export interface SearchQuery {
  /** What a person types: words, "quoted phrases", -excluded, or (websearch_to_tsquery's syntax). */
  text: string;
  /** Only this matter. */
  matterId?: number;
  limit: number;
  offset?: number;
}

/** One row of either half of the search's union, as both halves select it. */
type SearchRow = Omit<SearchHit, 'matter'> & { matterSlug: string; matterName: string };

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search over every docket entry and press item, best first (ts_rank over the generated
 * `search` vectors, titles weighted over bodies), each with a highlighted snippet. Text that makes
 * no query (only stop words, only punctuation) finds nothing rather than everything.
 */
export async function searchTimeline(db: Db, query: SearchQuery): Promise<SearchHit[]> {
  const tsquery = sql`websearch_to_tsquery('english', ${query.text})`;
  const entries = db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .innerJoin('matters', 'matters.id', 'dockets.matter_id')
    .select([
      sql<'entry'>`'entry'`.as('type'),
      'entries.id',
      'matters.slug as matterSlug',
      'matters.name as matterName',
      'entries.short_description as title',
      sql<string>`ts_headline('english', entries.short_description || ' — ' || entries.description, ${tsquery}, ${HEADLINE_OPTIONS})`.as(
        'snippet',
      ),
      sql<number>`ts_rank(entries.search, ${tsquery})`.as('rank'),
      'entries.filed_at_ts as at',
      'dockets.court',
      'dockets.docket_number as docketNumber',
      'entries.entry_number as entryNumber',
      'entries.document_url as url',
    ])
    .where(sql<boolean>`entries.search @@ ${tsquery}`)
    .$if(query.matterId !== undefined, (qb) => qb.where('dockets.matter_id', '=', query.matterId!))
    .$castTo<SearchRow>();
  const items = db
    .selectFrom('items')
    .innerJoin('matter_items', 'matter_items.item_id', 'items.id')
    .innerJoin('matters', 'matters.id', 'matter_items.matter_id')
    .select([
      sql<'item'>`'item'`.as('type'),
      'items.id',
      'matters.slug as matterSlug',
      'matters.name as matterName',
      'items.title',
      sql<string>`ts_headline('english', items.title || ' — ' || items.summary || ' ' || items.text, ${tsquery}, ${HEADLINE_OPTIONS})`.as(
        'snippet',
      ),
      sql<number>`ts_rank(items.search, ${tsquery})`.as('rank'),
      sql<Date>`coalesce(items.published_at_ts, items.first_seen_at)`.as('at'),
      sql<string | null>`null`.as('court'),
      sql<string | null>`null`.as('docketNumber'),
      sql<string | null>`null`.as('entryNumber'),
      'items.url',
    ])
    .where(sql<boolean>`items.search @@ ${tsquery}`)
    .where('matter_items.removed_at', 'is', null)
    .$if(query.matterId !== undefined, (qb) => qb.where('matter_items.matter_id', '=', query.matterId!))
    .$castTo<SearchRow>();
  const rows = await entries
    .unionAll(items)
    .orderBy('rank', 'desc')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset ?? 0)
    .execute();
  return rows.map(({ matterSlug, matterName, ...hit }) => ({
    ...hit,
    matter: { slug: matterSlug, name: matterName },
    rank: Number(hit.rank),
    at: new Date(hit.at),
  }));
}
