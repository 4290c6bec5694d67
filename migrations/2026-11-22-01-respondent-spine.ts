/**
 * Surveys, editions, campaigns, links and anonymous responses. Frozen in time: never import app code.
 * A response holds no IP, user agent, referrer or time of day: only dates.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('server_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('edition')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('survey.id'))
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('edition_version_unique', ['survey_id', 'edition', 'version'])
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('extended_until', 'timestamptz')
    .addColumn('retain_until', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('campaign_window_ordered', sql`closes_at > opens_at`)
    .execute();

  await db.schema
    .createTable('link')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('link_campaign_country').on('link').columns(['campaign_id', 'country']).execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('link_id', 'uuid', (c) => c.notNull().references('link.id').onDelete('cascade'))
    .addColumn('link_country', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('authority_type', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('partial', 'complete')`))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('last_page', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('submitted_on', 'date')
    .addColumn('resume_token_hash', 'text', (c) => c.unique())
    .addColumn('deletion_code_hash', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('response_edition_status').on('response').columns(['edition_id', 'status']).execute();
  await db.schema.createIndex('response_campaign_country').on('response').columns(['campaign_id', 'link_country']).execute();

  await db.schema
    .createTable('submission_key')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['submission_key', 'response', 'link', 'campaign', 'edition', 'survey', 'server_secret']) {
    await db.schema.dropTable(t).execute();
  }
}
