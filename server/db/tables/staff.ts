/** Tables of the staff feature (accounts, sessions, one-time links, audit log); merged into Database in ../schema.ts. */
import type { ColumnType, Generated, Selectable } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StaffUserTable {
  id: string;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  role: 'admin' | 'analyst' | 'ipnc';
  /** ISO country code; set for an ipnc, null for every other role (a check constraint holds this). */
  country: string | null;
  /** argon2id PHC string; null until the user sets a password through a one-time link. */
  password_hash: string | null;
  created_at: DefaultTimestamp;
  disabled_at: NullableTimestamp;
  last_sign_in_at: NullableTimestamp;
}

export interface StaffSessionTable {
  /** SHA-256 of the session id: the id itself lives only in the browser's cookie. */
  id_hash: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface StaffPasswordTokenTable {
  /** SHA-256 of the one-time token in the set-password link. */
  token_hash: string;
  user_id: string;
  created_at: DefaultTimestamp;
  expires_at: Date | string;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  /** The staff user who acted; null when the command line did. */
  actor_user_id: string | null;
  /** The actor's e-mail at the time, or "cli". */
  actor: string;
  action: string;
  object_type: string;
  object_id: string | null;
  /** What changed, never respondent data. */
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface StaffTables {
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  staff_password_token: StaffPasswordTokenTable;
  audit_event: AuditEventTable;
}

export type StaffUser = Selectable<StaffUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
