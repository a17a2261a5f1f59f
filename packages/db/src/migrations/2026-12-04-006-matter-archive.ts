import type { Kysely } from 'kysely';

// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // Archiving keeps a matter's history (entries, subscriptions) but takes it off the home page and out of fan-out.
  await db.schema.alterTable('matters').addColumn('archived_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('matters').dropColumn('archived_at').execute();
}
