import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely';
import { Pool, types } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './schema';
import { migrations } from './migrations';
import { lockEmbeddedDatabase } from './embedded-lock';

export { EmbeddedDatabaseInUseError } from './embedded-lock';

// bigint ids fit comfortably in a JS number for this product's lifetime; parse them as numbers.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  /** 'postgres' for a server, 'pglite' for the embedded single-process database. */
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * Postgres from a URL, else embedded PGlite in `dataDir` (one process only: the `npm start` default).
 */
export async function openDatabase(options: { url: string | null; dataDir?: string; poolSize?: number }): Promise<DbHandle> {
  if (options.url) {
    const pool = new Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    // A client checked out when Postgres goes away also emits 'error' (besides failing its query);
    // with no listener that would take the whole process down. Its query reports the error.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? './.data';
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const unlock = lockEmbeddedDatabase(dataDir);
  let pglite: PGlite;
  try {
    // PGlite returns int8 as a JS bigint by default; ids are plain numbers everywhere else.
    pglite = await PGlite.create(dir, { parsers: { 20: (v: string) => Number(v) } });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
