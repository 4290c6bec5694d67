/**
 * After the shuffle, neither a response's place in its table (ctid) nor its transaction id (xmin)
 * follows the order of submission, nor do those of the rows that point at it; every value, count
 * and code stays as it was.
 */
import { sql } from 'kysely';
import t from 'tap';
import { buildTestApp, openLink } from '../helper.ts';
import { generateAnswers } from '../support/answer-generator.ts';
import { findEditionById } from '../../server/surveys/edition-repository.ts';
import { foldPending } from '../../server/results/tally-folder.ts';
import { shuffleResponses } from '../../server/responses/response-shuffler.ts';

/** Ranks with ties given their mean rank. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation; 0 when one side is constant (a constant carries no order). */
function spearman(x: number[], y: number[]): number {
  const [rx, ry] = [ranks(x), ranks(y)];
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

// A few hundred submissions one after another take a while on the embedded database.
t.setTimeout(600_000);
const N = 200;
const { app } = await buildTestApp(t, { TALLY_INTERVAL_MS: '0', SHUFFLE_INTERVAL_MINUTES: '0', SUBMIT_RATE_PER_MINUTE: '100000' });
const link = await openLink(app);
const definition = (await findEditionById(app.db, link.editionId))!.definition;
const submit = (seed: number, key: string) =>
  app.inject({
    method: 'POST', url: `/s/${link.token}/responses`,
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify({ answers: generateAnswers(definition, seed), locale: 'en' }),
  });

// Submitted one after another, folded every 50 as the tally folder would: submission order is the index.
const submitted: { id: string; key: string; code: string }[] = [];
for (let i = 0; i < N; i++) {
  const key = `shuffle-test-key-${String(i).padStart(4, '0')}-xxxxxxxx`;
  const res = await submit(i, key);
  if (res.statusCode !== 201) throw new Error(res.body);
  submitted.push({ key, ...(res.json() as { id: string; deletionCode: string }), code: res.json().deletionCode });
  if (i % 50 === 49) await foldPending(app.db);
}
const orderOf = new Map(submitted.map((s, i) => [s.id, i]));

/** Each row's submission index beside its rank in the table (ctid) and its transaction id. */
async function placesOf(table: 'response' | 'submission_key' | 'answer_text') {
  const idColumn = table === 'response' ? sql.ref('id') : sql.ref('response_id');
  const { rows } = await sql<{ id: string; xmin: string; pos: number }>`
    select ${idColumn}::text as id, xmin::text as xmin, (row_number() over (order by ctid))::int as pos from ${sql.table(table)}`.execute(app.db);
  const known = rows.filter((r) => orderOf.has(r.id));
  const submittedAt = known.map((r) => orderOf.get(r.id)!);
  return {
    rows: known.length,
    ctid: spearman(submittedAt, known.map((r) => Number(r.pos))),
    xmin: spearman(submittedAt, known.map((r) => Number(r.xmin))),
    xmins: new Set(known.map((r) => r.xmin)).size,
  };
}

/** Everything a reader can see, in a fixed order: must not change. */
async function contents() {
  const rows = async (q: ReturnType<typeof sql>) => JSON.stringify((await q.execute(app.db)).rows);
  return {
    responses: await rows(sql`select id, edition_id, campaign_id, link_id, link_country, country, authority_type, language, status, answers, last_page, started_on, submitted_on, resume_token_hash, deletion_code_hash, wave_id, tallied from response order by id`),
    keys: await rows(sql`select * from submission_key order by key_hash`),
    texts: await rows(sql`select * from answer_text order by response_id, key, text`),
    tallies: await rows(sql`select * from answer_tally order by edition_id, grain, campaign_id, link_country, country, authority_type, key, kind, value, sub, pos`),
    funnel: await rows(sql`select link_id, sum(visits)::int as v, sum(starts)::int as s, sum(completions)::int as c from link_funnel_day group by link_id`),
  };
}

t.test('before the shuffle, place and transaction id follow submission order (what the test guards)', async (t) => {
  const r = await placesOf('response');
  t.equal(r.rows, N);
  // The fold rewrites each row with its batch number (fold_seq): a little wider, a few move pages.
  t.ok(r.ctid > 0.85, `ctid order follows submission: Spearman ${r.ctid.toFixed(3)}`);
  t.ok(r.xmin > 0.9, `xmin follows submission: Spearman ${r.xmin.toFixed(3)}`);
  t.ok((await placesOf('answer_text')).ctid > 0.9, 'so do the folded texts');
});

t.test('after the shuffle, they no longer do, and nothing else changed', async (t) => {
  const before = await contents();
  const { rows: [tomorrow] } = await sql<{ d: string }>`select (current_date + 1)::text as d`.execute(app.db);
  const started = performance.now();
  // Batches of 100, so that the test also sees several transactions and their random subsets.
  t.equal(await shuffleResponses(app.db, { batch: 100, before: tomorrow!.d }), N);
  t.comment(`shuffled ${N} responses in ${Math.round(performance.now() - started)} ms`);

  for (const table of ['response', 'submission_key', 'answer_text'] as const) {
    const r = await placesOf(table);
    t.ok(Math.abs(r.ctid) < 0.3, `${table}: ctid order against submission order, Spearman ${r.ctid.toFixed(3)}`);
    t.ok(Math.abs(r.xmin) < 0.3, `${table}: xmin against submission order, Spearman ${r.xmin.toFixed(3)} over ${r.xmins} transaction ids`);
  }
  t.same(await contents(), before, 'every value, key, text, tally and count as it was');
  const flags = await app.db.selectFrom('response').select('shuffled').distinct().execute();
  t.same(flags.map((f) => f.shuffled), [true]);
  t.equal(await shuffleResponses(app.db, { before: tomorrow!.d }), 0, 'a second round finds nothing to do');
  t.equal(await shuffleResponses(app.db), 0, "today's responses wait for the day to end");

  // The respondent's key and code work as before.
  const retry = await submit(7, submitted[7]!.key);
  t.equal(retry.statusCode, 201);
  t.equal(retry.json().deletionCode, submitted[7]!.code, 'a retry still gets its code back');
  const del = await app.inject({
    method: 'POST', url: `/s/${link.token}/responses/delete`, headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ deletionCode: submitted[8]!.code }),
  });
  t.equal(del.statusCode, 200, 'a code still deletes');
});

