import { courtListenerIdsOf, getDocket, knownItemUrls, pinCourtListenerDocket, type Db } from '@docketwatch/db';
import type { PollLookups } from '@docketwatch/sources';

/** The stored facts poll drivers may read or write, bound to this database. */
export function pollLookups(db: Db): PollLookups {
  return {
    knownItemUrls: (urls) => knownItemUrls(db, urls),
    getDocket: (id) => getDocket(db, id),
    courtListenerIdsOf: (docketId) => courtListenerIdsOf(db, docketId),
    pinCourtListenerDocket: (docketId, courtListenerId) => pinCourtListenerDocket(db, docketId, courtListenerId),
  };
}
