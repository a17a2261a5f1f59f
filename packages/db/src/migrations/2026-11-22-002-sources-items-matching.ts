import { sql, type Kysely } from 'kysely';

// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sources')
    // Kind-specific settings (a press preset, a page-watch selector, a CourtListener docket id).
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // What a source remembers between polls (a page-watch snapshot, CourtListener's last sequence).
    .addColumn('state', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .alterTable('dockets')
    .addColumn('courtlistener_id', 'bigint')
    .addColumn('lower_court_cases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable('matters')
    .addColumn('keywords', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable('entries')
    .addColumn('class', 'text', (c) => c.notNull().defaultTo('other'))
    .execute();
  // What each source last said about an entry: a source revising its own text ("filed in error",
  // sealed) is an authoritative change, unlike a poorer sighting from another source.
  await db.schema.alterTable('sightings').addColumn('content_hash', 'text').execute();

  await db.schema
    .createTable('items')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_at_ts', 'timestamptz')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publisher', 'text')
    .addColumn('enclosures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('item_sightings')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('source_id', 'bigint', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('item_sightings_item_source_key', ['item_id', 'source_id'])
    .execute();

  await db.schema
    .createTable('matter_items')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('matter_id', 'bigint', (c) => c.notNull().references('matters.id').onDelete('cascade'))
    .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // A false match removed by hand stays removed: re-matching never brings it back.
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('matter_items_matter_item_key', ['matter_id', 'item_id'])
    .execute();

  await db.schema
    .alterTable('outbox_events')
    .alterColumn('entry_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('outbox_events')
    .alterColumn('docket_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('outbox_events')
    .addColumn('item_id', 'bigint', (c) => c.references('items.id').onDelete('cascade'))
    .execute();
  await db.schema
    .alterTable('outbox_events')
    .addCheckConstraint('outbox_events_subject_check', sql`entry_id is not null or item_id is not null`)
    .execute();

  await db.schema
    .createTable('webhook_receipts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'bigint', (c) => c.references('sources.id').onDelete('cascade'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every pushed message is kept as received, so a parser fix can replay what once failed.
  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('source_id', 'bigint', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sender', 'text')
    .addColumn('recipient', 'text')
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('error', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // API tokens are stored as SHA-256 hashes: a leaked database does not leak tokens.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').ifExists().execute();
  await db.schema.dropTable('inbound_messages').ifExists().execute();
  await db.schema.dropTable('webhook_receipts').ifExists().execute();
  await db.schema.alterTable('outbox_events').dropConstraint('outbox_events_subject_check').execute();
  await db.schema.alterTable('outbox_events').dropColumn('item_id').execute();
  await db.schema.dropTable('matter_items').ifExists().execute();
  await db.schema.dropTable('item_sightings').ifExists().execute();
  await db.schema.dropTable('items').ifExists().execute();
  await db.schema.alterTable('sightings').dropColumn('content_hash').execute();
  await db.schema.alterTable('entries').dropColumn('class').execute();
  await db.schema.alterTable('matters').dropColumn('keywords').execute();
  await db.schema.alterTable('dockets').dropColumn('courtlistener_id').dropColumn('lower_court_cases').execute();
  await db.schema.alterTable('sources').dropColumn('config').dropColumn('state').execute();
}
