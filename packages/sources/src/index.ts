export * from './detect-format';
export { parsePacerRss } from './pacer-rss/parse-pacer-rss';
export { parseScotusDocket, parseScotusDocketHtml, parseScotusDocketJson } from './scotus-docket';
export { harmonizeCaseName } from './case-name';
export {
  parseScotusEmail,
  parseScotusMessage,
  parseScotusConfirmationEmail,
  readScotusConfirmation,
  parseScotusConfirmationPage,
  decodeScotusEmail,
} from './scotus-email';
export type { ScotusConfirmation, ScotusConfirmationPage, ScotusMailMessage } from './scotus-email';
export * from './courtlistener';
export { parseFeed, parseIsoDateTime } from './feed';
export {
  parseListing,
  parseArticle,
  parsePressListing,
  presets,
  validatePreset,
  PresetError,
  UNVERIFIED_PRESETS,
  parseListingDate,
} from './press';
export type { Preset, ListingItem } from './press';
export { extractRegion, diffRegion, pageWatchItems, pageWatchDocument } from './page-watch';
export type { RegionDiff } from './page-watch';
export { parseNefEmail, parseNefMessage, looksLikeNefEmail } from './nef-email';
export type { NefMessage } from './nef-email';
export { parseInboundEmail } from './inbound';
export * from './source-kind';
export * from './source-kinds';
export { courtId, httpUrl, parseDuration } from './catalogue-fields';
export { detectPacerDocket, parsePacerDocket, parseDistrictDocket, parseAppellateDocket, parseAcmsDocket } from './pacer-docket';
export { savedSearchOf, recapSearchUrl, readRecapSearchPage } from './discovery';
export type { RecapSearch } from './discovery';
