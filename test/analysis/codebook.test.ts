import t from 'tap';
import { readFileSync } from 'node:fs';
import { buildCodebook } from '../../analysis/codebook.ts';
import { codebookTable } from '../../analysis/export-codebook.ts';
import type { Cell } from '../../analysis/export-cells.ts';

const definition = JSON.parse(readFileSync(new URL('../fixtures/all-types.json', import.meta.url), 'utf8')) as { pages: { elements: unknown[] }[] };
definition.pages[0]!.elements.push(
  { type: 'radiogroup', name: 'copy', choicesFromQuestion: 'segments' },
  { type: 'checkbox', name: 'titled', title: { default: 'Which kind?', fr: 'Quel type ?' }, choices: [{ value: 'a', text: { default: 'Alpha', fr: 'Alpha FR' } }, { value: 'b', text: { default: 'Beta' } }], showOtherItem: true },
  { type: 'expression', name: 'computed', expression: '1 + 1' },
);
const cb = buildCodebook(definition as unknown as Record<string, unknown>, { surveyId: 'test', edition: '2024' });
const q = (name: string) => cb.questions.find((x) => x.name === name)!;

t.test('lists every question that takes an answer or holds a computed value, and no other element', async (t) => {
  t.same(cb.languages, ['en', 'fr']);
  t.same(cb.questions.map((x) => x.name), ['experience', 'country', 'kinds', 'segments', 'again', 'satisfaction', 'obstacles', 'phases', 'count', 'email', 'remarks', 'channel', 'copy', 'titled', 'computed']);
  t.same([q('computed').type, q('computed').computed], ['expression', true], 'an expression is listed, computed by the server');
  t.same([q('count').type, q('count').inputType, q('remarks').type, q('remarks').inputType], ['text', 'number', 'comment', undefined]);
});

t.test('titles and choice labels in every language, falling back to the default text', async (t) => {
  t.same(q('titled').title, { en: 'Which kind?', fr: 'Quel type ?' });
  t.same(q('titled').choices, [{ value: 'a', text: { en: 'Alpha', fr: 'Alpha FR' } }, { value: 'b', text: { en: 'Beta', fr: 'Beta' } }]);
  t.same(q('experience').title, { en: 'experience', fr: 'experience' }, 'a question without a title is named by its name');
  t.same(q('titled').otherItem, { value: 'other', text: { en: 'Other (describe)', fr: 'Autre (préciser)' } });
  t.ok(q('titled').hasComment);
});

t.test('other and none items, booleans, ratings, rankings, matrices', async (t) => {
  t.same(q('kinds').choices.map((c) => c.value), ['cots', 'ppi', 'pcp', 'ip']);
  t.same(q('kinds').noneItem, { value: 'none', text: { en: 'None', fr: 'Aucun' } });
  t.same(q('again').choices, [{ value: true, text: { en: 'Yes', fr: 'Oui' } }, { value: false, text: { en: 'No', fr: 'Non' } }]);
  t.same(q('satisfaction').choices.map((c) => c.value), [1, 2, 3, 4, 5]);
  t.same(q('obstacles').choices.map((c) => c.value), ['law', 'language', 'budget']);
  t.same(q('phases').rows.map((r) => r.value), ['pre', 'tender', 'post']);
  t.same(q('phases').columns.map((c) => c.value), ['easy', 'hard']);
  t.same(q('copy').choices.map((c) => c.value), ['drones', 'ai', 'cyber'], 'choicesFromQuestion reads the source question');
});

t.test('export columns: one per choice, ranked item and matrix row, plus comments', async (t) => {
  t.same(q('kinds').exportColumns.map((c) => [c.name, c.kind]), [
    ['kinds.cots', 'choice'], ['kinds.ppi', 'choice'], ['kinds.pcp', 'choice'], ['kinds.ip', 'choice'],
    ['kinds.other', 'choice'], ['kinds.none', 'choice'], ['kinds-Comment', 'comment'],
  ]);
  t.same(q('obstacles').exportColumns.map((c) => c.name), ['obstacles.law', 'obstacles.language', 'obstacles.budget']);
  t.same(q('phases').exportColumns.map((c) => [c.name, c.kind]), [['phases.pre', 'row'], ['phases.tender', 'row'], ['phases.post', 'row']]);
  t.same(q('channel').exportColumns.map((c) => c.name), ['channel', 'channel-Comment']);
  t.same(q('count').exportColumns.map((c) => [c.name, c.kind]), [['count', 'value']]);
});

t.test('the codebook table has one line per question, item and export column', async (t) => {
  const table = codebookTable(cb);
  t.same(table.header, ['survey', 'edition', 'question', 'type', 'input_type', 'element', 'value', 'export_column', 'column_kind', 'label_en', 'label_fr']);
  const rows = [...(table.rows as Iterable<Cell[]>)];
  const titled = rows.filter((r) => r[2] === 'titled');
  t.same(titled.map((r) => [r[5], r[6], r[7], r[9], r[10]]), [
    ['question', null, null, 'Which kind?', 'Quel type ?'],
    ['choice', 'a', null, 'Alpha', 'Alpha FR'],
    ['choice', 'b', null, 'Beta', 'Beta'],
    ['other', 'other', null, 'Other (describe)', 'Autre (préciser)'],
    ['export_column', 'a', 'titled.a', null, null],
    ['export_column', 'b', 'titled.b', null, null],
    ['export_column', 'other', 'titled.other', null, null],
    ['export_column', null, 'titled-Comment', null, null],
  ]);
  t.ok(rows.every((r) => r[0] === 'test' && r[1] === '2024'));
});
