import { sql, type Kysely } from 'kysely';

// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // Tokens made before scopes could do everything: they become `admin`, so none stops working.
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scopes', 'jsonb', (c) => c.notNull().defaultTo(sql`'["admin"]'::jsonb`))
    .addColumn('expires_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('scopes').dropColumn('expires_at').execute();
}
