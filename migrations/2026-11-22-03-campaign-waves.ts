/**
 * Campaign waves, targets, per-link funnel counters, and the wave each response is attributed to.
 * Frozen in time: never import app code. The funnel holds counters only: no visitor record.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    // null: a wave of every country (an extension or close of the whole campaign).
    .addColumn('country', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('launch', 'relaunch', 'reminder', 'extension', 'close')`))
    .addColumn('wave_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('wave_campaign_day').on('wave').columns(['campaign_id', 'wave_on']).execute();

  await db.schema
    .createTable('target')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    // '' is the country's overall target; otherwise an authority type's value.
    .addColumn('authority_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invited', 'integer', (c) => c.notNull().check(sql`invited >= 0`))
    .addColumn('updated_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('target_campaign_country_type', ['campaign_id', 'country', 'authority_type'])
    .execute();

  // Several rows (shards) per link and day, summed when read: concurrent submissions through one
  // busy link would otherwise queue on a single row lock until each transaction commits.
  await db.schema
    .createTable('link_funnel_day')
    .addColumn('link_id', 'uuid', (c) => c.notNull().references('link.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('shard', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('starts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('link_funnel_day_pk', ['link_id', 'day', 'shard'])
    .execute();

  await db.schema
    .alterTable('response')
    .addColumn('wave_id', 'uuid', (c) => c.references('wave.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('response_wave').on('response').column('wave_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('response_wave').execute();
  await db.schema.alterTable('response').dropColumn('wave_id').execute();
  for (const t of ['link_funnel_day', 'target', 'wave']) await db.schema.dropTable(t).execute();
}
