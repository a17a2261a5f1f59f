/** Discovery: saved searches for new cases (CourtListener's RECAP search). */
export { savedSearchOf } from './poll-discovery';
export { readRecapSearchPage, recapSearchUrl } from '../courtlistener/parse-search';
export type { RecapSearch } from '../courtlistener/parse-search';
