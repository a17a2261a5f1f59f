import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { scopeGrants, sha256, type ApiScope } from '@docketwatch/core';
import type { Db } from './connect';

/** Tokens (API tokens, confirmation links) are stored only as this hash: a leaked table grants nothing. */
export function hashToken(token: string): string {
  return sha256(token);
}

export interface NewApiToken {
  /** Default: admin, what every token could do before scopes. */
  scopes?: readonly ApiScope[];
  /** Refused from this time on; default: never. */
  expiresAt?: Date | null;
}

/** Creates an API token; the plain token is returned once and only its hash is stored. Reusing a name replaces its token. */
export async function createApiToken(db: Db, name: string, options: NewApiToken = {}): Promise<string> {
  const token = `dw_${randomBytes(24).toString('base64url')}`;
  const values = {
    token_hash: hashToken(token),
    scopes: JSON.stringify(options.scopes ?? ['admin']),
    expires_at: options.expiresAt ?? null,
  };
  await db
    .insertInto('api_tokens')
    .values({ name, ...values })
    .onConflict((oc) => oc.column('name').doUpdateSet({ ...values, last_used_at: null }))
    .execute();
  return token;
}

export interface ApiTokenHolder {
  name: string;
  scopes: string[];
}

/** The holder of an unexpired token and its scopes, or null when no such token is in force; records its use. */
export async function findApiToken(db: Db, token: string): Promise<ApiTokenHolder | null> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashToken(token))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .returning(['name', 'scopes'])
    .executeTakeFirst();
  return row ? { name: row.name, scopes: row.scopes } : null;
}

/** The name of the token's holder when the token is in force and grants `scope` (default admin), else null. */
export async function verifyApiToken(db: Db, token: string, scope: ApiScope = 'admin'): Promise<string | null> {
  const holder = await findApiToken(db, token);
  return holder && scopeGrants(holder.scopes, scope) ? holder.name : null;
}
