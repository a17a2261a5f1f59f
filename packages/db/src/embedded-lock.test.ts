import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDatabaseInUseError, lockEmbeddedDatabase } from './embedded-lock';

describe('lockEmbeddedDatabase', () => {
  let dir: string;
  const pidFile = () => path.join(dir, 'docketwatch.pid');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-lock-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes this process id, and removes it on release', () => {
    const release = lockEmbeddedDatabase(dir);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(fs.existsSync(pidFile())).toBe(false);
  });

  it('refuses while a running process holds it, naming that process', () => {
    // The parent (Jest's runner) is certainly running.
    fs.writeFileSync(pidFile(), `${process.ppid}\n`);
    expect(() => lockEmbeddedDatabase(dir)).toThrow(EmbeddedDatabaseInUseError);
    expect(() => lockEmbeddedDatabase(dir)).toThrow(
      `the embedded database in ${dir} is in use by a running docketwatch (pid ${process.ppid})`,
    );
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over a file left by a process that died, or one that names no process', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const leftover of [`${dead}\n`, '', 'not a pid']) {
      fs.writeFileSync(pidFile(), leftover);
      const release = lockEmbeddedDatabase(dir);
      expect(fs.readFileSync(pidFile(), 'utf8')).toBe(`${process.pid}\n`);
      release();
    }
  });

  it('releases only its own lock', () => {
    const release = lockEmbeddedDatabase(dir);
    fs.writeFileSync(pidFile(), `${process.ppid}\n`);
    release();
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(`${process.ppid}\n`);
  });
});
