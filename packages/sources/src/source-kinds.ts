/**
 * The registry: every source kind docketwatch knows, once. Adding a kind is a folder with its
 * `<kind>.kind.ts` and one line here; db's column type, the catalogue's sections, the poller's
 * drivers and the API's upload check all derive from this list.
 */
import { ParseError, type ParsedDocument } from '@docketwatch/core';
import { courtListenerKind } from './courtlistener/courtlistener.kind';
import { courtListenerWebhookKind } from './courtlistener/courtlistener-webhook.kind';
import { discoveryKind } from './discovery/discovery.kind';
import { feedKind } from './feed/feed.kind';
import { nefEmailKind } from './nef-email/nef-email.kind';
import { pacerDocketKind } from './pacer-docket/pacer-docket.kind';
import { pacerRssKind } from './pacer-rss/pacer-rss.kind';
import { pageWatchKind } from './page-watch/page-watch.kind';
import { pressListingKind } from './press/press-listing.kind';
import { scotusDocketKind } from './scotus-docket/scotus-docket.kind';
import { scotusEmailKind } from './scotus-email/scotus-email.kind';
import type { CatalogueEntry, CatalogueSection, PollDriver, PushArrival, SourceKind } from './source-kind';

/**
 * Detection tries kinds in this order, so a kind whose documents also fit a later kind comes first:
 * CM/ECF RSS before any feed, Supreme Court mail before NEF mail.
 */
const registry = [
  pacerRssKind,
  scotusDocketKind,
  scotusEmailKind,
  feedKind,
  nefEmailKind,
  pacerDocketKind,
  courtListenerKind,
  courtListenerWebhookKind,
  pressListingKind,
  pageWatchKind,
  discoveryKind,
] as const;

export type SourceKindId = (typeof registry)[number]['id'];

/** A parsed document's format is the id of the kind whose parser made it (webhook alerts read as courtlistener). */
export type DocumentFormat = SourceKindId;

export const sourceKindList: readonly SourceKind<SourceKindId>[] = registry;

export const sourceKinds = Object.fromEntries(registry.map((kind) => [kind.id, kind])) as {
  readonly [Id in SourceKindId]: SourceKind<Id>;
};

export const sourceKindIds: readonly SourceKindId[] = registry.map((kind) => kind.id);

/** Formats `parseDocument` reads (`docketwatch parse --format`). */
export const documentFormats: readonly DocumentFormat[] = registry.filter((kind) => kind.parse).map((kind) => kind.id);

/** The kinds the scheduler claims. */
export const polledKindIds: readonly SourceKindId[] = registry.filter((kind) => kind.arrives.by === 'poll').map((kind) => kind.id);

/** The kinds a person may upload a file into. */
export const uploadableKindIds: readonly SourceKindId[] = registry
  .filter((kind) => kind.arrives.by === 'push' && kind.arrives.uploadable)
  .map((kind) => kind.id);

export function isSourceKindId(id: string): id is SourceKindId {
  return Object.hasOwn(sourceKinds, id);
}

/** How a source of this kind is polled; undefined for pushed kinds (and unknown ones). */
export function pollDriverOf(kind: string): PollDriver | undefined {
  if (!isSourceKindId(kind)) return undefined;
  const { arrives } = sourceKinds[kind];
  return arrives.by === 'poll' ? arrives.poll : undefined;
}

/** How documents pushed into a source of this kind are read; undefined for polled (and unknown) kinds. */
export function pushArrivalOf(kind: string): PushArrival | undefined {
  if (!isSourceKindId(kind)) return undefined;
  const { arrives } = sourceKinds[kind];
  return arrives.by === 'push' ? arrives : undefined;
}

/** A document pushed into a source (mail, upload), read as the source's kind says. */
export async function parseUpload(kind: string, raw: Buffer): Promise<ParsedDocument> {
  const parse = pushArrivalOf(kind)?.parse;
  if (!parse) throw new ParseError('PARSE_UNRECOGNISED', `a ${kind} source takes no uploads`);
  return parse(raw);
}

/** The entries a catalogue section lists, with their kinds, in registry order. */
export function catalogueEntriesIn(section: CatalogueSection): { kind: SourceKindId; entry: CatalogueEntry }[] {
  return registry.flatMap((kind) => kind.catalogue.filter((entry) => entry.section === section).map((entry) => ({ kind: kind.id, entry })));
}

/** The kind an entry of `section` is: the one its `kind` names, or the section's only kind (its entries name none). */
export function catalogueEntryFor(section: CatalogueSection, kind: unknown): { kind: SourceKindId; entry: CatalogueEntry } | undefined {
  const entries = catalogueEntriesIn(section);
  return entries.length === 1 ? entries[0] : entries.find((e) => e.kind === kind);
}
