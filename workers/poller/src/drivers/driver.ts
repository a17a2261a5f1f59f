import type { ParsedDocument } from '@docketwatch/core';
import type { Db, Source } from '@docketwatch/db';
import type { HttpClient } from '@docketwatch/http';
import type { Logger } from '@docketwatch/log';

export interface PollContext {
  source: Source;
  http: HttpClient;
  db: Db;
  log: Logger;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

/** What one look at a source found. */
export type Fetched =
  | { kind: 'not-modified' }
  | { kind: 'unchanged'; validators: Validators }
  | { kind: 'document'; document: ParsedDocument; validators: Validators; state?: Record<string, unknown> };

/** How docketwatch reads one kind of polled source. Parsing stays pure; a driver only fetches and hands over. */
export interface SourceDriver {
  poll(ctx: PollContext): Promise<Fetched>;
}
