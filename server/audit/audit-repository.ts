/** SQL for the audit log: append and filtered reads, newest first. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditEvent } from '../db/tables/staff.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewAuditEvent {
  actorUserId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  detail: Record<string, unknown>;
}

export async function insertAuditEvent(db: Db, e: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      actor_user_id: e.actorUserId,
      actor: e.actor,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      detail: JSON.stringify(e.detail),
    })
    .execute();
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** Inclusive dates, YYYY-MM-DD, in UTC. */
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset paging: events older than this id. */
  before?: number | undefined;
  limit: number;
}

export async function listAuditEvents(db: Db, f: AuditFilter): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_event').selectAll();
  if (f.actor) q = q.where('actor', '=', f.actor.toLowerCase());
  if (f.action) q = q.where('action', '=', f.action);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) q = q.where('at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** The distinct actions and object types, for the filter form. */
export async function auditVocabulary(db: Db): Promise<{ actions: string[]; objectTypes: string[] }> {
  const actions = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
  const types = await db.selectFrom('audit_event').select('object_type').distinct().orderBy('object_type').execute();
  return { actions: actions.map((r) => r.action), objectTypes: types.map((r) => r.object_type) };
}
