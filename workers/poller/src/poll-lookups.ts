import { getDocket, knownItemUrls, setDocketCourtListenerId, type Db } from '@docketwatch/db';
import type { PollLookups } from '@docketwatch/sources';

/** The stored facts poll drivers may read or write, bound to this database. */
export function pollLookups(db: Db): PollLookups {
  return {
    knownItemUrls: (urls) => knownItemUrls(db, urls),
    getDocket: (id) => getDocket(db, id),
    setDocketCourtListenerId: (docketId, courtListenerId) => setDocketCourtListenerId(db, docketId, courtListenerId),
  };
}
