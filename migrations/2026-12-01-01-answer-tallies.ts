/**
 * Running tallies of complete responses, so that results over a million responses read a few
 * thousand counters instead of every answer. Counts only: each row is how many responses of one
 * edition and campaign (and, at the finer grains, one link country, answered country and authority
 * type) gave one answer. `response.tallied` says which responses the tallies already hold.
 * Frozen in time: never import app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('response').addColumn('tallied', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // The responses still to fold in: few at any time, so the index stays small.
  await sql`create index response_untallied on response (edition_id) where status = 'complete' and not tallied`.execute(db);

  await db.schema
    .createTable('answer_tally')
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    // Which of link_country, country, authority_type are summed over (PostgreSQL's grouping() bits).
    .addColumn('grain', 'smallint', (c) => c.notNull())
    .addColumn('link_country', 'text')
    .addColumn('country', 'text')
    .addColumn('authority_type', 'text')
    .addColumn('key', 'text', (c) => c.notNull())
    // r: the response itself; c: answered (free text); s, n: a text or number value; a: a list
    // element at a position; o: a matrix row (value) and its column (sub).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('pos', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    // Room on each page, so that a counter's update stays on its page (a HOT update, no index write).
    .modifyEnd(sql`with (fillfactor = 70)`)
    .execute();
  await sql`create unique index answer_tally_entry on answer_tally
    (edition_id, grain, campaign_id, link_country, country, authority_type, key, kind, value, sub, pos) nulls not distinct`.execute(db);
  await db.schema.createIndex('answer_tally_campaign').on('answer_tally').column('campaign_id').execute();

  // The free texts of folded responses, by question, so that a sample of them is read from an index
  // instead of from every response; they go with their response (on delete cascade).
  await db.schema
    .createTable('answer_text')
    .addColumn('response_id', 'uuid', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('link_country', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('authority_type', 'text')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answer_text_key').on('answer_text').columns(['edition_id', 'key']).execute();
  await db.schema.createIndex('answer_text_response').on('answer_text').column('response_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('answer_text').execute();
  await db.schema.dropTable('answer_tally').execute();
  await sql`drop index if exists response_untallied`.execute(db);
  await db.schema.alterTable('response').dropColumn('tallied').execute();
}
