import { sql, type Kysely } from 'kysely';

/**
 * The last polls of each source (what each found, or why it failed), so an operator sees a
 * source's recent history and not only its latest state. Kept bounded: the repository keeps the
 * newest few per source.
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('source_polls')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('polled_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('source_polls_source_idx').on('source_polls').columns(['source_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('source_polls').execute();
}
