/** Short citation names for the courts docketwatch ships with; any other id is shown as itself. */
const COURT_NAMES: Record<string, string> = {
  scotus: 'Supreme Court',
  ca1: '1st Cir.',
  ca2: '2d Cir.',
  ca3: '3d Cir.',
  ca4: '4th Cir.',
  ca5: '5th Cir.',
  ca6: '6th Cir.',
  ca7: '7th Cir.',
  ca8: '8th Cir.',
  ca9: '9th Cir.',
  ca10: '10th Cir.',
  ca11: '11th Cir.',
  cadc: 'D.C. Cir.',
  cafc: 'Fed. Cir.',
  mdd: 'D. Md.',
  mdb: 'Bankr. D. Md.',
  dcd: 'D.D.C.',
  txnd: 'N.D. Tex.',
  nysd: 'S.D.N.Y.',
  nyed: 'E.D.N.Y.',
};

export function courtName(court: string): string {
  return COURT_NAMES[court] ?? court.toUpperCase();
}

export type CourtLevel = 'supreme' | 'appellate' | 'district' | 'bankruptcy' | 'other';

/**
 * A federal court's level from its CourtListener id: ca1…ca11, cadc and cafc are the courts of
 * appeals; district ids are the state (and district) letters ending in "d" (mdd, txsd, dcd, nmid),
 * bankruptcy ids end in "b" (mdb, txsb). Anything else (cit, cofc, jpml, a state court) is "other".
 */
export function courtLevel(court: string): CourtLevel {
  if (court === 'scotus') return 'supreme';
  if (/^ca(?:\d{1,2}|dc|fc)$/.test(court)) return 'appellate';
  if (/^[a-z]{2,4}d$/.test(court)) return 'district';
  if (/^[a-z]{2,4}b$/.test(court)) return 'bankruptcy';
  return 'other';
}
