import fs from 'node:fs';
import path from 'node:path';

/** shared/ sits beside the clone, in development and in CI alike. */
export const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/juriscraper/tests/examples');

export function fixturePath(relative: string): string {
  return path.join(FIXTURES, relative);
}

export function readFixture(relative: string): Buffer {
  return fs.readFileSync(fixturePath(relative));
}
