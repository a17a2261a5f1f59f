/**
 * Line-based diff of two texts (a watched region before and after): which lines were added and
 * which removed.
 *
 * Myers' O((N+M)·D) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) after
 * trimming the common head and tail, so a typical page change (a few lines among thousands) costs
 * little more than one comparison pass. Both inputs are capped in lines, and D (the number of
 * lines added plus removed) is capped too: past it, the edit graph would cost O(D²) memory, so
 * we fall back to comparing the texts as multisets of lines, which is linear and differs from the
 * shortest edit script only for lines that moved (a moved line counts as unchanged).
 */

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

interface IndexDiff {
  /** Indexes into b. */
  added: number[];
  /** Indexes into a. */
  removed: number[];
}

/** Walks the saved V arrays back from (n, m) to (0, 0), collecting the edits on the path. */
function backtrack(trace: Int32Array[], n: number, m: number): IndexDiff {
  const added: number[] = [];
  const removed: number[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d - 1] holds V after round d - 1 for diagonals -(d-1)..(d-1), at index k + d - 1.
    const previous = trace[d - 1]!;
    const at = (k: number): number => previous[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    if (down) added.push(previousY);
    else removed.push(previousX);
    x = previousX;
    y = previousY;
  }
  return { added: added.reverse(), removed: removed.reverse() };
}

/** Shortest edit script between a and b (as interned line ids), or null when it needs more than maxEdits edits. */
function myers(a: Int32Array, b: Int32Array, maxEdits: number): IndexDiff | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      // Down (a line of b inserted) or right (a line of a deleted), whichever reaches further.
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

/** Lines of b beyond their count in a (and the reverse): linear, order-blind. */
function multisetDiff(a: Int32Array, b: Int32Array): IndexDiff {
  const counts = new Map<number, number>();
  for (const id of a) counts.set(id, (counts.get(id) ?? 0) + 1);
  const added: number[] = [];
  b.forEach((id, index) => {
    const left = counts.get(id) ?? 0;
    if (left > 0) counts.set(id, left - 1);
    else added.push(index);
  });
  // What is left in counts was not matched: removed, the last occurrences of each line.
  const removed: number[] = [];
  for (let index = a.length - 1; index >= 0; index--) {
    const id = a[index]!;
    const left = counts.get(id) ?? 0;
    if (left > 0) {
      counts.set(id, left - 1);
      removed.push(index);
    }
  }
  return { added, removed: removed.reverse() };
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

  // Compare small integers, not strings, in the inner loop.
  const ids = new Map<string, number>();
  const intern = (lines: string[]): Int32Array =>
    Int32Array.from(lines, (line) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      return id;
    });
  const a = intern(oldLines);
  const b = intern(newLines);
  const edits = myers(a, b, limits.maxEdits) ?? multisetDiff(a, b);
  return { added: edits.added.map((i) => newLines[i]!), removed: edits.removed.map((i) => oldLines[i]!) };
}
