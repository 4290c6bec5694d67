/** Definitions the fast path does not model are left to survey-core whole. */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/all-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

t.test('a definition with a feature the fast path does not model is left to survey-core', async (t) => {
  // The fixture's e-mail validator is not modelled: every answer goes through survey-core.
  t.equal(new AnswerValidator(fixture).isCompiled, false);
  const withChoiceCondition = {
    pages: [{ name: 'p', elements: [{ type: 'radiogroup', name: 'a', choices: ['x', 'y'], choicesVisibleIf: "{item} != 'y'" }] }],
  };
  t.equal(new AnswerValidator(withChoiceCondition).isCompiled, false);
  const withFunction = { pages: [{ name: 'p', elements: [{ type: 'text', name: 'a', visibleIf: 'age({b}) > 3' }, { type: 'text', name: 'b' }] }] };
  t.equal(new AnswerValidator(withFunction).isCompiled, false);
  const withVariable = { pages: [{ name: 'p', elements: [{ type: 'text', name: 'a', visibleIf: '{locale} = "fr"' }] }] };
  t.equal(new AnswerValidator(withVariable).isCompiled, false);
});
