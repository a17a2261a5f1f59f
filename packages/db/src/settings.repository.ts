import { randomBytes } from 'node:crypto';
import type { Db } from './connect';

/**
 * A secret the installation makes for itself on first use and keeps in Postgres, so every process
 * signs and checks with the same key without anyone having to configure one.
 */
export async function installationSecret(db: Db, key: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
}
