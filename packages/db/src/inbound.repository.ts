import type { Db } from './connect';
import type { InboundMessageTable, Source } from './schema';

export type InboundChannel = InboundMessageTable['channel'];

/** The push source (NEF or Supreme Court mail) that receives mail at this address, if any. */
export async function findMailSource(db: Db, address: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('url', '=', `mailto:${address.trim().toLowerCase()}`)
    .where('enabled', '=', true)
    .executeTakeFirst();
}

/** The enabled CourtListener webhook source whose receiving URL carries a secret with this hash. */
export async function findWebhookSource(db: Db, secretHash: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '=', 'courtlistener-webhook')
    .where('url', '=', `courtlistener-webhook:${secretHash}`)
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markInboundMessage(db: Db, id: number, status: 'ingested' | 'failed', error: string | null = null): Promise<void> {
  await db.updateTable('inbound_messages').set({ status, error }).where('id', '=', id).execute();
}

export interface KeptInboundMessage {
  id: number;
  sourceId: number | null;
  channel: InboundChannel;
  raw: Buffer;
}

/** Kept inbound messages to ingest again: these ids, or else every one that failed. */
export async function listInboundMessagesToReplay(db: Db, ids: number[] = []): Promise<KeptInboundMessage[]> {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'source_id as sourceId', 'channel', 'raw'])
    .$if(ids.length > 0, (qb) => qb.where('id', 'in', ids))
    .$if(ids.length === 0, (qb) => qb.where('status', '=', 'failed'))
    .orderBy('id')
    .execute();
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
