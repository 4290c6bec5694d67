import t from 'tap';
import { definitionInLanguage } from '../../server/surveys/definition-in-language.ts';

const locales = ['en', 'fr', 'de'];

t.test('every localized text becomes the text of one language, English filling gaps', async (t) => {
  const definition = {
    title: { default: 'Survey', fr: 'Enquête', de: 'Umfrage' },
    pages: [{
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'q1', title: { default: 'Which?', de: 'Welche?' }, choices: [{ value: 'a', text: { default: 'A', fr: 'Un' } }, 'b'] },
        { type: 'text', name: 'q2', title: 'Plain', defaultValue: { default: 1 } },
      ],
    }],
  };
  t.same(definitionInLanguage(definition, 'fr', locales), {
    title: 'Enquête',
    pages: [{
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'q1', title: 'Which?', choices: [{ value: 'a', text: 'Un' }, 'b'] },
        { type: 'text', name: 'q2', title: 'Plain', defaultValue: { default: 1 } },
      ],
    }],
  });
  t.equal((definitionInLanguage(definition, 'de', locales) as { title: string }).title, 'Umfrage');
  t.equal(definition.title.fr, 'Enquête', 'the edition itself is left as it was');
});

t.test('an object whose keys are not languages is data, not a text', async (t) => {
  const definition = { calculatedValues: [{ name: 'x', expression: '1' }], cells: { row: { col: 'v' } }, extra: { default: 'a', zz: 'b' } };
  t.same(definitionInLanguage(definition, 'fr', locales), definition);
});
