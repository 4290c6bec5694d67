/**
 * The audit log: every staff action that changes something (who, what, which object, when).
 * `detail` describes the change (names, dates, roles); callers must never put respondent data
 * (answers, deletion codes, tokens) or passwords in it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import * as audit from './audit-repository.ts';

/** Who acts without a staff session: the command line, or the server itself at start (file sync, demo). */
export type SystemActor = 'cli' | 'server';
export type Actor = StaffPrincipal | SystemActor;

export interface AuditEntry {
  /** A staff member, the command line, or the sign-in throttle (failed sign-ins have no principal). */
  actor: Actor | 'sign-in throttle';
  /** A verb in dotted form, e.g. "user.create", "campaign.close". */
  action: string;
  objectType: string;
  objectId?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Keeps details small and flat: long strings are cut, nested objects are kept only one level deep. */
function tidy(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out[k] = v.length > 500 ? `${v.slice(0, 500)}…` : v;
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}

/** Records one entry; pass a transaction to make it part of the change it describes. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const who = typeof entry.actor === 'string' ? { actorUserId: null, actor: entry.actor } : { actorUserId: entry.actor.userId, actor: entry.actor.email };
  await audit.insertAuditEvent(db, {
    ...who,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    detail: tidy(entry.detail ?? {}),
  });
}

export class AuditService {
  constructor(private readonly db: Kysely<Database>) {}

  record(entry: AuditEntry, db: Db = this.db): Promise<void> {
    return recordAudit(db, entry);
  }

  list(filter: audit.AuditFilter) {
    return audit.listAuditEvents(this.db, filter);
  }

  vocabulary() {
    return audit.auditVocabulary(this.db);
  }

  /** Names of the objects the entries point to, keyed "type:id". */
  objectNames(refs: { type: string; id: string }[]) {
    return audit.auditObjectNames(this.db, refs);
  }
}
