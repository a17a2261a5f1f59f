/**
 * Generic page watching: the visible text of a page region, and what changed between two polls.
 */
export { extractRegion } from './region';
export type { RegionOptions } from './region';
export { diffRegion, diffLines, DIFF_LIMITS } from './diff';
export type { DiffLimits, RegionDiff } from './diff';
export { pageWatchDocument, pageWatchItems } from './page-watch';
export { fragmentText, visibleText } from './visible-text';
