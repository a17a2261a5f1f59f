import fs from 'node:fs';
import path from 'node:path';

/**
 * All SQL lives in packages/db (ARCHITECTURE.md): a query anywhere else is a repository function
 * that has not been written yet. Tests may query tables directly to check what was stored.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SCANNED = ['packages', 'workers', 'services'];

const QUERY_PATTERNS: { what: string; pattern: RegExp }[] = [
  { what: 'a Kysely query', pattern: /\.\s*(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\s*\(/ },
  { what: 'raw SQL', pattern: /\bsql\s*(<[^>]*>)?\s*`/ },
  { what: 'an import of kysely', pattern: /(from\s+|require\(\s*|import\(\s*)['"]kysely(\/[^'"]*)?['"]/ },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function workspaceSources(): string[] {
  return SCANNED.flatMap((group) =>
    fs
      .readdirSync(path.join(ROOT, group))
      .filter((name) => `${group}/${name}` !== 'packages/db')
      .map((name) => path.join(ROOT, group, name, 'src'))
      .filter((src) => fs.existsSync(src))
      .flatMap(sourceFiles),
  );
}

function sqlOutsideDb(): string[] {
  return workspaceSources().flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        QUERY_PATTERNS.filter(({ pattern }) => pattern.test(line)).map(
          ({ what }) => `${path.relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim()}`,
        ),
      ),
  );
}

describe('SQL stays in packages/db', () => {
  it('scans the workspace sources', () => {
    expect(workspaceSources().length).toBeGreaterThan(50);
  });

  it('finds no query, raw SQL or kysely import outside packages/db (write a repository function instead)', () => {
    expect(sqlOutsideDb()).toEqual([]);
  });
});
