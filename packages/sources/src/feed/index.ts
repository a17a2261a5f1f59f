/**
 * Generic feeds: RSS 2.0, RDF (RSS 1.0), Atom and iTunes podcast feeds, as items.
 */
export { parseFeed, resolveHttpUrl, MAX_SUMMARY_CHARS } from './parse-feed';
export { parseIsoDateTime } from './iso-date';
export type { IsoDateOptions } from './iso-date';
