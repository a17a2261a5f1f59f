import type { Kysely } from 'kysely';

// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // A confirmation link works once and only until this time; a link already out (none set) never expires
  // on its own, so it is given the same 48 hours from now.
  await db.schema.alterTable('subscriptions').addColumn('confirm_expires_at', 'timestamptz').execute();
  await db
    .updateTable('subscriptions')
    .set({ confirm_expires_at: new Date(Date.now() + 48 * 3600 * 1000) })
    .where('confirm_token_hash', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('subscriptions').dropColumn('confirm_expires_at').execute();
}
