/**
 * Answers inside answers, counted: ten responses to the nested-types fixture in three hand-made
 * patterns, and every figure checked against a hand count; then the same figures from the running
 * tallies and from the response index, which must equal reading the responses.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { foldResponses, tallyKeys, untallyResponse } from '../../analysis/answer-tally.ts';
import type { ChoiceSummary, MatrixSummary, NumberSummary, QuestionSummary, RatingSummary } from '../../analysis/aggregate-types.ts';
import { compareEditions } from '../../analysis/edition-comparison.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { attachResponseIndex, detachResponseIndex } from '../../analysis/response-index-source.ts';
import { answerPairs, derivedAnswers, derivedKeys, derivedValues, nestedKey } from '../../analysis/nested-sources.ts';
import { sql } from 'kysely';
import { buildTestApp } from '../helper.ts';
import { publishAndLink } from '../support/publish-definition.ts';
import { PATTERN_A as A, PATTERN_B as B, PATTERN_C as C } from '../support/nested-answers.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const K = 3;

const { app } = await buildTestApp(t, { SUPPRESSION_K: String(K), TALLY_INTERVAL_MS: '0' });
const link = await publishAndLink(app, 'nested-counts', fixture);
let seq = 0;
const ids: string[] = [];
for (const [answers, times] of [[A, 3], [B, 3], [C, 4]] as const) {
  for (let i = 0; i < times; i++) {
    const res = await app.inject({
      method: 'POST', url: `/s/${link.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `nested-counts-${++seq}-abcdefgh` },
      payload: JSON.stringify({ answers, locale: 'en' }),
    });
    if (res.statusCode !== 201) throw new Error(`submission refused: ${res.body}`);
    ids.push(res.json().id as string);
  }
}
const edition = { id: link.editionId, definition: (await app.db.selectFrom('edition').select('definition').where('id', '=', link.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown> };

async function figures(a: FastifyInstance) {
  const s = await summarizeEdition(a.db, edition.definition, resultFilters({ editionId: edition.id }), { k: K, viewerMaySeeTexts: true });
  if (s.suppressed) throw new Error('the edition is suppressed');
  return s;
}
const byName = (qs: readonly QuestionSummary[], name: string) => {
  const q = qs.find((x) => x.name === name);
  if (!q) throw new Error(`no summary for ${name}`);
  return q;
};
const counts = (s: ChoiceSummary) => Object.fromEntries(s.choices.map((c) => [c.value, c.count]));

t.test('the catalogue: one entry per choice column, per number or text cell, per item, per row or panel question', async (t) => {
  const names = questionCatalogue(edition.definition).map((q) => `${q.name}:${q.kind}`);
  t.same(names, [
    'partners.role:matrix',
    'partners.lead.score:rating', 'partners.other.score:rating',
    'partners.lead.budget:number', 'partners.other.budget:number',
    'partners.lead.why:text', 'partners.other.why:text',
    'lots:number', 'lots.kind:multi', 'lots.value:number', 'lots.framework:single', 'lots.years:number',
    'procurements:number', 'procurements.year:number', 'procurements.outcome:single', 'procurements.cancel_reason:text',
    'contact.unit:text', 'contact.staff:number',
    'channel:single', 'effort:number',
  ]);
});

t.test('derived values read from one answer set', async (t) => {
  t.same(derivedValues(A, nestedKey({ root: 'partners', mode: 'cell', a: 'lead', b: 'budget' })), [100]);
  t.same(derivedValues(A, nestedKey({ root: 'partners', mode: 'column', a: 'role', b: '' })), [{ lead: 'buyer', other: 'observer' }]);
  t.same(derivedValues(A, nestedKey({ root: 'lots', mode: 'each', a: 'value', b: '' })), [50], 'a row without the value gives none');
  t.same(derivedValues(C, nestedKey({ root: 'lots', mode: 'each', a: 'kind', b: '' })), [['supplies'], ['supplies'], ['services']]);
  t.same(derivedValues(C, nestedKey({ root: 'procurements', mode: 'count', a: '', b: '' })), [3]);
  t.same(derivedValues(A, nestedKey({ root: 'contact', mode: 'cell', a: 'staff', b: '' })), [10]);
  t.same(derivedValues({ lots: 'not a list' }, nestedKey({ root: 'lots', mode: 'each', a: 'value', b: '' })), []);
});

t.test('SQL reads the same derived values as the index, whatever the shape of the answer', async (t) => {
  const keys = derivedKeys(questionCatalogue(edition.definition).map((q) => q.key));
  t.ok(keys.some((k) => k.includes('\u001fhas\u001f')), 'with the respondent counts of the parts over rows');
  const odd: Record<string, unknown>[] = [
    A, B, C, {},
    { partners: [1, 2], lots: { a: 1 }, procurements: 'x', contact: ['unit'] },
    { partners: { lead: 'buyer', other: null }, lots: [null, 3, { kind: null, value: null }, { value: 0 }], procurements: [] },
    { partners: { lead: { role: null, score: [1] }, other: { role: { x: 1 } } }, contact: { unit: '', staff: null } },
  ];
  for (const [i, answers] of odd.entries()) {
    const expected = keys.flatMap((key) => derivedValues(answers, key).map((v) => [key, v]));
    const a = sql`${JSON.stringify(answers)}::jsonb`;
    const { rows: pairs } = await sql<{ key: string; value: unknown }>`select p.key, p.value from ${answerPairs(a, keys)} p where p.key = any(${keys}::text[])`.execute(app.db);
    const sortPairs = (xs: unknown[][]) => xs.map((x) => JSON.stringify(x)).sort();
    t.same(sortPairs(pairs.map((p) => [p.key, p.value])), sortPairs(expected), `answer set ${i}: all keys at once`);
    const one: unknown[][] = [];
    for (const key of keys) {
      const { rows } = await sql<{ key: string; value: unknown }>`select d.key, d.value from ${derivedAnswers(a, sql`${key}::text`)} d`.execute(app.db);
      one.push(...rows.map((r) => [r.key, r.value]));
    }
    t.same(sortPairs(one), sortPairs(expected), `answer set ${i}: key by key`);
  }
});

t.test('every figure equals a hand count of the ten responses', async (t) => {
  const s = await figures(app);
  t.equal(s.responses, 10);
  const q = s.questions;

  const role = byName(q, 'partners.role') as MatrixSummary;
  t.same(role.rows.map((r) => [r.value, r.base, r.cells.map((c) => c.count)]), [['lead', 10, [6, 4]], ['other', 10, [7, 3]]], 'one table per choice column: a distribution per row');
  t.same(role.columns.map((c) => c.value), ['buyer', 'observer']);

  const leadScore = byName(q, 'partners.lead.score') as RatingSummary;
  t.equal(leadScore.base, 6);
  t.equal(leadScore.mean, 3, 'mean of 4, 4, 4, 2, 2, 2');
  t.equal(leadScore.median, 3);
  t.same(leadScore.values.map((v) => v.count), [0, 3, 0, 3, 0]);
  const otherScore = byName(q, 'partners.other.score') as RatingSummary;
  t.equal(otherScore.base, 4);
  t.equal(otherScore.mean, 5);

  const budget = byName(q, 'partners.lead.budget') as NumberSummary;
  t.same([budget.base, budget.mean, budget.median], [6, 200, 200]);
  t.ok(byName(q, 'partners.other.budget').suppressed, 'a cell nobody answered shows nothing');
  t.equal(byName(q, 'partners.lead.why').suppressed, false, 'four reasons: shown');

  const lots = byName(q, 'lots') as NumberSummary;
  t.same([lots.base, lots.mean, lots.median], [10, 2.1, 2], 'rows per response: 2, 2, 2, 1, 1, 1, 3, 3, 3, 3');
  const kind = byName(q, 'lots.kind') as ChoiceSummary;
  t.equal(kind.base, 21, 'over all 21 rows');
  t.same(counts(kind), { supplies: 11, services: 7, works: 6 });
  const value = byName(q, 'lots.value') as NumberSummary;
  t.same([value.base, value.mean, value.median], [18, 144.44, 150], 'values of the 18 rows that have one');
  const framework = byName(q, 'lots.framework') as ChoiceSummary;
  t.equal(framework.base, 21);
  t.same(counts(framework), { true: 7, false: 14 });
  const years = byName(q, 'lots.years') as NumberSummary;
  t.same([years.base, years.mean], [7, 2.86]);

  const panels = byName(q, 'procurements') as NumberSummary;
  t.same([panels.base, panels.mean], [10, 2.1]);
  const year = byName(q, 'procurements.year') as NumberSummary;
  t.same([year.base, year.mean, year.median], [21, 2022.24, 2022]);
  const outcome = byName(q, 'procurements.outcome') as ChoiceSummary;
  t.equal(outcome.base, 21);
  t.same(counts(outcome), { awarded: 14, cancelled: 7 });
  const reasons = byName(q, 'procurements.cancel_reason');
  t.equal(reasons.suppressed, false);

  const staff = byName(q, 'contact.staff') as NumberSummary;
  t.same([staff.base, staff.mean], [6, 15]);
  t.same(counts(byName(q, 'channel') as ChoiceSummary), { portal: 3, ted: 7 });
});

t.test('a part over rows or panels is hidden unless k responses gave them, however many rows', async (t) => {
  const link4 = await publishAndLink(app, 'nested-few', fixture);
  // One response with three cancelled procurements: three rows, one respondent.
  for (const [i, answers] of [C, B, B, B].entries()) {
    const res = await app.inject({
      method: 'POST', url: `/s/${link4.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `nested-few-${i}-abcdefghijk` },
      payload: JSON.stringify({ answers: i === 0 ? { ...C, procurements: C.procurements.map((p) => ({ ...p, outcome: 'cancelled', cancel_reason: 'No bids' })) } : answers, locale: 'en' }),
    });
    t.equal(res.statusCode, 201, res.body);
  }
  const definition = (await app.db.selectFrom('edition').select('definition').where('id', '=', link4.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
  const s = await summarizeEdition(app.db, definition, resultFilters({ editionId: link4.editionId }), { k: K, viewerMaySeeTexts: true });
  if (s.suppressed) throw new Error('suppressed');
  t.ok(byName(s.questions, 'procurements.cancel_reason').suppressed, 'three reasons, all from one response: hidden');
  t.ok(byName(s.questions, 'lots.years').suppressed, 'years from one response\'s rows only: hidden');
  t.notOk(byName(s.questions, 'procurements.outcome').suppressed, 'outcomes from four responses: shown');
  t.same(counts(byName(s.questions, 'procurements.outcome') as ChoiceSummary), { awarded: 3, cancelled: 3 }, 'counted in panels');
});

t.test('small cells are hidden as everywhere', async (t) => {
  const s = await summarizeEdition(app.db, edition.definition, resultFilters({ editionId: edition.id }), { k: 5, viewerMaySeeTexts: true });
  if (s.suppressed) throw new Error('suppressed');
  const role = byName(s.questions, 'partners.role') as MatrixSummary;
  // Row "other": 7 buyers and 3 observers; 3 is below 5, and then 7 would give it away.
  t.same(role.rows.find((r) => r.value === 'other')!.cells.map((c) => c.count), [null, null]);
  t.ok(byName(s.questions, 'partners.other.score').suppressed, '4 answers: below 5');
  t.ok(byName(s.questions, 'lots.years').suppressed === false, '7 rows');
});

t.test('two editions compared per row x column, and per part where the names match', async (t) => {
  // A later edition adds an answer to the role column.
  const later = JSON.parse(JSON.stringify(fixture)) as { pages: { elements: { name: string; columns?: { name: string; choices?: string[] }[] }[] }[] };
  later.pages[0]!.elements[0]!.columns![0]!.choices!.push('advisor');
  const link2 = await publishAndLink(app, 'nested-counts-later', later as unknown as Record<string, unknown>);
  for (let i = 0; i < 6; i++) {
    const res = await app.inject({
      method: 'POST', url: `/s/${link2.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `nested-later-${i}-abcdefghij` },
      payload: JSON.stringify({ answers: i < 3 ? B : C, locale: 'en' }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  const laterDefinition = (await app.db.selectFrom('edition').select('definition').where('id', '=', link2.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
  const c = await compareEditions(app.db,
    { label: 'first', definition: edition.definition, filters: resultFilters({ editionId: edition.id }) },
    { label: 'later', definition: laterDefinition, filters: resultFilters({ editionId: link2.editionId }) },
    { k: K, viewerMaySeeTexts: false });
  if (c.suppressed) throw new Error('suppressed');
  const role = c.questions.find((q) => q.name === 'partners.role')!;
  t.ok(role.compared, 'the choice column is compared');
  t.same(role.added, ['lead / advisor', 'other / advisor'], 'the new answer, per row');
  const lead = role.values.find((v) => v.value === 'lead / buyer')!;
  t.same([lead.label, lead.before?.count, lead.after?.count, lead.difference], ['Lead buyer: buyer', 6, 3, -10], 'lead buyers: 6 of 10, then 3 of 6');
  const value = c.questions.find((q) => q.name === 'lots.value')!;
  t.same([value.numbers?.before?.mean, value.numbers?.after?.mean], [144.44, 162.5], 'the value of a lot over all rows: (150 x 3 + (200 + 200 + 100) x 3) / 12 later');
  t.same(c.onlyBefore, [], 'every part of the first edition is in the later one');
});

t.test('a range slider and a matrix inside panels are counted as answered', async (t) => {
  const link3 = await publishAndLink(app, 'nested-deeper', {
    pages: [{ name: 'p', elements: [
      { type: 'slider', name: 'span', sliderType: 'range', min: 0, max: 10 },
      { type: 'paneldynamic', name: 'deals', panelCount: 1, maxPanelCount: 3, templateElements: [
        { type: 'text', name: 'buyer', title: 'Buyer' },
        { type: 'matrixdropdown', name: 'grid', rows: ['r1'], columns: [{ name: 'c1', cellType: 'text' }] },
      ] },
    ] }],
  });
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({
      method: 'POST', url: `/s/${link3.token}/responses`,
      headers: { 'content-type': 'application/json', 'idempotency-key': `nested-deeper-${i}-abcdefghij` },
      payload: JSON.stringify({ answers: { span: [2, 5 + i], deals: [{ buyer: 'x', grid: { r1: { c1: 'a' } } }, { buyer: 'y' }] }, locale: 'en' }),
    });
    t.equal(res.statusCode, 201, res.body);
  }
  const definition = (await app.db.selectFrom('edition').select('definition').where('id', '=', link3.editionId).executeTakeFirstOrThrow()).definition as Record<string, unknown>;
  const read = async () => {
    const s = await summarizeEdition(app.db, definition, resultFilters({ editionId: link3.editionId }), { k: K, viewerMaySeeTexts: true });
    if (s.suppressed) throw new Error('suppressed');
    return s.questions.map((q) => [q.name, q.kind, q.suppressed ? null : q.base]);
  };
  const scanned = await read();
  t.same(scanned, [['span', 'other', 3], ['deals', 'number', 3], ['deals.buyer', 'text', 6], ['deals.grid', 'other', 3]],
    'the range of two, the panels per response, the buyers of all 6 panels, the 3 panels with a grid');
  await foldResponses(app.db, link3.editionId, tallyKeys(definition), 100);
  t.same(await read(), scanned, 'the same from the tallies');
  const handle = attachResponseIndex(app.db);
  await handle.loaded;
  t.same(await read(), scanned, 'and through the index');
  detachResponseIndex(app.db);
});

t.test('the tallies and the response index give what reading the responses gives', async (t) => {
  const scanned = await figures(app);
  const keys = tallyKeys(edition.definition);
  t.ok(keys.derived.length > 10, 'the derived keys are folded');
  await foldResponses(app.db, edition.id, keys, 4);
  t.same(await figures(app), scanned, 'partly folded');
  await foldResponses(app.db, edition.id, keys, 100);
  t.same(await figures(app), scanned, 'all folded');
  const handle = attachResponseIndex(app.db);
  await handle.loaded;
  t.equal(handle.broken(), null, 'every nested answer is reproduced in memory');
  t.same(await figures(app), scanned, 'through the index');
  detachResponseIndex(app.db);

  // A folded response deleted: its rows and panels leave the counters.
  await app.db.transaction().execute(async (trx) => {
    await untallyResponse(trx, ids[ids.length - 1]!, keys);
    await trx.deleteFrom('response').where('id', '=', ids[ids.length - 1]!).execute();
  });
  const after = await figures(app);
  t.same(counts(byName(after.questions, 'procurements.outcome') as ChoiceSummary), { awarded: 12, cancelled: 6 }, 'one C response fewer');
  const { rows } = await app.db.selectFrom('answer_tally').select(['key', 'n']).where('n', '<=', 0).execute().then((r) => ({ rows: r }));
  t.equal(rows.length, 0, 'no empty counter is left');
});
