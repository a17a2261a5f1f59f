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