t.test('a partial saved again after its day is shuffled again; a save waits out a shuffle', async (t) => {
  const save = (page: number, resumeToken?: string) =>
    app.inject({
      method: 'POST', url: `/s/${link.token}/progress`, headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ answers: {}, locale: 'en', page, ...(resumeToken ? { resumeToken } : {}) }),
    });
  const first = await save(1);
  t.equal(first.statusCode, 200, first.body);
  const token = first.json().resumeToken as string;
  const { rows: [tomorrow] } = await sql<{ d: string }>`select (current_date + 1)::text as d`.execute(app.db);
  // The save and the shuffle at once: the save finds the partial again wherever it went.
  const [again] = await Promise.all([save(2, token), shuffleResponses(app.db, { before: tomorrow!.d })]);
  t.equal(again.statusCode, 200, again.body);
  const row = await app.db.selectFrom('response').select(['last_page', 'shuffled']).where('status', '=', 'partial').executeTakeFirstOrThrow();
  t.equal(row.last_page, 2, 'the save was kept');
  if (row.shuffled) {
    t.equal((await save(3, token)).statusCode, 200);
    t.equal((await app.db.selectFrom('response').select('shuffled').where('status', '=', 'partial').executeTakeFirstOrThrow()).shuffled, false, 'a changed row waits for the next shuffle');
  }
});

t.test('a table the shuffle does not know that points at responses stops it before anything moves', async (t) => {
  await sql`create table response_note (response_id uuid not null references response(id) on delete cascade)`.execute(app.db);
  try {
    await t.rejects(shuffleResponses(app.db), /does not know response_note/);
  } finally {
    await sql`drop table response_note`.execute(app.db);
  }
});
