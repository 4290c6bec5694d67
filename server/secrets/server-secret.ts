/**
 * Secrets the servers share, generated once and kept in the database so that every copy behind a
 * load balancer derives the same values: today only the key of staff CSRF tokens (which are also
 * bound to a session). Nothing about respondents may be keyed by them: a copy of the database
 * holds them too.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function getOrCreateSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  await db
    .insertInto('server_secret')
    .values({ name, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
