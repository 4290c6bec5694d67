/**
 * The nested SurveyJS types (matrixdropdown, matrixdynamic, paneldynamic, multipletext) and the
 * image picker and slider hosted with them: the definition checks, then valid and tampered answer
 * sets on test/fixtures/nested-types.json, each refusal naming the row, panel or item.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { checkDefinition } from '../../server/surveys/definition-check.ts';
import { compileAnswerCheck } from '../../server/surveys/compiled-answer-check.ts';
import { Model } from 'survey-core';
import { VALID } from '../support/nested-answers.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;


const validator = new AnswerValidator(fixture);
const check = (answers: Record<string, unknown>, mode: 'complete' | 'partial' = 'complete') => validator.check(answers, 'en', mode);
const withAnswer = (key: string, value: unknown) => ({ ...structuredClone(VALID), [key]: value });

t.test('the fixture publishes: every nested type hosted, every part checked', async (t) => {
  t.same(checkDefinition(structuredClone(fixture)).problems, []);
});

t.test('a valid answer set is stored as survey-core gives it', async (t) => {
  const r = check(structuredClone(VALID));
  t.same(r.errors, {});
  t.same(r.answers, VALID);
});

t.test('the compiled fast path declines these types, so survey-core and the strict checks decide', async (t) => {
  t.equal(compileAnswerCheck(fixture, new Model(fixture)), undefined);
  t.notOk(validator.isCompiled);
});

const cases: [string, string, unknown, RegExp][] = [
  ['an unknown row', 'partners', { ...VALID.partners, ghost: { role: 'buyer' } }, /^Unknown row "ghost"\.$/],
  ['an unknown column', 'partners', { lead: { role: 'buyer', colour: 'red' } }, /^Row "lead", column "colour": Unknown column\.$/],
  ['a cell value outside its choices', 'partners', { lead: { role: 'boss' } }, /^Row "lead", column "role": "boss" is not one of the listed answers\.$/],
  ['a rating cell outside the scale', 'partners', { lead: { role: 'buyer', score: 9 } }, /^Row "lead", column "score": Expected one of 1, 2, 3, 4, 5\.$/],
  ['text in a numeric cell', 'partners', { lead: { role: 'buyer', budget: '120000' } }, /^Row "lead", column "budget": Expected a number\.$/],
  ['a row that is not an object', 'partners', { lead: 'buyer' }, /^Row "lead": Expected an object/],
  ['a list for a fixed matrix', 'partners', [VALID.partners], /^Expected an object of rows/],
  ['too many rows', 'lots', [{ kind: ['works'] }, { kind: ['works'] }, { kind: ['works'] }, { kind: ['works'] }], /^At most 3 rows allowed, 4 given\.$/],
  ['too few rows', 'lots', [], /^At least 1 row expected, 0 given\.$/],
  ['a checkbox cell given one value', 'lots', [{ kind: 'works' }], /^Row 1, column "kind": Expected a list of the listed answers\.$/],
  ['a checkbox cell value outside its choices', 'lots', [{ kind: ['works', 'bridges'] }], /^Row 1, column "kind": "bridges" not among the listed answers\.$/],
  ['an unknown cell in a dynamic row', 'lots', [{ kind: ['works'], colour: 'red' }], /^Row 1, column "colour": Unknown column\.$/],
  ['yes for a boolean cell', 'lots', [{ kind: ['works'], framework: 'yes' }], /^Row 1, column "framework": Expected yes or no\.$/],
  ['an object for a dynamic matrix', 'lots', { kind: ['works'] }, /^Expected a list of rows/],
  ['too many panels', 'procurements', Array.from({ length: 4 }, () => ({ year: 2020, outcome: 'awarded' })), /^At most 3 panels allowed, 4 given\.$/],
  ['too few panels', 'procurements', [], /^At least 1 panel expected, 0 given\.$/],
  ['an unknown question in a panel', 'procurements', [{ year: 2020, outcome: 'awarded', budget: 5 }], /^Panel 1, question "budget": Unknown question\.$/],
  ['a panel value outside its choices', 'procurements', [{ year: 2020, outcome: 'awarded' }, { year: 2021, outcome: 'won' }], /^Panel 2, question "outcome": "won" is not one of the listed answers\.$/],
  ['text for a number in a panel', 'procurements', [{ year: '2020', outcome: 'awarded' }], /^Panel 1, question "year": Expected a number\.$/],
  ['a panel that is not an object', 'procurements', ['2020'], /^Panel 1: Expected an object of answers\.$/],
  ['an unknown item', 'contact', { unit: 'x', email: 'a@b.c' }, /^Item "email": Unknown item\.$/],
  ['text in a number item', 'contact', { staff: 'twelve' }, /^Item "staff": Expected a number\.$/],
  ['a list for multiple text', 'contact', ['x'], /^Expected an object of answers per item\.$/],
  ['a picture not offered', 'channel', 'tv', /^"tv" is not one of the pictures\.$/],
  ['a list for a single picture', 'channel', ['ted'], /^Choose one of the pictures\.$/],
  ['a slider value out of range', 'effort', 11, /^Expected a number from 0 to 10\.$/],
  ['a slider value between steps', 'effort', 2.5, /^Expected a step of 1 from 0\.$/],
  ['text for a slider', 'effort', '7', /^Expected a number\.$/],
];

t.test('tampered answers: 422-style errors under the question, naming the row, panel or item', async (t) => {
  for (const [name, key, value, message] of cases) {
    for (const mode of ['complete', 'partial'] as const) {
      const r = check(withAnswer(key, value), mode);
      t.same(Object.keys(r.errors), [key], `${name} (${mode}): ${JSON.stringify(r.errors)}`);
      t.match(r.errors[key]?.[0] ?? '', message, `${name} (${mode})`);
      t.same(r.answers, {}, 'nothing is kept from a refused answer set');
    }
  }
});

t.test('required cells and panel questions: survey-core\'s errors, placed on the row or panel', async (t) => {
  const noRole = check(withAnswer('partners', { lead: { score: 3 } }));
  // survey-core asks a required column in every row of a fixed matrix.
  t.same(noRole.errors, { partners: ['Row "lead", column "role": Response required.', 'Row "other", column "role": Response required.'] });
  const noKind = check(withAnswer('lots', [{ kind: ['works'] }, { value: 10 }]));
  t.same(noKind.errors, { lots: ['Row 2, column "kind": Response required.'] });
  const noOutcome = check(withAnswer('procurements', [{ year: 2020, outcome: 'awarded' }, { year: 2021 }]));
  t.same(noOutcome.errors, { procurements: ['Panel 2, question "outcome": Response required.'] });
  const early = check(withAnswer('procurements', [{ year: 1999, outcome: 'awarded' }]));
  t.match(early.errors.procurements?.[0], /^Panel 1, question "year": .*2000/, 'a validator inside a panel too');
  t.same(check(withAnswer('partners', { lead: { score: 3 } }), 'partial').errors, {}, 'a partial save does not ask for required cells');
});

t.test('{row.x} and {panel.x} conditions: hidden cells and panel questions are dropped from the stored answer', async (t) => {
  const r = check(withAnswer('partners', { lead: { role: 'buyer', why: 'not shown to a buyer' }, other: { role: 'observer', why: 'kept' } }));
  t.same(r.errors, {});
  t.same(r.answers.partners, { lead: { role: 'buyer' }, other: { role: 'observer', why: 'kept' } });
  const lots = check(withAnswer('lots', [{ kind: ['works'], framework: false, years: 9 }, { kind: ['supplies'], framework: true, years: 2 }]));
  t.same(lots.answers.lots, [{ kind: ['works'], framework: false }, { kind: ['supplies'], framework: true, years: 2 }]);
  const panels = check(withAnswer('procurements', [{ year: 2021, outcome: 'awarded', cancel_reason: 'hidden: it was awarded' }, { year: 2022, outcome: 'cancelled', cancel_reason: 'No bids' }]));
  t.same(panels.errors, {});
  t.same(panels.answers.procurements, [{ year: 2021, outcome: 'awarded' }, { year: 2022, outcome: 'cancelled', cancel_reason: 'No bids' }]);
});

t.test('a blank dynamic row or panel keeps its place, as survey-core stores it', async (t) => {
  const r = check({ ...structuredClone(VALID), lots: [{ kind: ['works'] }, {}], procurements: [{ year: 2020, outcome: 'awarded' }] }, 'partial');
  t.same(r.errors, {});
  t.same(r.answers.lots, [{ kind: ['works'] }, {}]);
});

t.test('a range slider and a multi-select image picker', async (t) => {
  const def = { elements: [
    { type: 'slider', name: 'band', sliderType: 'range', min: 0, max: 100, step: 5 },
    { type: 'imagepicker', name: 'pics', multiSelect: true, choices: [{ value: 'a', imageLink: '/assets/img/a.png' }, { value: 'b' }] },
  ] };
  t.same(checkDefinition(structuredClone(def)).problems, []);
  const v = new AnswerValidator(def);
  t.same(v.check({ band: [10, 55], pics: ['a', 'b'] }, 'en', 'complete').errors, {});
  t.same(v.check({ band: [55, 10] }, 'en', 'complete').errors, { band: ['The lower end is above the upper end.'] });
  t.same(v.check({ band: [10] }, 'en', 'complete').errors, { band: ['Expected two numbers, the lower end and the upper end.'] });
  t.same(v.check({ pics: ['a', 'a'] }, 'en', 'complete').errors, { pics: ['The same picture is chosen twice.'] });
  t.same(v.check({ pics: ['c'] }, 'en', 'complete').errors, { pics: ['"c" not among the pictures.'] });
});

t.test('definition checks on columns and items: file and signature cells refused with the reason, names unique per question, all at once', async (t) => {
  const r = checkDefinition({ pages: [{ name: 'p', elements: [
    { type: 'matrixdynamic', name: 'm', columns: [{ name: 'cv', cellType: 'file' }, { name: 'sig', cellType: 'signaturepad' }, { name: 'a' }, { name: 'a' }, { name: 'constructor' }, { name: 'total', cellType: 'expression' }] },
    { type: 'matrixdropdown', name: 'd', cellType: 'file', columns: ['x'], rows: ['r'] },
    { type: 'matrixdynamic', name: 'det', columns: ['x'], detailPanelMode: 'underRow', detailElements: [{ type: 'text', name: 'y' }] },
    { type: 'multipletext', name: 'mt', items: [{ name: 'i' }, { name: 'i' }] },
    { type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'file', name: 'scan' }, { type: 'text', name: 'a' }] },
  ] }] });
  const text = r.problems.join('\n');
  t.match(text, /question "m", column "cv": cell type "file" is refused: a file can identify a respondent, and this platform stores no files/);
  t.match(text, /question "m", column "sig": cell type "signaturepad" is refused: a signature identifies a respondent/);
  t.match(text, /question "m", column "a": the name is used twice/);
  t.match(text, /question "m", column "constructor": names must be/);
  t.match(text, /question "m", column "total": cell type "expression" is refused: a computed cell/);
  t.match(text, /question "d": cell type "file" is refused/);
  t.match(text, /question "det": a detail panel under matrix rows is not hosted yet/);
  t.match(text, /question "mt", item "i": the name is used twice/);
  t.match(text, /question "scan": type "file" is refused/);
  t.notMatch(text, /question "a": the name is used twice/, 'the template is its own scope');
});

t.test('repeats are bounded: an unset maximum gets the default, a larger one or a start above it is refused', async (t) => {
  const free = checkDefinition({ elements: [{ type: 'matrixdynamic', name: 'm', columns: [{ name: 'a' }] }, { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'text', name: 'x' }] }] });
  t.same(free.problems, []);
  const [m, p] = free.definition.elements as Record<string, unknown>[];
  t.same([m!.maxRowCount, p!.maxPanelCount], [50, 50]);
  const v = new AnswerValidator(free.definition);
  t.same(v.check({ m: Array.from({ length: 51 }, () => ({ a: 'x' })) }, 'en', 'complete').errors, { m: ['At most 50 rows allowed, 51 given.'] });
  const big = checkDefinition({ elements: [
    { type: 'matrixdynamic', name: 'm', columns: [{ name: 'a' }], maxRowCount: 1000 },
    { type: 'paneldynamic', name: 'p', templateElements: [{ type: 'text', name: 'x' }], maxPanelCount: 5, panelCount: 6 },
    { type: 'matrixdropdown', name: 'd', columns: Array.from({ length: 101 }, (_, i) => ({ name: `c${i}` })), rows: ['r'] },
  ] });
  const text = big.problems.join('\n');
  t.match(text, /question "m": maxRowCount must be a whole number from 1 to 100 \(unset, it is 50\)/);
  t.match(text, /question "p": panelCount must be a whole number from 0 to maxPanelCount \(5\)/);
  t.match(text, /question "d": 101 columns; a matrix holds at most 100/);
});

t.test('a dynamic matrix inside a dynamic panel: checked through both, errors naming both places', async (t) => {
  const def = { elements: [{ type: 'paneldynamic', name: 'bids', maxPanelCount: 3, templateElements: [
    { type: 'text', name: 'bidder' },
    { type: 'matrixdynamic', name: 'items', rowCount: 0, maxRowCount: 2, columns: [{ name: 'price', cellType: 'text', inputType: 'number', isRequired: true }, { name: 'unit', cellType: 'dropdown', choices: ['kg', 'piece'], visibleIf: '{row.price} > 0' }] },
  ] }] };
  t.same(checkDefinition(structuredClone(def)).problems, []);
  const v = new AnswerValidator(def);
  const ok = v.check({ bids: [{ bidder: 'A', items: [{ price: 0, unit: 'kg' }, { price: 2, unit: 'piece' }] }] }, 'en', 'complete');
  t.same(ok.errors, {});
  t.same(ok.answers, { bids: [{ bidder: 'A', items: [{ price: 0 }, { price: 2, unit: 'piece' }] }] }, 'the hidden cell of the inner matrix is dropped');
  t.same(v.check({ bids: [{ items: [{ price: 2, unit: 'ton' }] }] }, 'en', 'complete').errors,
    { bids: ['Panel 1, question "items": Row 1, column "unit": "ton" is not one of the listed answers.'] });
  t.same(v.check({ bids: [{ bidder: 'A' }, { items: [{ price: 1 }, { unit: 'kg' }] }] }, 'en', 'complete').errors,
    { bids: ['Panel 2, question "items": Row 2, column "price": Response required.'] });
});
