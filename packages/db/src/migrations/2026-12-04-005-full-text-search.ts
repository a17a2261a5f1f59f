import { sql, type Kysely } from 'kysely';

/**
 * Full-text search over docket entries and press items: a stored tsvector kept by Postgres itself
 * (a generated column, so every writer fills it and none can forget), and a GIN index on it.
 * Titles weigh more than bodies. 'english' stems ("removal" finds "removals", "removed").
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table entries add column search tsvector generated always as (
      setweight(to_tsvector('english', coalesce(short_description, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(description, '')), 'B')
    ) stored`.execute(db);
  await sql`alter table items add column search tsvector generated always as (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
      setweight(to_tsvector('english', coalesce(text, '')), 'C')
    ) stored`.execute(db);
  await sql`create index entries_search_idx on entries using gin (search)`.execute(db);
  await sql`create index items_search_idx on items using gin (search)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table entries drop column search`.execute(db);
  await sql`alter table items drop column search`.execute(db);
}
