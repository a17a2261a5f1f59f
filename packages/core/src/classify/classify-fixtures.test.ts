import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyEntry, ENTRY_CLASSES, type EntryClass } from './classify-entry';

// Real court text: juriscraper's expected parses of CM/ECF RSS feeds and Supreme Court dockets.
const EXAMPLES = path.resolve(__dirname, '../../../../../shared/fixtures/juriscraper/tests/examples');

interface FixtureEntry {
  short_description?: string | null;
  description?: string | null;
}

function jsonFiles(dir: string, keep: (name: string) => boolean): string[] {
  const full = path.join(EXAMPLES, dir);
  return fs
    .readdirSync(full)
    .filter((name) => name.endsWith('.json') && keep(name))
    .sort()
    .map((name) => path.join(full, name));
}

function rssEntries(): FixtureEntry[] {
  return jsonFiles('pacer/rss_feeds', () => true).flatMap((file) =>
    (JSON.parse(fs.readFileSync(file, 'utf8')) as { docket_entries: FixtureEntry[] }[]).flatMap((docket) => docket.docket_entries),
  );
}

function scotusEntries(): FixtureEntry[] {
  // In this folder NAME.json is juriscraper's parse (NAME.compare.json is the raw input).
  return jsonFiles('scotus/dockets/json', (name) => !name.endsWith('.compare.json')).flatMap(
    (file) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { docket_entries: FixtureEntry[] }).docket_entries,
  );
}

function tally(classes: EntryClass[]): Record<EntryClass, number> {
  const counts = Object.fromEntries(ENTRY_CLASSES.map((c) => [c, 0])) as Record<EntryClass, number>;
  for (const c of classes) counts[c]++;
  return counts;
}

describe('classifyEntry on the fixtures', () => {
  it('classes every RSS event name, leaving few as other', () => {
    const entries = rssEntries();
    expect(entries.length).toBeGreaterThan(700);
    const classes = entries.map((e) => classifyEntry({ shortDescription: e.short_description ?? '', description: e.description ?? '' }));
    for (const c of classes) expect(ENTRY_CLASSES).toContain(c);
    const counts = tally(classes);
    expect(counts.other / entries.length).toBeLessThan(1 / 3);
    // Every class a feed carries is found in these feeds.
    for (const c of ['order', 'opinion', 'judgment', 'motion', 'brief', 'notice', 'hearing', 'routine'] as const) {
      expect(counts[c]).toBeGreaterThan(0);
    }
  });

  it('classes every Supreme Court proceeding, leaving few as other', () => {
    const entries = scotusEntries();
    expect(entries.length).toBeGreaterThan(100);
    const classes = entries.map((e) => classifyEntry({ shortDescription: '', description: e.description ?? '' }));
    const counts = tally(classes);
    expect(counts.other / entries.length).toBeLessThan(1 / 3);
    for (const c of ['order', 'opinion', 'judgment', 'motion', 'brief', 'hearing', 'routine'] as const) {
      expect(counts[c]).toBeGreaterThan(0);
    }
  });
});
