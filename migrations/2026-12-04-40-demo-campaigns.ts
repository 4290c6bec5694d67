/**
 * Marks demo campaigns (built by the demo replay), so that every page showing their figures can
 * say they are not real. Frozen in time: never import app code.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaign').dropColumn('demo').execute();
}
