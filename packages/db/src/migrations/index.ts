import type { Migration } from 'kysely';
import * as initial from './2026-11-22-001-initial';
import * as sourcesItemsMatching from './2026-11-22-002-sources-items-matching';
import * as delivery from './2026-11-22-003-delivery';
import * as subscriptionConfirmExpiry from './2026-12-04-004-subscription-confirm-expiry';
import * as fullTextSearch from './2026-12-04-005-full-text-search';
import * as matterArchive from './2026-12-04-006-matter-archive';
import * as apiTokenScopes from './2026-12-04-007-api-token-scopes';
import * as sourceAddress from './2026-12-04-008-source-address';
import * as sourcePolls from './2026-12-04-009-source-polls';
import * as operatorNotices from './2026-12-04-012-operator-notices';
import * as caseDiscovery from './2026-12-04-011-case-discovery';
import * as courtListenerDockets from './2026-12-04-010-courtlistener-dockets';

/** Every migration, by name; names sort in the order they run. Add new ones here. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-001-initial': initial,
  '2026-11-22-002-sources-items-matching': sourcesItemsMatching,
  '2026-11-22-003-delivery': delivery,
  '2026-12-04-004-subscription-confirm-expiry': subscriptionConfirmExpiry,
  '2026-12-04-005-full-text-search': fullTextSearch,
  '2026-12-04-006-matter-archive': matterArchive,
  '2026-12-04-007-api-token-scopes': apiTokenScopes,
  '2026-12-04-008-source-address': sourceAddress,
  '2026-12-04-009-source-polls': sourcePolls,
  '2026-12-04-012-operator-notices': operatorNotices,
  '2026-12-04-011-case-discovery': caseDiscovery,
  '2026-12-04-010-courtlistener-dockets': courtListenerDockets,
};
