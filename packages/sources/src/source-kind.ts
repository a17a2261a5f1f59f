/**
 * A source kind is one module implementing `SourceKind`, listed once in `source-kinds.ts`. Everything
 * that varies by kind lives on its object: parsing and detection, how documents arrive (polled or
 * pushed), its catalogue entries and its default interval. Packages above (db, catalogue, ingest,
 * the poller, the API) derive their lists from the registry instead of repeating them.
 *
 * This package sits below db, so a poll driver sees only the structural types below; the poller
 * passes the few stored facts a driver needs as functions.
 */
import type { ParsedDocument } from '@docketwatch/core';
import type { PollHttp } from '@docketwatch/http';
import { z } from 'zod';
import type { CourtListenerClient } from './courtlistener';

export interface ParserOptions {
  /** Court id for feeds that do not name their own. */
  court?: string;
}

/** `text` is the decoded document; `raw` is what arrived, for formats that decode themselves (mail). */
export type Parser = (text: string, options: ParserOptions, raw: string | Buffer) => ParsedDocument | Promise<ParsedDocument>;

/** What a poll driver sees of its source row. */
export interface PolledSource {
  name: string;
  /** The URL a polled source is fetched from (see the sources table's `address`). */
  address: string;
  court: string | null;
  docket_id: number | null;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  config: Record<string, unknown>;
  state: Record<string, unknown>;
}

/** What a poll driver sees of a tracked docket. */
export interface PolledDocket {
  id: number;
  court: string;
  docket_number: string;
  case_name: string;
  pacer_case_id: string | null;
}

/** The stored facts a driver reads or writes, passed in because this package never imports db. */
export interface PollLookups {
  /** Item URLs already stored with their text (press rooms skip their pages). */
  knownItemUrls(urls: string[]): Promise<Set<string>>;
  getDocket(id: number): Promise<PolledDocket | undefined>;
  /** The CourtListener docket ids pinned to a docket (one case can have several). */
  courtListenerIdsOf(docketId: number): Promise<number[]>;
  pinCourtListenerDocket(docketId: number, courtListenerId: number): Promise<void>;
}

export interface PollLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface PollContext {
  source: PolledSource;
  /** GETs only, each bounded by the source's own deadline. */
  http: PollHttp;
  log: PollLog;
  lookups: PollLookups;
  /** Null when no COURTLISTENER_TOKEN is configured. */
  courtListener: CourtListenerClient | null;
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

/** Fetches a polled source (conditionally) and hands a parsed document over; parsing stays pure. */
export type PollDriver = (ctx: PollContext) => Promise<Fetched>;

/**
 * Pushed documents (mail, uploads, webhooks). `parse` is absent when the document needs stored
 * facts to be read (CourtListener webhooks: ingest resolves their dockets).
 */
export interface PushArrival {
  by: 'push';
  parse?: (raw: Buffer) => Promise<ParsedDocument>;
  /** A person may upload a file into a source of this kind (POST /api/sources/:id/documents). */
  uploadable: boolean;
  /** What arrives is history, stored without alerts (a saved docket report). */
  history: boolean;
}

export type Arrival = { by: 'poll'; poll: PollDriver } | PushArrival;

/** The catalogue's YAML sections that list sources. `docketSources` are `matters[].dockets[].sources`. */
export type CatalogueSection = 'docketSources' | 'feeds' | 'pressRooms' | 'pages' | 'mailboxes' | 'webhooks';

/** A source row as a catalogue entry describes it (the kind, and for docket sources the docket, are added). */
export interface CatalogueSourceRow {
  name: string;
  /** The source's address: its URL, or a pushed kind's receiving address (`mailto:` …). */
  address: string;
  court?: string | null;
  intervalSeconds: number;
  config?: Record<string, unknown>;
}

/** The docket a `docketSources` entry belongs to; null in the other sections. */
export interface CatalogueDocket {
  court: string;
  number: string;
}

export interface CatalogueEntry<Schema extends z.ZodObject = z.ZodObject> {
  section: CatalogueSection;
  /** The entry's YAML shape. In a section with several kinds it carries `kind: z.literal(<id>)`. */
  schema: Schema;
  toSource(entry: z.output<Schema>, docket: CatalogueDocket | null): CatalogueSourceRow;
}

export interface SourceKind<Id extends string = string> {
  id: Id;
  arrives: Arrival;
  /** Parses one document of this kind (`docketwatch parse`); absent for kinds that only poll an API or a page. */
  parse?: Parser;
  /** Recognises a document of this kind by its content; kinds are tried in registry order. */
  detect?: (text: string) => boolean;
  catalogue: readonly CatalogueEntry[];
  /** How often a polled source is checked unless its catalogue entry says otherwise. */
  defaultIntervalSeconds: number;
}

/** Options every source's entry takes, whatever its kind; they are kept in the source's config. */
const SOURCE_OPTIONS = {
  ignoreRobots: z.boolean().optional().describe("poll even where the site's robots.txt disallows it: only with the site's permission"),
};

/** An entry in one of the catalogue's own sections, its `toSource` typed by its own schema. */
export function catalogueEntry<Schema extends z.ZodObject>(
  section: Exclude<CatalogueSection, 'docketSources'>,
  schema: Schema,
  toSource: (entry: z.output<Schema>) => CatalogueSourceRow,
): CatalogueEntry {
  return withSourceOptions(section, schema, toSource as CatalogueEntry['toSource']);
}

/** An entry under `matters[].dockets[].sources`: a source of that one docket. */
export function docketSourceEntry<Schema extends z.ZodObject>(
  schema: Schema,
  toSource: (entry: z.output<Schema>, docket: CatalogueDocket) => CatalogueSourceRow,
): CatalogueEntry {
  return withSourceOptions('docketSources', schema, toSource as CatalogueEntry['toSource']);
}

/** The kind's entry with SOURCE_OPTIONS added: its own toSource never sees them; they go into the row's config. */
function withSourceOptions(section: CatalogueSection, schema: z.ZodObject, toSource: CatalogueEntry['toSource']): CatalogueEntry {
  return {
    section,
    schema: schema.extend(SOURCE_OPTIONS),
    toSource: (entry, docket) => {
      const { ignoreRobots, ...own } = entry as { ignoreRobots?: boolean };
      const row = toSource(own, docket);
      // Only a permission is stored: an unticked box (false) is the default, not a setting.
      return ignoreRobots ? { ...row, config: { ...row.config, ignoreRobots: true } } : row;
    },
  };
}

/** Pushed kinds are not polled; their sources keep a nominal daily interval. */
export const PUSHED_INTERVAL_SECONDS = 86400;
