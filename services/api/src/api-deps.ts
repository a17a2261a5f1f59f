import type { Db } from '@docketwatch/db';
import type { Logger, Metrics } from '@docketwatch/log';
import type { QueueSet, RedisConnection } from '@docketwatch/queue';
import type { OneTimeLogins } from './one-time-logins';
import type { RenderedEmail } from '@docketwatch/notify';
import type { RateWindow } from '@docketwatch/sources';

/** What the API's routes are given: each route file receives these, and none imports the server. */
export interface ApiDeps {
  db: Db;
  log: Logger;
  /** Resolves when Redis answers; rejects otherwise. */
  pingRedis: () => Promise<void>;
  /** Shown in the UI: where mail goes. */
  mailMode: 'smtp' | 'local';
  /** The process's queues, shown to admins on the queue dashboard (/admin/queues); absent, there is none. */
  queues?: QueueSet;
  /** Enqueues one poll of a source now (an admin's "Poll now"); without it the button says polls are not queued here. */
  pollNow?: (sourceId: number) => Promise<void>;
  /** Queues the ingest of a webhook event kept on receipt; without it, the poller's sweep finds the event. */
  ingestWebhook?: (messageId: number) => Promise<void>;
  /** Wakes the notifier when the API wrote outbox events (an upload, a subscription). */
  onEvents?: (count: number) => Promise<void>;
  /** Links in mail and feeds point here. */
  publicUrl: string;
  /** Signs unsubscribe and feed links (the installation secret). */
  linkSecret: string;
  /** Sends an account mail the API rendered: a confirmation, an "already subscribed" or a manage link. */
  sendMail?: (to: string, mail: RenderedEmail) => Promise<void>;
  /** Holds rate limits across processes; without it (unit tests) each server counts alone, in memory. */
  redis?: { connection: RedisConnection; prefix: string };
  /** Defaults: DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimits;
  /** How long an admin session lasts (default 12). */
  adminSessionHours?: number;
  /** Behind a reverse proxy: which proxies' X-Forwarded-For to believe (rate limits key on the client's address). */
  trustProxy?: boolean | string[];
  /** The process's metrics, served at /metrics; absent, the API makes its own (request timings and Node's). */
  metrics?: Metrics;
  /** Single-use admin sign-in links this process hands out (embedded mode prints one at start). */
  adminLogins?: OneTimeLogins;
  /** The CourtListener account's throttle, which paces its sources (shown as their effective interval). Default: a new account's. */
  courtListenerLimits?: readonly RateWindow[];
}

export interface RateLimits {
  /** Requests one client may make per minute, to any endpoint. */
  requestsPerMinute: number;
  /** Mails the API may send one address per hour, however many clients ask. */
  mailsPerAddressPerHour: number;
  /** Mails one client may cause per hour, whatever addresses it names. */
  mailsPerClientPerHour: number;
}
