/**
 * Masked text questions: what survey-core stores for typing into each mask is accepted, and values
 * the mask could not have produced are refused with a message.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';

const maskedDefinition = JSON.parse(readFileSync(new URL('../fixtures/masked-text.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** What survey-core's data holds after a respondent types these texts into the masked inputs. */
function typed(texts: Record<string, string>): Record<string, unknown> {
  const m = new Model(maskedDefinition);
  for (const [name, text] of Object.entries(texts)) (m.getQuestionByName(name) as unknown as { inputValue: string }).inputValue = text;
  return m.data as Record<string, unknown>;
}

const v = new AnswerValidator(maskedDefinition);

t.test('what survey-core stores for typing into each mask is accepted as it is', async (t) => {
  const data = typed({ amount: '12.5', price: '€ 1,234.56', phone: '+33 612 345 678', day: '31/01/2024', time: '13:45', kept: '1,234.5', code: '12-34' });
  t.same(data, { amount: 12.5, price: 1234.56, phone: '33612345678', day: '2024-01-31', time: '13:45', kept: '1,234.5', code: '12-34' }, 'numbers for numeric and currency masks, unmasked text otherwise, masked text when saved so');
  const r = v.check(data, 'en', 'complete');
  t.same(r.errors, {});
  t.same(r.answers, data);
});

const hostile: [string, Record<string, unknown>, RegExp][] = [
  ['a numeric mask given text', { amount: '12.5' }, /Expected a number/],
  ['a negative number where the mask allows none', { amount: -5 }, /outside what the field allows/],
  ['more decimals than the mask keeps', { amount: 12.345 }, /outside what the field allows/],
  ['a number above the mask\'s maximum', { amount: 1001 }, /outside what the field allows/],
  ['a currency given its masked text', { price: '€ 12.50' }, /Expected a number/],
  ['an incomplete pattern', { phone: '3361' }, /completes the format/],
  ['letters in a digit pattern', { phone: '33abc345678' }, /completes the format/],
  ['a pattern given a number', { phone: 33612345678 }, /completes the format/],
  ['an impossible date', { day: '2024-02-31' }, /complete date or time/],
  ['a date in another format', { day: '31/01/2024' }, /complete date or time/],
  ['a time out of range', { time: '25:61' }, /complete date or time/],
  ['saved masked text given a number', { kept: 1234.5 }, /format of the field/],
  ['saved masked text not as the mask writes it', { kept: '1234.5' }, /format of the field/],
  ['saved masked pattern incomplete', { code: '12-3' }, /format of the field/],
  ['an object', { day: { y: 2024 } }, /complete date or time/],
];
for (const [name, answers, message] of hostile) {
  t.test(`refuses ${name}`, async (t) => {
    const r = v.check(answers, 'en', 'partial');
    const key = Object.keys(answers)[0]!;
    t.match(r.errors[key]?.join(' '), message, JSON.stringify(r.errors));
    t.same(r.answers, {});
  });
}
