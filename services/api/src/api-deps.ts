import type { Db } from '@docketwatch/db';
import type { Logger } from '@docketwatch/log';

/** What the API's routes are given: each route file receives these, and none imports the server. */
export interface ApiDeps {
  db: Db;
  log: Logger;
  /** Resolves when Redis answers; rejects otherwise. */
  pingRedis: () => Promise<void>;
  /** Shown in the UI: where mail goes. */
  mailMode: 'smtp' | 'local';
  /** Wakes the notifier when an upload or webhook produced outbox events. */
  onEvents?: (count: number) => Promise<void>;
  /** Links in mail and feeds point here. */
  publicUrl: string;
  /** Signs unsubscribe and feed links (the installation secret). */
  linkSecret: string;
  /** Sends the double opt-in mail for a new e-mail subscription. */
  sendConfirmation?: (to: string, confirmUrl: string, what: string) => Promise<void>;
}
