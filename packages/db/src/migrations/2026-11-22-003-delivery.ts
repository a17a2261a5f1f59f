import { sql, type Kysely } from 'kysely';

// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // A subscription follows a matter, one docket, or (with no matter) a saved search over everything.
  await db.schema
    .alterTable('subscriptions')
    .alterColumn('matter_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('query', 'text')
    // Entry classes to include (order, opinion, press…); null means every class.
    .addColumn('classes', 'jsonb')
    .addColumn('source_filter', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('immediate'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('America/New_York'))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('digest_send_empty', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('unsubscribed_at', 'timestamptz')
    // Who to tell when a Slack or webhook destination is disabled.
    .addColumn('owner_email', 'text')
    // Standard Webhooks signing secrets (whsec_…), newest first; more than one during a rotation.
    .addColumn('webhook_secrets', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('last_digest_at', 'timestamptz')
    .execute();
  await sql`update subscriptions set status = case when active then 'active' else 'disabled' end`.execute(db);
  await db.schema.alterTable('subscriptions').dropColumn('active').execute();
  await db.schema
    .alterTable('subscriptions')
    .addCheckConstraint('subscriptions_scope_check', sql`matter_id is not null or query is not null`)
    .execute();

  // One digest per subscription per window: the insert is the claim, so two sweepers never both send.
  await db.schema
    .createTable('digest_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('claimed'))
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addUniqueConstraint('digest_runs_subscription_window_key', ['subscription_id', 'window_end'])
    .execute();

  // A sender claims a subscription's other due deliveries together (a burst becomes one message).
  await db.schema.createIndex('deliveries_subscription_idx').on('deliveries').columns(['subscription_id', 'channel', 'status']).execute();

  // Secrets the installation generates for itself (the key that signs unsubscribe links).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').ifExists().execute();
  await db.schema.dropTable('digest_runs').ifExists().execute();
  await db.schema.alterTable('subscriptions').dropConstraint('subscriptions_scope_check').execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`update subscriptions set active = (status = 'active')`.execute(db);
  for (const column of [
    'query',
    'classes',
    'source_filter',
    'mode',
    'time_zone',
    'digest_hour',
    'digest_send_empty',
    'status',
    'confirm_token_hash',
    'confirmed_at',
    'unsubscribed_at',
    'owner_email',
    'webhook_secrets',
    'last_digest_at',
  ]) {
    await db.schema.alterTable('subscriptions').dropColumn(column).execute();
  }
}
