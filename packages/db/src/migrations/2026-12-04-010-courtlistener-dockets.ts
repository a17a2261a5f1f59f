import { sql, type Kysely } from 'kysely';

/**
 * A docket may be known to CourtListener under several ids (J.G.G. v. Trump has two in
 * circulation), so its ids move from one column on `dockets` to a table of their own: each
 * CourtListener id belongs to at most one docket here, and entries and webhook events for any of
 * them land on it.
 *
 * Webhook events are now kept on receipt and ingested by a job; the sweep that finds events still
 * waiting (their job lost) reads them through a partial index, as small as that backlog.
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('courtlistener_dockets')
    .addColumn('courtlistener_id', 'bigint', (c) => c.primaryKey())
    .addColumn('docket_id', 'integer', (c) => c.notNull().references('dockets.id').onDelete('cascade'))
    .addColumn('pinned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('courtlistener_dockets_docket_idx').on('courtlistener_dockets').column('docket_id').execute();
  await sql`INSERT INTO courtlistener_dockets (courtlistener_id, docket_id)
    SELECT DISTINCT ON (courtlistener_id) courtlistener_id, id FROM dockets
    WHERE courtlistener_id IS NOT NULL ORDER BY courtlistener_id, id`.execute(db);
  await db.schema.alterTable('dockets').dropColumn('courtlistener_id').execute();
  await db.schema
    .createIndex('inbound_messages_received_idx')
    .on('inbound_messages')
    .column('id')
    .where(sql.ref('status'), '=', 'received')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbound_messages_received_idx').execute();
  await db.schema.alterTable('dockets').addColumn('courtlistener_id', 'bigint').execute();
  await sql`UPDATE dockets d SET courtlistener_id = c.courtlistener_id
    FROM (SELECT docket_id, min(courtlistener_id) AS courtlistener_id FROM courtlistener_dockets GROUP BY docket_id) c
    WHERE c.docket_id = d.id`.execute(db);
  await db.schema.dropTable('courtlistener_dockets').execute();
}
