/**
 * Docket numbers are written many ways for one case: "8:25-cv-951", "8:25-CV-00951-PX",
 * "8:25cv951". The canonical form is what CM/ECF prints in its own headers:
 * office:yy-type-nnnnn for district and bankruptcy cases with an office,
 * the court's own form otherwise ("25-1345", "24A949", "18-00079").
 */
const DISTRICT = /^(\d{1,2}):(\d{2})[-\s]?([a-z]{1,5})[-\s]?(\d{1,5})(?:-\d+)?(?:-[a-z]{1,5})*$/i;
const SCOTUS_APPLICATION = /^(\d{2})\s*a\s*(\d{1,5})$/i;
const YEAR_SEQUENCE = /^(\d{2})[-\s](\d{1,6})$/;

export interface DistrictDocketNumber {
  office: string;
  year: string;
  caseType: string;
  sequence: string;
}

export function parseDistrictDocketNumber(raw: string): DistrictDocketNumber | null {
  const m = DISTRICT.exec(raw.trim());
  if (!m) return null;
  const [, office, year, caseType, sequence] = m as unknown as [string, string, string, string, string];
  return { office: String(Number(office)), year, caseType: caseType.toLowerCase(), sequence: sequence.padStart(5, '0') };
}

/** Canonical docket number, or the trimmed input when it fits no known pattern. */
export function normaliseDocketNumber(raw: string): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  const district = parseDistrictDocketNumber(text);
  if (district) return `${district.office}:${district.year}-${district.caseType}-${district.sequence}`;
  const app = SCOTUS_APPLICATION.exec(text);
  if (app) return `${app[1]}A${Number(app[2])}`;
  const ys = YEAR_SEQUENCE.exec(text);
  if (ys) return `${ys[1]}-${ys[2]}`;
  return text;
}

/** True when two written docket numbers name the same case ("8:25-cv-951" and "8:25-cv-00951-PX"). */
export function sameDocketNumber(a: string, b: string): boolean {
  return normaliseDocketNumber(a).toLowerCase() === normaliseDocketNumber(b).toLowerCase();
}
