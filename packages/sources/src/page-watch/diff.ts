/**
 * Line-based diff of two texts (a watched region before and after): which lines were added and
 * which removed.
 *
 * jsdiff's Myers diff (O((N+M)·D)) after trimming the common head and tail, so a typical page
 * change (a few lines among thousands) costs little more than one comparison pass. Both inputs are
 * capped in lines, and D (the number of lines added plus removed) is capped too (jsdiff's
 * maxEditLength): past it the search would cost O(D²), so we fall back to comparing the texts as
 * multisets of lines, which is linear and differs from the shortest edit script only for lines that
 * moved (a moved line counts as unchanged).
 */
import { diffArrays } from 'diff';

export interface RegionDiff {
  /** Lines of `current` that are not in `previous`, in their order in `current`. */
  added: string[];
  /** Lines of `previous` that are not in `current`, in their order in `previous`. */
  removed: string[];
}

export interface DiffLimits {
  /** Lines read from each text; the rest is ignored. */
  maxLines: number;
  /** Largest edit distance (lines added + removed) searched for exactly. */
  maxEdits: number;
}

export const DIFF_LIMITS: DiffLimits = { maxLines: 20_000, maxEdits: 1_000 };

/** The lines of a text as compared: whitespace collapsed, blank lines dropped, at most `maxLines`. */
export function diffLines(text: string, maxLines: number = DIFF_LIMITS.maxLines): string[] {
  const lines: string[] = [];
  let at = 0;
  while (at <= text.length && lines.length < maxLines) {
    const end = text.indexOf('\n', at);
    const raw = text.slice(at, end === -1 ? text.length : end);
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line !== '') lines.push(line);
    if (end === -1) break;
    at = end + 1;
  }
  return lines;
}

/** Lines of `after` beyond their count in `before` (and the reverse): linear, order-blind. */
function multisetDiff(before: string[], after: string[]): RegionDiff {
  const counts = new Map<string, number>();
  for (const line of before) counts.set(line, (counts.get(line) ?? 0) + 1);
  const added = after.filter((line) => {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    return left === 0;
  });
  // What is left in counts was not matched: removed, the last occurrences of each line.
  const removed: string[] = [];
  for (let index = before.length - 1; index >= 0; index--) {
    const line = before[index]!;
    const left = counts.get(line) ?? 0;
    if (left > 0) {
      counts.set(line, left - 1);
      removed.push(line);
    }
  }
  return { added, removed: removed.reverse() };
}

/** Shortest edit script between two lists of lines, or null when it needs more than maxEdits edits. */
function shortestDiff(before: string[], after: string[], maxEdits: number): RegionDiff | null {
  const changes = diffArrays(before, after, { maxEditLength: maxEdits });
  if (!changes) return null;
  return {
    added: changes.filter((change) => change.added).flatMap((change) => change.value),
    removed: changes.filter((change) => change.removed).flatMap((change) => change.value),
  };
}

/** Line-based diff of two texts; lines compare after whitespace is collapsed, blank lines are ignored. */
export function diffRegion(previous: string, current: string, limits: DiffLimits = DIFF_LIMITS): RegionDiff {
  const before = diffLines(previous, limits.maxLines);
  const after = diffLines(current, limits.maxLines);
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const oldLines = before.slice(start, endBefore);
  const newLines = after.slice(start, endAfter);
  if (oldLines.length === 0 || newLines.length === 0) return { added: newLines, removed: oldLines };
  return shortestDiff(oldLines, newLines, limits.maxEdits) ?? multisetDiff(oldLines, newLines);
}
