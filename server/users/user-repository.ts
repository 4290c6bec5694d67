/** SQL for staff accounts and their one-time set-password tokens. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { StaffUser } from '../db/tables/staff.ts';
import type { Role } from '../auth/principal.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewStaffUser {
  email: string;
  name: string;
  role: Role;
  country: string | null;
  passwordHash: string | null;
}

export async function insertUser(db: Db, u: NewStaffUser): Promise<StaffUser> {
  return db
    .insertInto('staff_user')
    .values({ id: randomUUID(), email: u.email, name: u.name, role: u.role, country: u.country, password_hash: u.passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Db): Promise<StaffUser[]> {
  return db.selectFrom('staff_user').selectAll().orderBy('disabled_at', (ob) => ob.nullsFirst()).orderBy('email').execute();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('staff_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function setDisabled(db: Db, userId: string, disabledAt: Date | null): Promise<void> {
  await db.updateTable('staff_user').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
}

export async function recordSignIn(db: Db, userId: string, at: Date): Promise<void> {
  await db.updateTable('staff_user').set({ last_sign_in_at: at }).where('id', '=', userId).execute();
}

/** Replaces any earlier token of the user: only the newest link works. */
export async function replacePasswordToken(db: Db, userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.deleteFrom('staff_password_token').where('user_id', '=', userId).execute();
  await db.insertInto('staff_password_token').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

export async function findPasswordToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('staff_password_token as t')
    .innerJoin('staff_user as u', 'u.id', 't.user_id')
    .select(['t.user_id', 't.expires_at', 'u.email', 'u.name', 'u.disabled_at'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deletePasswordTokens(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('staff_password_token').where('user_id', '=', userId).execute();
}
