/**
 * CourtListener (Free Law Project): REST API v4 polling of docket entries, and Docket Alert
 * webhooks. Parsers are pure; CourtListenerClient does the fetching through packages/http.
 */
export { parseDocketEntriesPage } from './parse-docket-entries';
export type { DocketEntriesContext, DocketEntriesPage } from './parse-docket-entries';
export { parseDocketAlertWebhook, readDocketAlertWebhook, resolveDocketAlert } from './parse-docket-alert';
export type { DocketAlertEvent, DocketAlertGroup, DocketLookup, DocketRef, ParsedDocketAlert } from './parse-docket-alert';
export { COURTLISTENER_WEBHOOK_SENDERS, createWebhookSenderCheck, verifyWebhookSender } from './courtlistener-sender-check';
export { CourtListenerClient, DEFAULT_BASE_URL, DEFAULT_MAX_PAGES, DEFAULT_MIN_INTERVAL_MS } from './client';
export type { CourtListenerClientOptions, DocketEntriesBatch, DocketEntriesResult, FetchEntriesOptions } from './client';
export type { CourtListenerDocket } from './parse-dockets';
export { DOCKET_ALERT_SUBSCRIPTION } from './parse-docket-alerts';
export { syncDocketAlerts } from './sync-docket-alerts';
export type { DocketAlertSync } from './sync-docket-alerts';
export type { CourtListenerDocketAlert } from './parse-docket-alerts';
export type { ModifiedCursor } from './modified-cursor';
export type { CourtListenerDocument, CourtListenerEntry } from './read-entry';
export { FREE_ACCOUNT_LIMITS } from './request-budget';
export { budgetedIntervalSeconds, effectiveIntervalSeconds, SharedRequestBudget } from './shared-request-budget';
export type { ApiRequestBudget, RequestLedger, WindowRemaining } from './shared-request-budget';
export type { RateWindow } from './request-budget';
export { compareRecapSequence } from './recap-sequence';
