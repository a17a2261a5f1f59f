import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CaseReason, DiscoveryRule } from '@docketwatch/core';
import type { SourceKindId } from '@docketwatch/sources';

/** Column types as Kysely sees them. Timestamps are timestamptz; `now()` defaults are Generated. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
/** A generated tsvector column: selected only inside search queries, never inserted or updated. */
type SearchVector = ColumnType<string | null, never, never>;

export interface MatterTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  aliases: Json<string[]>;
  keywords: ColumnType<string[], string | undefined, string>;
  /** Set when an admin archives the matter: it leaves the home page and its events alert no one. */
  archived_at: NullableTimestamp;
  /** How new cases are recognised as this matter's (packages/core's match-case); null: none are looked for. */
  discovery: ColumnType<DiscoveryRule | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface DocketTable {
  id: Generated<number>;
  matter_id: number;
  court: string;
  docket_number: string;
  pacer_case_id: string | null;
  case_name: string;
  /** Every caption seen for this docket, oldest first (A.A.R.P. v. Trump later became W.M.M. v. Trump). */
  captions: Json<string[]>;
  /** Lower-court case numbers a Supreme Court docket names, as written. */
  lower_court_cases: ColumnType<string[], string | undefined, string>;
  created_at: CreatedAt;
}

/** A source's kind: one of the registry's ids (type only: db has no runtime use of the parsers). */
export type SourceKind = SourceKindId;
/** `layout-changed`: a source that had worked now finds nothing where its page used to have it (told at once, not after five tries). */
export type SourceHealth = 'new' | 'ok' | 'degraded' | 'failing' | 'layout-changed';

/** What an operator is told about a source; `recovered` ends any of the others. */
export type SourceCondition = 'failing' | 'layout-changed' | 'silent';

export interface SourceTable {
  id: Generated<number>;
  kind: SourceKind;
  name: string;
  /**
   * Where the source is, and its identity: the URL a polled kind fetches, or a pushed kind's
   * receiving address (`mailto:` a mailbox, `courtlistener-webhook:` a receiver, `courtlistener:` a
   * docket read through the API).
   */
  address: string;
  /** Court a multi-case feed belongs to (CM/ECF RSS); null for single-docket sources. */
  court: string | null;
  docket_id: number | null;
  interval_seconds: number;
  enabled: Generated<boolean>;
  next_check_at: Timestamp;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  consecutive_failures: Generated<number>;
  last_error: string | null;
  last_error_code: string | null;
  health: Generated<SourceHealth>;
  last_checked_at: NullableTimestamp;
  last_success_at: NullableTimestamp;
  /** Set by the first successful poll: what was there before it is history, not news. */
  baseline_at: NullableTimestamp;
  config: ColumnType<Record<string, unknown>, string | undefined, string>;
  state: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  /** The condition the operator was last told of (null: fine, or never reported). */
  reported_condition: SourceCondition | null;
}

/** One poll of a source: what it found, or why it failed (the newest few per source are kept). */
export interface OperatorNoticeTable {
  id: Generated<number>;
  source_id: number;
  condition: SourceCondition | 'recovered';
  detail: string;
  created_at: CreatedAt;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
}

export interface SourcePollTable {
  id: Generated<number>;
  source_id: number;
  polled_at: CreatedAt;
  /** not-modified, unchanged, stored or failed. */
  outcome: string;
  error_code: string | null;
  /** New entries and items the poll stored. */
  created: ColumnType<number, number | undefined, number>;
  duration_ms: ColumnType<number, number | undefined, number>;
}

export interface EntryTable {
  id: Generated<number>;
  docket_id: number;
  /** Identity of the filing within its docket, the same whichever source saw it (see entryNaturalKey). */
  natural_key: string;
  entry_number: string | null;
  filed_at: string;
  filed_at_ts: Timestamp;
  short_description: string;
  description: string;
  document_url: string | null;
  pacer_doc_id: string | null;
  attachments: Json<unknown[]>;
  content_hash: string;
  class: ColumnType<string, string | undefined, string>;
  first_seen_at: CreatedAt;
  updated_at: Timestamp;
  /** Kept by Postgres (a generated tsvector of the texts): read by search, never written. */
  search: SearchVector;
}

