import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('matters')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('aliases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('dockets')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('matter_id', 'bigint', (c) => c.notNull().references('matters.id').onDelete('cascade'))
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('docket_number', 'text', (c) => c.notNull())
    .addColumn('pacer_case_id', 'text')
    .addColumn('case_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('captions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('dockets_court_number_key', ['court', 'docket_number'])
    .execute();
  await db.schema.createIndex('dockets_matter_idx').on('dockets').column('matter_id').execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('court', 'text')
    .addColumn('docket_id', 'bigint', (c) => c.references('dockets.id').onDelete('set null'))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().check(sql`interval_seconds >= 1`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('next_check_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('body_hash', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('health', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('last_checked_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('baseline_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sources_due_idx').on('sources').columns(['enabled', 'next_check_at']).execute();

  await db.schema
    .createTable('entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('docket_id', 'bigint', (c) => c.notNull().references('dockets.id').onDelete('cascade'))
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('entry_number', 'text')
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('filed_at_ts', 'timestamptz', (c) => c.notNull())
    .addColumn('short_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_url', 'text')
    .addColumn('pacer_doc_id', 'text')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('entries_docket_natural_key', ['docket_id', 'natural_key'])
    .execute();
  await db.schema.createIndex('entries_timeline_idx').on('entries').columns(['docket_id', 'filed_at_ts']).execute();

  await db.schema
    .createTable('sightings')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'bigint', (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('source_id', 'bigint', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sightings_entry_source_key', ['entry_id', 'source_id'])
    .execute();

  await db.schema
    .createTable('outbox_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'bigint', (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('docket_id', 'bigint', (c) => c.notNull())
    .addColumn('matter_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('fanned_out_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox_events').column('id').where(sql.ref('fanned_out_at'), 'is', null).execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('matter_id', 'bigint', (c) => c.notNull().references('matters.id').onDelete('cascade'))
    .addColumn('docket_id', 'bigint', (c) => c.references('dockets.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One subscription per follower, scope and channel; NULL docket means "the whole matter".
  await sql`create unique index subscriptions_scope_key on subscriptions
    (matter_id, coalesce(docket_id, 0), channel, target)`.execute(db);

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'bigint', (c) => c.notNull().references('outbox_events.id').onDelete('cascade'))
    .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('deliveries_event_subscription_channel_key', ['event_id', 'subscription_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('deliveries_unsent_idx')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .where(sql.ref('status'), 'in', sql`('pending', 'sending')`)
    .execute();

  await db.schema
    .createTable('local_mail')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'local_mail',
    'deliveries',
    'subscriptions',
    'outbox_events',
    'sightings',
    'entries',
    'sources',
    'dockets',
    'matters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
