/**
 * Definitions written elsewhere (SurveyJS's own examples and editors): the older "questions" key,
 * names per scope and shared valueNames, inline images, and the refused types with their reasons.
 */
import t from 'tap';
import { Model } from 'survey-core';
import { prepareDefinition } from '../../server/surveys/edition-files.ts';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { definitionBoundsProblems } from '../../server/surveys/definition-bounds.ts';
import { REFUSED_TYPES } from '../../server/surveys/question-types.ts';

const prepare = (raw: unknown) => prepareDefinition(raw, new Map());
const png = (bytes: number) => `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

t.test('the older "questions" key is read where survey-core reads it, and normalised to "elements"', async (t) => {
  const top = prepare({ title: 'Old', questions: [{ type: 'text', name: 'a' }, { type: 'panel', name: 'p', questions: [{ type: 'radiogroup', name: 'b', choices: ['x'] }] }] });
  t.same(top.problems, []);
  t.same(top.definition.elements, [{ type: 'text', name: 'a' }, { type: 'panel', name: 'p', elements: [{ type: 'radiogroup', name: 'b', choices: ['x'] }] }]);
  t.notOk('questions' in top.definition);
  // survey-core finds the same questions in the written and the normalised form.
  const names = (d: unknown) => new Model(d).getAllQuestions().map((q) => q.name);
  t.same(names(top.definition), names({ questions: [{ type: 'text', name: 'a' }, { type: 'panel', name: 'p', questions: [{ type: 'radiogroup', name: 'b', choices: ['x'] }] }] }));
  const inPage = prepare({ pages: [{ name: 'p1', questions: [{ type: 'text', name: 'a' }] }] });
  t.same(inPage.problems, []);
  t.same((inPage.definition.pages as { elements: unknown }[])[0]!.elements, [{ type: 'text', name: 'a' }]);
});

t.test('inside the older key, every element is checked: types, names, duplicates', async (t) => {
  const r = prepare({ pages: [{ name: 'p1', elements: [
    { type: 'text', name: 'a' },
    { type: 'panel', name: 'old', questions: [
      { type: 'file', name: 'cv' }, { type: 'signaturepad', name: 'sign' }, { type: 'paneldynamic', name: 'rows', templateElements: [{ type: 'text', name: 'x' }] },
      { type: 'text', name: 'a' }, { type: 'text', name: 'constructor' },
    ] },
  ] }] });
  const text = r.problems.join('\n');
  t.match(text, /"cv": type "file" is refused: a file can identify a respondent, and this platform stores no files/);
  t.match(text, /"sign": type "signaturepad" is refused: a signature identifies a respondent/);
  t.notMatch(text, /"rows"/, 'a dynamic panel is hosted, and its template checked');
  t.match(text, /question "a": the name is used twice/);
  t.match(text, /question "constructor": names must be/);
  const both = prepare({ pages: [{ name: 'p1', elements: [{ type: 'text', name: 'a' }], questions: [{ type: 'file', name: 'f' }] }] });
  t.match(both.problems.join('\n'), /page "p1": has both "elements" and the older "questions"; put every element in "elements"/);
  const pagesAndTop = prepare({ pages: [{ name: 'p1', elements: [{ type: 'text', name: 'a' }] }], questions: [{ type: 'text', name: 'b' }] });
  t.match(pagesAndTop.problems.join('\n'), /both "pages" and top-level elements/);
  const notList = prepare({ questions: { type: 'text', name: 'a' } });
  t.match(notList.problems.join('\n'), /"questions" must be a list/);
});

t.test('the bounds count elements under the older key too', async (t) => {
  const many = { pages: [{ name: 'p', questions: Array.from({ length: 300 }, (_, i) => ({ type: 'text', name: `q${i}` })) }] };
  t.match(definitionBoundsProblems(many).join('\n'), /300 elements; a page or panel holds at most 250/);
});

t.test('every refused type is listed at once, each with its reason', async (t) => {
  const elements = Object.keys(REFUSED_TYPES).map((type) => ({ type, name: `q_${type}` }));
  const r = prepare({ pages: [{ name: 'p', elements: [...elements, { type: 'text', name: 'ok' }, { type: 'weird', name: 'w' }] }] });
  for (const type of Object.keys(REFUSED_TYPES)) t.match(r.problems.join('\n'), new RegExp(`question "q_${type}": type "${type}" is refused: `), type);
  t.match(r.problems.join('\n'), /"w": type "weird" is refused: not a type this platform knows \(hosted: text, comment/);
  t.equal(r.problems.filter((p) => /is refused/.test(p)).length, Object.keys(REFUSED_TYPES).length + 1);
  t.ok(new Model({ elements: [{ type: 'slider', name: 's' }] }).getQuestionByName('s'), 'survey-core 2.5.25 has the slider it hosts');
});

t.test('names are unique per scope: a dynamic panel template is its own, shared valueNames are allowed', async (t) => {
  const dyn = prepare({ pages: [{ name: 'p', elements: [
    { type: 'text', name: 'year' },
    { type: 'paneldynamic', name: 'procurements', templateElements: [{ type: 'text', name: 'year' }, { type: 'text', name: 'value' }] },
    { type: 'paneldynamic', name: 'other', templateElements: [{ type: 'text', name: 'year' }, { type: 'text', name: 'year' }] },
  ] }] });
  const dynText = dyn.problems.join('\n');
  t.equal(dyn.problems.filter((p) => /used twice/.test(p)).length, 1, dynText);
  t.match(dynText, /question "year": the name is used twice in the template of dynamic panel "other"/);

  const shared = prepare({ pages: [{ name: 'p', elements: [
    { type: 'radiogroup', name: 'branch', choices: ['a', 'b'] },
    { type: 'text', name: 'budget_a', valueName: 'budget', visibleIf: "{branch} = 'a'", isRequired: true },
    { type: 'text', name: 'budget_b', valueName: 'budget', visibleIf: "{branch} = 'b'", isRequired: true },
  ] }] });
  t.same(shared.problems, [], 'questions sharing a valueName, as survey-core allows');
  const v = new AnswerValidator(shared.definition);
  t.same(v.check({ branch: 'b', budget: 'ten' }, 'en', 'complete'), { answers: { branch: 'b', budget: 'ten' }, errors: {} }, 'the value is kept when the second of the two is the one shown');
  t.ok(v.check({ branch: 'b' }, 'en', 'complete').errors.budget, 'and required there');
  t.ok(v.check({ branch: 'a', budget: { x: 1 } }, 'en', 'complete').errors.budget, 'and checked');

  const clash = prepare({ pages: [{ name: 'p', elements: [
    { type: 'text', name: 'a', valueName: 'v' }, { type: 'checkbox', name: 'b', valueName: 'v', choices: ['x'] },
  ] }] });
  t.match(clash.problems.join('\n'), /question "b": it stores its answer under "v" as question "a" does, but is a checkbox and that one a text/);
  const twice = prepare({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'a' }, { type: 'panel', name: 'x', elements: [{ type: 'text', name: 'a' }] }] }] });
  t.match(twice.problems.join('\n'), /question "a": the name is used twice; names must be unique/, 'the same name twice in the survey is still refused');
  const calc = prepare({ calculatedValues: [{ name: 'a', expression: '1' }], pages: [{ name: 'p', elements: [{ type: 'text', name: 'a' }] }] });
  t.match(calc.problems.join('\n'), /calculated value "a": a question has this name/);
});

t.test('inline data: images within the limit are allowed; remote addresses and oversized images are refused', async (t) => {
  const small = png(2_000);
  const ok = prepare({ logo: small, pages: [{ name: 'p', elements: [
    { type: 'image', name: 'pic', imageLink: small },
    { type: 'image', name: 'localised', imageLink: { default: small, fr: png(10) } },
    { type: 'image', name: 'served', imageLink: '/assets/img/procurement-map.png' },
    { type: 'text', name: 'q' },
  ] }] });
  t.same(ok.problems, []);
  t.equal((ok.definition.pages as { elements: { imageLink: string }[] }[])[0]!.elements[0]!.imageLink, small, 'stored as written');

  const cases: [string, unknown, RegExp][] = [
    ['a remote address', 'https://example.org/a.png', /only inline images \(data:image\/png, jpeg, gif or webp in base64, up to 100 KB\) or this server's own pictures \(\/assets\/img\/<file>\.png, \.jpg, \.gif or \.webp\) are allowed; remote addresses are refused/],
    ['a protocol-relative address', '//example.org/a.png', /only inline images/],
    ['an SVG, which may carry scripts', `data:image/svg+xml;base64,${Buffer.from('<svg onload="x()"/>').toString('base64')}`, /only inline images/],
    ['an image over the limit', png(150 * 1024), /the inline image is about 150 KB; only inline images/],
    ['not base64', 'data:image/png;base64,<script>', /only inline images/],
    ['a path out of the image folder', '/assets/img/../js/survey-page.js', /only inline images/],
    ['a remote address in one language', { default: small, fr: 'https://example.org/fr.png' }, /only inline images/],
  ];
  for (const [name, link, message] of cases) {
    const r = prepare({ pages: [{ name: 'p', elements: [{ type: 'image', name: 'pic', imageLink: link }, { type: 'text', name: 'q' }] }] });
    t.match(r.problems.join('\n'), new RegExp(`pages\\[0\\]\\.elements\\[0\\]\\.imageLink: ${message.source}`), name);
  }
  const logo = prepare({ logo: 'https://tracker.example/logo.png', pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] });
  t.match(logo.problems.join('\n'), /^logo: only inline images/m, 'a remote logo is refused too');
  const item = prepare({ pages: [{ name: 'p', elements: [{ type: 'imagepicker', name: 'pick', choices: [{ value: 'a', imageLink: 'https://example.org/a.png' }] }] }] });
  t.match(item.problems.join('\n'), /choices\[0\]\.imageLink: only inline images/, 'an image item\'s link is checked as well');
  const otherUrl = prepare({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }], navigateToUrl: 'data:image/png;base64,AAAA' });
  t.match(otherUrl.problems.join('\n'), /navigateToUrl: remote content is not allowed/, 'other URL keys stay refused');
});

t.test('a definition written elsewhere with computed values, masks and old keys publishes and takes survey-core\'s data', async (t) => {
  const r = prepare({
    title: 'Foreign',
    calculatedValues: [{ name: 'total', expression: '{a} + {b}', includeIntoResult: true }],
    questions: [
      { type: 'text', name: 'a', inputType: 'number' }, { type: 'text', name: 'b', maskType: 'numeric' },
      { type: 'expression', name: 'sum', expression: '{a} + {b}' }, { type: 'dropdown', name: 'country', choices: ['item1', 'item2'] },
    ],
  });
  t.same(r.problems, []);
  const m = new Model(r.definition);
  m.setValue('a', 2);
  m.setValue('b', 2.5);
  m.setValue('country', 'item2');
  const v = new AnswerValidator(r.definition);
  const checked = v.check(m.data, 'en', 'complete');
  t.same(checked.errors, {});
  t.same(checked.answers, { a: 2, b: 2.5, country: 'item2', sum: 4.5, total: 4.5 });
  t.notOk(v.groups('country'), 'its country question groups nothing');
});
