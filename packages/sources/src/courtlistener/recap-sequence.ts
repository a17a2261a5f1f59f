/**
 * RECAP sequence numbers order a docket's entries, numbered or not ("Use the RECAP sequence number
 * to sort dockets in your system", cl/api/templates/pacer-api-docs-vlatest.html). CourtListener
 * builds them as `"%s.%03d" % (date_filed.isoformat(), index)` (cl/recap/mergers.py,
 * make_recap_sequence_number): "2025-04-10.001". The index is at least three digits but can grow
 * past 999, so they compare by date and then by index as a number, never as plain strings.
 */
const SEQUENCE = /^(\d{4}-\d{2}-\d{2})\.(\d{1,9})$/;

export interface RecapSequence {
  date: string;
  index: number;
}

export function parseRecapSequence(raw: string): RecapSequence | null {
  const m = SEQUENCE.exec(raw.trim());
  return m ? { date: m[1]!, index: Number(m[2]) } : null;
}

/**
 * Orders two sequence numbers; negative when a sorts first. Anything that is not a sequence
 * number sorts before every sequence number (CourtListener leaves it blank on undated entries,
 * and blanks sort first in its ascending order), and such values compare as strings.
 */
export function compareRecapSequence(a: string, b: string): number {
  const pa = parseRecapSequence(a);
  const pb = parseRecapSequence(b);
  if (pa && pb) return pa.date < pb.date ? -1 : pa.date > pb.date ? 1 : pa.index - pb.index;
  if (pa) return 1;
  if (pb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
