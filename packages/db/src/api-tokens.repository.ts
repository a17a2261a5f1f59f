import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { sha256 } from '@docketwatch/core';
import type { Db } from './connect';

/** Tokens (API tokens, confirmation links) are stored only as this hash: a leaked table grants nothing. */
export function hashToken(token: string): string {
  return sha256(token);
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

/** The name of the token's holder, or null when no such token exists; records its use. */
export async function verifyApiToken(db: Db, token: string): Promise<string | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashToken(token))
    .returning('name')
    .executeTakeFirst();
  return row?.name ?? null;
}
