/**
 * An input that made NEF detection hang: subjects with many forwarding prefixes.
 */
import { detectFormat } from '../detect-format';
import { looksLikeNefEmail } from './detect-nef-email';

describe('NEF detection and forwarding prefixes', () => {
  // With /Fwd?|FW/i each "FW:" matched two ways: 40 of them took minutes to fail.
  it('fails at once on a subject of many "FW:" that is no NEF subject', () => {
    const mail = `From: a@example.com\nSubject: ${'FW:'.repeat(40)}x\n\nbody`;
    expect(looksLikeNefEmail(mail)).toBe(false);
    expect(detectFormat(mail)).toBeNull();
  });

  it.each([
    'FW: Fwd: RE: fw:Activity in Case 1:20-cv-1 A v. B Order',
    'Fwd: Multiple Cases "Complaint" - AP -',
    'Activity in Case 1:20-cv-1',
  ])('still sees the NEF subject behind "%s"', (subject) => {
    expect(looksLikeNefEmail(`From: a@example.com\nSubject: ${subject}\n\nbody`)).toBe(true);
  });
});
