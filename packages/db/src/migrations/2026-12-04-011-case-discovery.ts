import { sql, type Kysely } from 'kysely';

/**
 * Case discovery: a matter's rule for recognising new cases (`matters.discovery`), the cases found
 * and proposed on a matter (`case_proposals`, with where they were found and why they matched), and
 * a subscription's wish to hear about new cases (`subscriptions.new_cases`, off for everyone who
 * subscribed before it existed).
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('matters').addColumn('discovery', 'jsonb').execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('new_cases', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('case_proposals')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('matter_id', 'bigint', (c) => c.notNull().references('matters.id').onDelete('cascade'))
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('docket_number', 'text', (c) => c.notNull())
    .addColumn('case_name', 'text', (c) => c.notNull())
    .addColumn('courtlistener_id', 'bigint')
    .addColumn('pacer_case_id', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('nature_of_suit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('docket_id', 'bigint', (c) => c.references('dockets.id').onDelete('set null'))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One proposal per matter and case, however many polls or sources find it again.
  await db.schema
    .createIndex('case_proposals_case_key')
    .on('case_proposals')
    .columns(['matter_id', 'court', 'docket_number'])
    .unique()
    .execute();
  await sql`create unique index case_proposals_courtlistener_key on case_proposals (matter_id, courtlistener_id)
    where courtlistener_id is not null`.execute(db);
  await db.schema
    .alterTable('outbox_events')
    .addColumn('case_proposal_id', 'bigint', (c) => c.references('case_proposals.id').onDelete('cascade'))
    .execute();
  // An event tells of an entry, an item or (now) a new case.
  await db.schema.alterTable('outbox_events').dropConstraint('outbox_events_subject_check').execute();
  await db.schema
    .alterTable('outbox_events')
    .addCheckConstraint('outbox_events_subject_check', sql`entry_id is not null or item_id is not null or case_proposal_id is not null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_events').dropConstraint('outbox_events_subject_check').execute();
  await db.schema.alterTable('outbox_events').dropColumn('case_proposal_id').execute();
  await db.schema
    .alterTable('outbox_events')
    .addCheckConstraint('outbox_events_subject_check', sql`entry_id is not null or item_id is not null`)
    .execute();
  await db.schema.dropTable('case_proposals').execute();
  await db.schema.alterTable('subscriptions').dropColumn('new_cases').execute();
  await db.schema.alterTable('matters').dropColumn('discovery').execute();
}
