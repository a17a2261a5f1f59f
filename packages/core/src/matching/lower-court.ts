/**
 * A Supreme Court docket names the lower-court cases it comes from ("8:25-cv-951",
 * "(23-2051 (See also 23-1853))"). The matters whose dockets those numbers name are the matters
 * the Supreme Court docket belongs to, so a new application or petition joins its matter's
 * timeline without anyone cataloguing it.
 *
 * Rules: each lower-court string is compared whole (normalised) and also scanned for the numbers it
 * mentions (findDocketNumbers), so raw clerk text works as well as split numbers. A number names a
 * docket as docketNumbersMatch says: exactly after normalising, or, for a district number written
 * without its office ("25-cv-766"), on year, case type and sequence. Supreme Court dockets are
 * never lower courts and are skipped. Lower-court numbers do not say which court they are from;
 * pass `courts` (e.g. the court ids of the lower court the Supreme Court names) to look only
 * there, otherwise a number that two tracked courts both use links both matters.
 */
import { normaliseDocketNumber } from '../docket-number';
import { docketNumbersMatch, findDocketNumbers } from './docket-mentions';

export interface MatterDocket {
  court: string;
  docketNumber: string;
  matterId: number;
}

export interface LinkLowerCourtOptions {
  /** Only dockets in these courts (CourtListener ids: "mdd", "ca4") are considered. */
  courts?: string[];
}

const MAX_LOWER_COURT_CASES = 200;
const MAX_CASE_CHARS = 500;

/** Matter ids whose dockets the lower-court case numbers name, each once, in the order found. */
export function linkLowerCourtCases(lowerCourtCases: string[], dockets: MatterDocket[], options: LinkLowerCourtOptions = {}): number[] {
  const courts = options.courts ? new Set(options.courts.map((c) => c.trim().toLowerCase())) : null;
  const candidates = dockets.filter((d) => {
    const court = d.court.trim().toLowerCase();
    return court !== 'scotus' && (courts === null || courts.has(court));
  });
  const matterIds: number[] = [];
  const link = (canonical: string): void => {
    for (const docket of candidates) {
      if (docketNumbersMatch({ canonical }, docket.docketNumber) && !matterIds.includes(docket.matterId)) {
        matterIds.push(docket.matterId);
      }
    }
  };
  for (const raw of lowerCourtCases.slice(0, MAX_LOWER_COURT_CASES)) {
    const text = raw.slice(0, MAX_CASE_CHARS);
    if (text.trim() === '') continue;
    link(normaliseDocketNumber(text));
    for (const mention of findDocketNumbers(text)) link(mention.canonical);
  }
  return matterIds;
}
