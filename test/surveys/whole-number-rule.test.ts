import t from 'tap';
import { Model, type Question } from 'survey-core';
import { NETWORK_LANGUAGES } from '../../server/surveys/translation-check.ts';
import { languagesOfWholeNumberMessage, takesWholeNumbers, wholeNumberMessage } from '../../analysis/question-kinds/whole-number-rule.ts';

t.test('the whole-number message exists in every language of the network', async (t) => {
  t.same([...languagesOfWholeNumberMessage()].sort(), [...NETWORK_LANGUAGES].sort());
  const english = wholeNumberMessage('en');
  for (const lang of NETWORK_LANGUAGES) if (lang !== 'en') t.not(wholeNumberMessage(lang), english, lang);
  t.equal(wholeNumberMessage('xx'), english, 'English fills any other');
});

t.test('number questions take whole numbers unless their step allows fractions', async (t) => {
  const m = new Model({ elements: [
    { type: 'text', name: 'count', inputType: 'number' },
    { type: 'text', name: 'ones', inputType: 'number', step: 1 },
    { type: 'text', name: 'halves', inputType: 'number', step: 0.5 },
    { type: 'text', name: 'any', inputType: 'number', step: 'any' },
  ] });
  const q = (name: string) => m.getQuestionByName(name) as Question;
  t.equal(takesWholeNumbers(q('count')), true);
  t.equal(takesWholeNumbers(q('ones')), true);
  t.equal(takesWholeNumbers(q('halves')), false);
  t.equal(takesWholeNumbers(q('any')), false);
});
