import { sql, type Kysely } from 'kysely';

/**
 * A source's `url` was its identity and held more than URLs (`mailto:` mailboxes, `courtlistener:`
 * dockets, `courtlistener-webhook:` receivers): it is its `address`, which is what it is.
 */
// Kysely<any>: a migration describes the schema at its own point in time, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sources rename column url to address`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sources rename column address to url`.execute(db);
}
