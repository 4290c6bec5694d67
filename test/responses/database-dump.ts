/**
 * What a copy of the database holds, read as a thief with a backup would: every row of every
 * table of the public schema, as JSON text, with each row's place and transaction id.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';

export interface DumpedRow {
  table: string;
  json: string;
}

export async function dumpDatabase(db: Kysely<Database>): Promise<DumpedRow[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const out: DumpedRow[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ json: string }>`select row_to_json(t)::text as json from ${sql.table(name)} t`.execute(db);
    for (const r of rows) out.push({ table: name, json: r.json });
  }
  return out;
}
