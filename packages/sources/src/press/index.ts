/**
 * Press rooms and other listing pages, read through declarative presets.
 */
export { parseArticle, parseListing, parsePressListing, MAX_ITEMS_PER_PAGE } from './parse-listing';
export type { Article, Listing, ListingItem } from './parse-listing';
export { PresetError, validatePreset, MAX_PAGES_LIMIT } from './preset';
export type { DateRule, LinkRule, Preset } from './preset';
export { presets, UNVERIFIED_PRESETS } from './presets';
export { parseListingDate, DATE_FORMATS } from './dates';
export type { DateFormat } from './dates';
