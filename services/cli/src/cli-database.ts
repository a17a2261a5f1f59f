import { loadConfig } from '@docketwatch/config';
import { EmbeddedDatabaseInUseError, migrateToLatest, openDatabase, type Db } from '@docketwatch/db';

/**
 * Opens the configured database (Postgres, or embedded PGlite when DATABASE_URL is unset), brings
 * its schema up to date, runs `fn` and closes it. Embedded PGlite serves one process: while a
 * running docketwatch holds it, this fails saying so instead of writing where the server cannot see.
 */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const handle = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** The one-line advice for a database another process holds, or null for any other error. */
export function heldDatabaseAdvice(err: unknown): string | null {
  if (!(err instanceof EmbeddedDatabaseInUseError)) return null;
  return `${err.message}: stop it, or set DATABASE_URL to share Postgres`;
}
