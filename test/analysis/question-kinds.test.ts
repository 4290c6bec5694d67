import { readFileSync } from 'node:fs';
import t from 'tap';
import { Model } from 'survey-core';
import type { ChoiceSummary, EditionSummaryShown, NumberSummary } from '../../analysis/aggregate-types.ts';
import { resultFilters } from '../../analysis/filters.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { kindModules, moduleOfQuestion } from '../../analysis/question-kinds/registry.ts';
import { UNLISTED_VALUE } from '../../analysis/question-summaries.ts';
import { tallyKeys } from '../../analysis/answer-tally.ts';
import { buildTestApp } from '../helper.ts';
import { allTypes, seedResults, times, type Row } from './support/results-fixture.ts';

const masked = JSON.parse(readFileSync(new URL('../fixtures/masked-text.json', import.meta.url), 'utf8')) as Record<string, unknown>;

t.test('every question of the every-type fixture has one module, and "other" is matched last', async (t) => {
  const kinds = Object.fromEntries(questionCatalogue(allTypes).map((q) => [q.name, q.kind]));
  t.match(kinds, { experience: 'single', again: 'single', satisfaction: 'rating', kinds: 'multi', obstacles: 'ranking', phases: 'matrix', count: 'number', remarks: 'text' });
  t.equal(kindModules().at(-1)?.kind, 'other');
  const m = new Model({ elements: [{ type: 'signaturepad', name: 's' }] });
  t.equal(moduleOfQuestion(m.getQuestionByName('s')).kind, 'other', 'a type no kind hosts falls back to "other"');
});

t.test('a numeric or currency mask is a number; a mask that saves its text stays text', async (t) => {
  const kinds = Object.fromEntries(questionCatalogue(masked).map((q) => [q.name, q.kind]));
  t.same(kinds, { amount: 'number', price: 'number', phone: 'text', day: 'text', time: 'text', kept: 'text', code: 'text' });
  t.same(tallyKeys(masked).counted, ['amount', 'price'], 'their values are counted by the fold');
});

t.test('masked numbers are summarised as numbers, on the database', async (t) => {
  const { app } = await buildTestApp(t);
  // amount: 10 x3, 12.5 x3, 20 x2 -> mean 107.5 / 8 = 13.44, median 12.5; phone given by all 8.
  const row = (amount: number): Row => ({ link: 'A', country: 'FR', authority: 'police', language: 'en', answers: { amount, phone: '33612345678' } });
  const rows = [...times(3, row(10)), ...times(3, row(12.5)), ...times(2, row(20))];
  const { editionId } = await seedResults(app, rows, { definition: masked });
  const summary = (await summarizeEdition(app.db, masked, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: false })) as EditionSummaryShown;
  const amount = summary.questions.find((q) => q.name === 'amount') as NumberSummary;
  t.equal(amount.kind, 'number');
  t.same([amount.base, amount.mean, amount.median], [8, 13.44, 12.5]);
  t.same(amount.histogram.reduce((a, b) => a + (b.count ?? 0), 0), 8, 'every answer in a bin');
  t.ok(amount.histogram.every((b) => b.count === 0 || (b.count ?? 0) >= 3), 'no bin of 1 to k-1');
  t.equal(summary.questions.find((q) => q.name === 'phone')?.kind, 'text');
});

const borrowed = {
  pages: [{ name: 'p', elements: [
    { type: 'checkbox', name: 'tools', choices: ['cad', 'erp', 'crm'] },
    { type: 'checkbox', name: 'favourite', choicesFromQuestion: 'tools', choicesFromQuestionMode: 'selected' },
    { type: 'dropdown', name: 'city', choices: ['paris', 'rome'], allowCustomChoices: true },
  ] }],
};

t.test('choices from another question and typed-in values are counted', async (t) => {
  const { app } = await buildTestApp(t);
  const favourite = questionCatalogue(borrowed).find((q) => q.name === 'favourite');
  t.same(favourite?.choices.map((c) => c.value), ['cad', 'erp', 'crm'], 'the source question\'s choices are listed');
  // city: paris 3, rome 3, typed in: "lyon" 2, "oslo" 1.
  const row = (fav: string[], city: string): Row => ({ link: 'A', country: 'FR', authority: 'police', language: 'en', answers: { tools: ['cad', 'erp'], favourite: fav, city } });
  const rows = [...times(3, row(['cad', 'erp'], 'paris')), ...times(3, row(['cad'], 'rome')), row(['erp'], 'lyon'), row(['erp'], 'lyon'), row(['erp'], 'oslo')];
  // favourite: cad 6, erp 6 among 9 respondents: every selection counted.
  const { editionId } = await seedResults(app, rows, { definition: borrowed });
  const summary = (await summarizeEdition(app.db, borrowed, resultFilters({ editionId }), { k: 3, viewerMaySeeTexts: false })) as EditionSummaryShown;
  const fav = summary.questions.find((q) => q.name === 'favourite') as ChoiceSummary;
  t.same(fav.choices.map((c) => [c.value, c.count]), [['cad', 6], ['erp', 6], ['crm', 0]]);
  const city = summary.questions.find((q) => q.name === 'city') as ChoiceSummary;
  t.equal(city.base, 9, 'the base holds every stored answer');
  t.same(city.choices.map((c) => [c.value, c.count]), [['paris', 3], ['rome', 3], [UNLISTED_VALUE, 3]], 'typed-in values counted together, never by their text');
  t.match(city.choices[2]?.label, /typed in/);
});
