import { sql } from 'kysely';
import type { Db } from './connect';
import type { InboundMessageTable, InboundStatus, Source } from './schema';

export type InboundChannel = InboundMessageTable['channel'];

/** The push source (NEF or Supreme Court mail) that receives mail at this address, if any. */
export async function findMailSource(db: Db, address: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('address', '=', `mailto:${address.trim().toLowerCase()}`)
    .where('enabled', '=', true)
    .executeTakeFirst();
}

/** The enabled CourtListener webhook source whose receiving URL carries a secret with this hash. */
export async function findWebhookSource(db: Db, secretHash: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '=', 'courtlistener-webhook')
    .where('address', '=', `courtlistener-webhook:${secretHash}`)
    .where('enabled', '=', true)
    .executeTakeFirst();
}

export async function recordInboundMessage(
  db: Db,
  message: {
    sourceId: number | null;
    channel: InboundChannel;
    sender: string | null;
    recipient: string | null;
    raw: Buffer;
    /** A message kept without being ingested (quarantined) says so, and why, as it is stored. */
    status?: InboundStatus;
    error?: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('inbound_messages')
    .values({
      source_id: message.sourceId,
      channel: message.channel,
      sender: message.sender,
      recipient: message.recipient,
      raw: message.raw,
      status: message.status,
      error: message.error ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markInboundMessage(
  db: Db,
  id: number,
  status: Exclude<InboundStatus, 'received'>,
  error: string | null = null,
): Promise<void> {
  await db.updateTable('inbound_messages').set({ status, error }).where('id', '=', id).execute();
}

export interface KeptInboundMessage {
  id: number;
  sourceId: number | null;
  channel: InboundChannel;
  status: InboundStatus;
  error: string | null;
  raw: Buffer;
}

/** Kept inbound messages to ingest again: these ids, or else every one that failed. */
export async function listInboundMessagesToReplay(db: Db, ids: number[] = []): Promise<KeptInboundMessage[]> {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'source_id as sourceId', 'channel', 'status', 'error', 'raw'])
    .$if(ids.length > 0, (qb) => qb.where('id', 'in', ids))
    .$if(ids.length === 0, (qb) => qb.where('status', '=', 'failed'))
    .orderBy('id')
    .execute();
}

export interface InboundMessageSummary {
  id: number;
  sourceId: number | null;
  channel: InboundChannel;
  sender: string | null;
  recipient: string | null;
  status: InboundStatus;
  error: string | null;
  receivedAt: Date;
  bytes: number;
}

/** Kept inbound messages, newest first, without their bodies: for the admin's review of quarantined mail. */
export async function listInboundMessages(
  db: Db,
  filter: { status?: InboundStatus; limit: number; beforeId?: number },
): Promise<InboundMessageSummary[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select(['id', 'source_id as sourceId', 'channel', 'sender', 'recipient', 'status', 'error', 'received_at as receivedAt'])
    .select((eb) => eb.fn<number>('octet_length', ['raw']).as('bytes'))
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!))
    .$if(filter.beforeId !== undefined, (qb) => qb.where('id', '<', filter.beforeId!))
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

/** How many kept messages have this status (the admin's count of quarantined mail). */
export async function countInboundMessages(db: Db, status: InboundStatus): Promise<number> {
  const row = await db
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One kept message as received, for the admin to read. */
export async function getInboundMessageRaw(db: Db, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('inbound_messages').select('raw').where('id', '=', id).executeTakeFirst();
  return row?.raw;
}

/** Records a webhook delivery key; false when it was seen before (the sender retried). */
export async function claimWebhookReceipt(db: Db, key: string, sourceId: number | null): Promise<boolean> {
  const row = await db
    .insertInto('webhook_receipts')
    .values({ key, source_id: sourceId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** One kept inbound message, with its body. */
export async function getInboundMessage(db: Db, id: number): Promise<KeptInboundMessage | undefined> {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'source_id as sourceId', 'channel', 'status', 'error', 'raw'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Webhook events kept on receipt and still not ingested this long after: their job was lost (Redis
 * flushed, a worker killed before it began). Oldest first.
 */
export async function listWebhooksAwaitingIngest(db: Db, options: { olderThanSeconds: number; limit: number }): Promise<number[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('status', '=', 'received')
    .where('channel', '=', 'webhook')
    .where('received_at', '<', sql<Date>`now() - make_interval(secs => ${options.olderThanSeconds})`)
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => r.id);
}