export interface SightingTable {
  id: Generated<number>;
  entry_id: number;
  source_id: number;
  content_hash: string | null;
  first_seen_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface ItemTable {
  id: Generated<number>;
  url: string;
  title: string;
  published_at: string | null;
  published_at_ts: Date | null;
  summary: string;
  text: string;
  publisher: string | null;
  enclosures: Json<{ url: string; type: string | null }[]>;
  content_hash: string;
  first_seen_at: CreatedAt;
  updated_at: Timestamp;
  /** Kept by Postgres (a generated tsvector of title, summary and text): read by search, never written. */
  search: SearchVector;
}

export interface ItemSightingTable {
  id: Generated<number>;
  item_id: number;
  source_id: number;
  first_seen_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface MatchReason {
  kind: 'alias' | 'keyword' | 'docket-number' | 'source' | 'manual';
  value: string;
  excerpt: string;
}

export interface MatterItemTable {
  id: Generated<number>;
  matter_id: number;
  item_id: number;
  reasons: Json<MatchReason[]>;
  removed_at: NullableTimestamp;
  removed_by: string | null;
  created_at: CreatedAt;
}

/** `quarantined`: kept but never ingested, since it is not authenticated as the court's (or links elsewhere). */
export type InboundStatus = 'received' | 'ingested' | 'failed' | 'quarantined';

export interface InboundMessageTable {
  id: Generated<number>;
  source_id: number | null;
  channel: 'smtp' | 'upload' | 'webhook';
  sender: string | null;
  recipient: string | null;
  raw: Buffer;
  status: ColumnType<InboundStatus, InboundStatus | undefined, InboundStatus>;
  error: string | null;
  received_at: CreatedAt;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  /** ApiScope values (packages/core), as a JSON array. */
  scopes: ColumnType<string[], string | undefined, string>;
  /** Refused from this time on; null: never expires. */
  expires_at: NullableTimestamp;
}

export interface WebhookReceiptTable {
  key: string;
  source_id: number | null;
  received_at: CreatedAt;
}

export type OutboxKind = 'entry.created' | 'entry.updated' | 'item.attached' | 'case.discovered';

export interface OutboxEventTable {
  id: Generated<number>;
  kind: OutboxKind;
  entry_id: number | null;
  docket_id: number | null;
  item_id: number | null;
  /** The new case a `case.discovered` event tells of. */
  case_proposal_id: number | null;
  matter_id: number;
  created_at: CreatedAt;
  /** Set once deliveries have been created for every matching subscription. */
  fanned_out_at: NullableTimestamp;
}

/**
 * A channel's id (email, slack, webhook, feed, teams, discord, ntfy…). The channel registry in
 * packages/notify is the list of valid ids; the database only stores them, so adding a channel
 * needs no migration.
 */
export type ChannelId = string;
/** `paused`: the owner stopped alerts and digests for a while, from the manage page. */
export type SubscriptionStatus = 'pending' | 'active' | 'paused' | 'unsubscribed' | 'disabled';
export type SourceFilter = 'all' | 'courts' | 'press';
export type DeliveryMode = 'immediate' | 'digest';

export interface SubscriptionTable {
  id: Generated<number>;
  /** Follows a whole matter, or (when docket_id is set) one docket; null with a query: a saved search. */
  matter_id: number | null;
  docket_id: number | null;
  channel: ChannelId;
  /** An e-mail address, a Slack incoming-webhook URL or a webhook URL (URLs are secrets: never logged). */
  target: string;
  label: string;
  /** Saved-search words: every word must appear in the entry or item. */
  query: string | null;
  /** Entry classes to include; null for all. */
  classes: ColumnType<string[] | null, string | null | undefined, string | null>;
  source_filter: ColumnType<SourceFilter, SourceFilter | undefined, SourceFilter>;
  mode: ColumnType<DeliveryMode, DeliveryMode | undefined, DeliveryMode>;
  time_zone: ColumnType<string, string | undefined, string>;
  digest_hour: ColumnType<number, number | undefined, number>;
  digest_send_empty: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<SubscriptionStatus, SubscriptionStatus | undefined, SubscriptionStatus>;
  confirm_token_hash: string | null;
  /** The confirmation link stops working at this time. */
  confirm_expires_at: NullableTimestamp;
  confirmed_at: NullableTimestamp;
  unsubscribed_at: NullableTimestamp;
  owner_email: string | null;
  webhook_secrets: ColumnType<string[], string | undefined, string>;
  /** Also told when a new case is found for the matter (off for subscriptions made before there were any). */
  new_cases: ColumnType<boolean, boolean | undefined, boolean>;
  last_digest_at: NullableTimestamp;
  created_at: CreatedAt;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface DeliveryTable {
  id: Generated<number>;
  event_id: number;
  subscription_id: number;
  channel: ChannelId;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: CreatedAt;
}

export interface DigestRunTable {
  id: Generated<number>;
  subscription_id: number;
  window_start: Timestamp;
  window_end: Timestamp;
  status: ColumnType<'claimed' | 'sent' | 'skipped' | 'failed', string | undefined, string>;
  claimed_at: CreatedAt;
  sent_at: NullableTimestamp;
  items: ColumnType<number, number | undefined, number>;
  error: string | null;
}

/**
 * `proposed`: waiting for an admin; `accepted`: an admin made it a docket of the matter; `attached`:
 * the matter's rule attached it at once; `rejected`: stays rejected, however often it is found again.
 */
export type CaseProposalStatus = 'proposed' | 'accepted' | 'attached' | 'rejected';

/** A new case found by a search or a court feed and matched to a matter's discovery rule. */
export interface CaseProposalTable {
  id: Generated<number>;
  matter_id: number;
  court: string;
  docket_number: string;
  case_name: string;
  courtlistener_id: number | null;
  pacer_case_id: string | null;
  /** YYYY-MM-DD, when the source says. */
  filed_on: string | null;
  nature_of_suit: ColumnType<string, string | undefined, string>;
  cause: ColumnType<string, string | undefined, string>;
  url: string | null;
  /** The source that found it (null once that source is deleted; found_by still says what it was). */
  source_id: number | null;
  /** The source's name and, for a search, its query. */
  found_by: string;
  reasons: Json<CaseReason[]>;
  status: ColumnType<CaseProposalStatus, CaseProposalStatus | undefined, CaseProposalStatus>;
  /** The docket it became, once accepted or attached. */
  docket_id: number | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface SettingTable {
  key: string;
  value: string;
  created_at: CreatedAt;
}

/** A CourtListener docket id pinned to one of our dockets; a docket may have several. */
export interface CourtListenerDocketTable {
  courtlistener_id: number;
  docket_id: number;
  pinned_at: CreatedAt;
}

export interface OutboxMailTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Json<Record<string, string>>;
  created_at: CreatedAt;
}

export interface Database {
  matters: MatterTable;
  dockets: DocketTable;
  courtlistener_dockets: CourtListenerDocketTable;
  sources: SourceTable;
  source_polls: SourcePollTable;
  operator_notices: OperatorNoticeTable;
  entries: EntryTable;
  sightings: SightingTable;
  outbox_events: OutboxEventTable;
  subscriptions: SubscriptionTable;
  deliveries: DeliveryTable;
  local_mail: OutboxMailTable;
  items: ItemTable;
  item_sightings: ItemSightingTable;
  matter_items: MatterItemTable;
  webhook_receipts: WebhookReceiptTable;
  inbound_messages: InboundMessageTable;
  api_tokens: ApiTokenTable;
  digest_runs: DigestRunTable;
  settings: SettingTable;
  case_proposals: CaseProposalTable;
}

export type Matter = Selectable<MatterTable>;
export type Docket = Selectable<DocketTable>;
export type Source = Selectable<SourceTable>;
export type OperatorNotice = Selectable<OperatorNoticeTable>;
export type NewSource = Insertable<SourceTable>;
export type SourceUpdate = Updateable<SourceTable>;
export type Entry = Selectable<EntryTable>;
export type Subscription = Selectable<SubscriptionTable>;
export type Delivery = Selectable<DeliveryTable>;
export type LocalMail = Selectable<OutboxMailTable>;
export type Item = Selectable<ItemTable>;
export type MatterItem = Selectable<MatterItemTable>;
export type CaseProposal = Selectable<CaseProposalTable>;
