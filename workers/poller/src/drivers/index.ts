import type { SourceKind } from '@docketwatch/db';
import type { CourtListenerClient } from '@docketwatch/sources';
import { courtListenerDriver } from './courtlistener';
import type { SourceDriver } from './driver';
import { httpDocumentDriver } from './http-document';
import { pageWatchDriver } from './page-watch';
import { pressListingDriver } from './press-listing';

export * from './driver';

export type DriverSet = Partial<Record<SourceKind, SourceDriver>>;

/** Polled source kinds and how each is read. Push kinds (e-mail, webhooks, uploads) have no driver. */
export function createDrivers(options: { courtListener: CourtListenerClient | null }): DriverSet {
  return {
    'pacer-rss': httpDocumentDriver('pacer-rss'),
    'scotus-docket': httpDocumentDriver('scotus-docket'),
    courtlistener: courtListenerDriver(options.courtListener),
    feed: httpDocumentDriver('feed'),
    'press-listing': pressListingDriver,
    'page-watch': pageWatchDriver,
  };
}

/** The kinds the scheduler claims: every kind with a driver. */
export const POLLED_KINDS = Object.keys(createDrivers({ courtListener: null })) as SourceKind[];
