/**
 * A short memory of computed results. Reading a million responses takes PostgreSQL seconds, and the
 * same figures are asked for again and again (a page, its API twin, the next reader). A result is
 * reused while the edition's responses are unchanged (dataVersion) and for at most a few minutes.
 * Only suppressed aggregates are kept, never responses. Each database (app) has its own memory.
 */
import { sql } from 'kysely';
import type { AnyDb } from '../../analysis/answer-queries.ts';

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 200;

interface Entry {
  version: string;
  at: number;
  value: unknown;
}

const memories = new WeakMap<object, Map<string, Entry>>();

/**
 * What changes when a response of these editions is added, completed, folded or deleted: the
 * responses the tallies hold, those waiting to be folded, and the partial ones. Counters and small
 * indexes only, so that asking costs little next to the figures it spares.
 */
async function dataVersion(db: AnyDb, editionIds: readonly string[]): Promise<string> {
  const ids = sql.join(editionIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{ v: string }>`select concat_ws(':',
      (select coalesce(sum(n), 0) from answer_tally where edition_id in (${ids}) and grain = 7 and kind = 'r'),
      (select count(*) from response where edition_id in (${ids}) and status = 'complete' and not tallied),
      (select count(*) from response where edition_id in (${ids}) and status = 'partial'),
      (select max(started_on) from response where edition_id in (${ids}) and status = 'partial')) as v`.execute(db);
  return rows[0]?.v ?? '';
}

export async function remembered<T>(db: AnyDb, editionIds: readonly string[], key: unknown, compute: () => Promise<T>): Promise<T> {
  let memory = memories.get(db);
  if (!memory) {
    memory = new Map();
    memories.set(db, memory);
  }
  const id = JSON.stringify(key);
  const version = await dataVersion(db, editionIds);
  const hit = memory.get(id);
  if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) return hit.value as T;
  const value = await compute();
  memory.delete(id);
  memory.set(id, { version, at: Date.now(), value });
  if (memory.size > MAX_ENTRIES) memory.delete(memory.keys().next().value as string);
  return value;
}
