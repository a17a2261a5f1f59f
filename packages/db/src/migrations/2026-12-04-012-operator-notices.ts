import { sql, type Kysely } from 'kysely';

/**
 * Operator notices: a source that turned failing, changed its layout, fell silent, or recovered is
 * told to the operator once per change. `sources.reported_condition` is the condition last told,
 * so a change is noticed by comparing, and two notifiers racing tell it once. Sightings get an index
 * by source, which the silence check reads (the newest sightings of each source).
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('reported_condition', 'text').execute();
  await db.schema
    .createTable('operator_notices')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('operator_notices_unsent_idx')
    .on('operator_notices')
    .column('id')
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
  await db.schema.createIndex('sightings_source_seen_idx').on('sightings').columns(['source_id', 'first_seen_at']).execute();
  await db.schema.createIndex('item_sightings_source_seen_idx').on('item_sightings').columns(['source_id', 'first_seen_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('item_sightings_source_seen_idx').execute();
  await db.schema.dropIndex('sightings_source_seen_idx').execute();
  await db.schema.dropTable('operator_notices').execute();
  await db.schema.alterTable('sources').dropColumn('reported_condition').execute();
}
