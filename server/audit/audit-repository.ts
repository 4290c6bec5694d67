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

/** A short name for each object an audit entry points to, by type and id (objects since deleted have none). */
export async function auditObjectNames(db: Db, refs: { type: string; id: string }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const names = new Map<string, string>();
  const users = ids('staff_user');
  if (users.length) for (const u of await db.selectFrom('staff_user').select(['id', 'name', 'email']).where('id', 'in', users).execute()) names.set(`staff_user:${u.id}`, `${u.name} (${u.email})`);
  const campaigns = ids('campaign');
  if (campaigns.length) for (const c of await db.selectFrom('campaign').select(['id', 'name']).where('id', 'in', campaigns).execute()) names.set(`campaign:${c.id}`, c.name);
  const editions = ids('edition');
  if (editions.length) for (const e of await db.selectFrom('edition').select(['id', 'survey_id', 'edition', 'version']).where('id', 'in', editions).execute()) names.set(`edition:${e.id}`, `${e.survey_id}/${e.edition} v${e.version}`);
  const links = ids('link');
  if (links.length) {
    const rows = await db.selectFrom('link').innerJoin('campaign', 'campaign.id', 'link.campaign_id').select(['link.id', 'link.country', 'link.channel', 'link.label', 'link.language', 'campaign.name']).where('link.id', 'in', links).execute();
    for (const l of rows) names.set(`link:${l.id}`, `${l.country} ${l.channel.replace(/_/g, ' ')}${l.label ? ` "${l.label}"` : ''} [${l.language}], ${l.name}`);
  }
  const waves = ids('wave');
  if (waves.length) {
    const rows = await db.selectFrom('wave').innerJoin('campaign', 'campaign.id', 'wave.campaign_id').select(['wave.id', 'wave.kind', 'wave.wave_on', 'wave.country', 'campaign.name']).where('wave.id', 'in', waves).execute();
    for (const w of rows) names.set(`wave:${w.id}`, `${w.kind} of ${w.wave_on}${w.country ? ` in ${w.country}` : ' in every country'}, ${w.name}`);
  }
  return names;
}
