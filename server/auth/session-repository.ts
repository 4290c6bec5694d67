/** SQL for staff sessions. Only the SHA-256 of a session id is ever stored. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertSession(db: Db, idHash: string, userId: string, now: Date): Promise<void> {
  await db.insertInto('staff_session').values({ id_hash: idHash, user_id: userId, created_at: now, last_seen_at: now }).execute();
}

/** The session with its user, only while the user is enabled. */
export async function findActiveSession(db: Db, idHash: string) {
  return db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.created_at', 's.last_seen_at', 'u.id as user_id', 'u.email', 'u.name', 'u.role', 'u.country'])
    .where('s.id_hash', '=', idHash)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('staff_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions past either timeout, removed now and then so the table does not grow. */
export async function deleteExpiredSessions(db: Db, idleBefore: Date, createdBefore: Date): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
    .execute();
}
