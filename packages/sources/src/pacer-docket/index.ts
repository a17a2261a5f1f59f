/**
 * CM/ECF docket reports (what a PACER user saves to backfill a case's history): district and
 * appellate docket pages and ACMS docket JSON.
 */
export { detectPacerDocket, parsePacerDocket } from './parse-pacer-docket';
export { parseDistrictDocket } from './parse-district-docket';
export { parseAppellateDocket } from './parse-appellate-docket';
export { parseAcmsDocket } from './parse-acms-docket';
export type { ParsePacerDocketOptions } from './pacer-common';
