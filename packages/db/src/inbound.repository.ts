import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connect';
import type { Source } from './schema';

/** The push source (NEF or Supreme Court mail) that receives mail at this address, if any. */
export async function findMailSource(db: Db, address: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('url', '=', `mailto:${address.trim().toLowerCase()}`)
    .where('enabled', '=', true)
    .executeTakeFirst();
}

export async function recordInboundMessage(
  db: Db,
  message: {
    sourceId: number | null;
    channel: 'smtp' | 'upload' | 'webhook';
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

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an API token; the plain token is returned once and only its hash is stored. */
export async function createApiToken(db: Db, name: string): Promise<string> {
  const token = `dw_${randomBytes(24).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({ name, token_hash: hashToken(token) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ token_hash: hashToken(token), last_used_at: null }))
    .execute();
  return token;
}

export async function verifyApiToken(db: Db, token: string): Promise<string | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashToken(token))
    .returning('name')
    .executeTakeFirst();
  return row?.name ?? null;
}
