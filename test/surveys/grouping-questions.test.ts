/**
 * Which question groups responses by country and authority type: only a declared one, whose
 * choices are codes of the reference list; the shipped editions declare theirs.
 */
import t from 'tap';
import { join } from 'node:path';
import { declaredGroupings, groupingProblems, responseGrouping } from '../../server/surveys/grouping-questions.ts';
import { prepareDefinition, readEditionFiles } from '../../server/surveys/edition-files.ts';
import { loadReferenceLists } from '../../server/surveys/reference-lists.ts';

const repoSurveys = new URL('../../surveys/', import.meta.url).pathname;

t.test('the shipped editions declare their country and authority-type questions', async (t) => {
  const { files, problems } = await readEditionFiles(repoSurveys);
  t.same(problems, []);
  t.equal(files.length, 2);
  for (const f of files) t.same([...declaredGroupings(f.definition)].sort(), ['authority_type', 'country'], f.path);
});

t.test('a question merely named country or authority_type groups nothing', async (t) => {
  const lists = await loadReferenceLists(repoSurveys);
  const foreign = prepareDefinition({ elements: [
    { type: 'dropdown', name: 'country', choices: ['item1', 'item2'] },
    { type: 'radiogroup', name: 'authority_type', choices: ['police'] },
  ] }, lists);
  t.same(foreign.problems, []);
  t.same([...declaredGroupings(foreign.definition)], []);
  t.same(responseGrouping(declaredGroupings(foreign.definition), 'FR', { country: 'item1', authority_type: 'police' }), { country: 'FR', authorityType: 'not_asked' });
});

t.test('a declared question from the reference list groups by its answer', async (t) => {
  const lists = await loadReferenceLists(repoSurveys);
  const ours = prepareDefinition({ elements: [
    { type: 'dropdown', name: 'country', grouping: 'country', choicesFromReference: 'countries' },
    { type: 'radiogroup', name: 'authority_type', grouping: 'authority_type', choicesFromReference: 'authority-types' },
  ] }, lists);
  t.same(ours.problems, []);
  const groupings = declaredGroupings(ours.definition);
  t.same(responseGrouping(groupings, 'FR', { country: 'DE', authority_type: 'police' }), { country: 'DE', authorityType: 'police' });
  t.same(responseGrouping(groupings, 'FR', {}), { country: null, authorityType: null }, 'not answered yet (a partial response)');
  // Written out, as an edition's JSON downloaded from the console and uploaded again.
  const written = prepareDefinition({ elements: [{ type: 'dropdown', name: 'country', grouping: 'country', choices: [{ value: 'AT', text: 'Austria' }, 'FR'] }] }, lists);
  t.same(written.problems, []);
});

t.test('a declaration that cannot hold is refused with what to change', async (t) => {
  const lists = await loadReferenceLists(repoSurveys);
  const cases: [string, Record<string, unknown>[], RegExp][] = [
    ['choices that are not codes', [{ type: 'dropdown', name: 'country', grouping: 'country', choices: ['item1', 'FR'] }], /codes of the "countries" list.*"item1"/],
    ['no choices at all', [{ type: 'dropdown', name: 'country', grouping: 'country' }], /codes of the "countries" list/],
    ['codes of the other list', [{ type: 'dropdown', name: 'authority_type', grouping: 'authority_type', choicesFromReference: 'countries' }], /"authority-types" list/],
    ['another name', [{ type: 'dropdown', name: 'land', grouping: 'country', choicesFromReference: 'countries' }], /belongs on the question named "country"/],
    ['an unknown grouping', [{ type: 'dropdown', name: 'country', grouping: 'region', choicesFromReference: 'countries' }], /not a grouping/],
    ['several answers', [{ type: 'checkbox', name: 'country', grouping: 'country', choicesFromReference: 'countries' }], /dropdown or radiogroup/],
    ['an "other" answer', [{ type: 'dropdown', name: 'country', grouping: 'country', choicesFromReference: 'countries', showOtherItem: true }], /no "other"/],
    ['two declarations', [
      { type: 'dropdown', name: 'country', grouping: 'country', choicesFromReference: 'countries' },
      { type: 'panel', name: 'p', elements: [{ type: 'dropdown', name: 'country', valueName: 'x', grouping: 'country', choicesFromReference: 'countries' }] },
    ], /only one question|"country": the name is used twice/],
  ];
  for (const [name, elements, message] of cases) {
    const r = prepareDefinition({ elements }, lists);
    t.match(r.problems.join('\n'), message, name);
  }
});

t.test('without reference lists at hand (a stored upload re-checked for its texts) the codes are not checked again', async (t) => {
  t.same(groupingProblems({ elements: [{ type: 'dropdown', name: 'country', grouping: 'country', choices: ['FR'] }] }, new Map()), []);
  const lists = await loadReferenceLists(join(repoSurveys));
  t.ok(lists.has('countries') && lists.has('authority-types'), 'the lists the declarations name exist');
});
