import fs from 'node:fs';
import path from 'node:path';

/** Another process has the embedded database open; PGlite serves one process, and a second would corrupt it. */
export class EmbeddedDatabaseInUseError extends Error {
  readonly code = 'DB_EMBEDDED_IN_USE';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the embedded database in ${dataDir} is in use by a running docketwatch (pid ${pid})`);
  }
}

const PID_FILE = 'docketwatch.pid';

/**
 * Holds the embedded database for this process through a pid file in its data directory, created
 * exclusively. PGlite's own postmaster.pid names no real process and a second PGlite opens the same
 * directory without complaint, so this file is the lock. A file naming a process that no longer
 * runs (killed with -9) is stale and taken over. Returns the release.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const file = path.join(dataDir, PID_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => releaseLock(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder !== null && holder !== process.pid && isRunning(holder)) throw new EmbeddedDatabaseInUseError(dataDir, holder);
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the embedded database lock ${file}: another process keeps replacing it`);
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(file: string): void {
  if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
}
