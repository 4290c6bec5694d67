import t from 'tap';
import { readFileSync } from 'node:fs';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';

const definition = JSON.parse(readFileSync(new URL('../fixtures/all-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const v = new AnswerValidator(definition);
const valid = {
  experience: 'yes', country: 'FR', kinds: ['cots', 'other'], 'kinds-Comment': 'joint framework', segments: ['ai'], again: true,
  satisfaction: 4, obstacles: ['law', 'budget', 'language'], phases: { pre: 'easy', post: 'hard' }, count: 3,
  email: 'a@b.eu', remarks: 'fine', channel: 'web',
};

t.test('accepts a valid answer set unchanged', async (t) => {
  const r = v.check(valid, 'en', 'complete');
  t.same(r.errors, {});
  t.same(r.answers, valid);
});

t.test('reports the required question in the respondent language', async (t) => {
  const fr = v.check({ country: 'FR' }, 'fr', 'complete');
  t.match(fr.errors.experience?.[0], /obligatoire/);
  const en = v.check({ country: 'FR' }, 'en', 'complete');
  t.match(en.errors.experience?.[0], /required/i);
});

t.test('partial saves skip required checks but not value checks', async (t) => {
  t.same(v.check({ country: 'FR' }, 'en', 'partial').errors, {});
  t.ok(v.check({ country: 'XX' }, 'en', 'partial').errors.country);
});

const hostile: [string, Record<string, unknown>, string][] = [
  ['unknown question', { ...valid, nope: 1 }, 'nope'],
  ['html element has no answer', { ...valid, intro: 'x' }, 'intro'],
  ['radio value outside choices', { ...valid, experience: 'maybe' }, 'experience'],
  ['dropdown value outside choices', { ...valid, country: 'XX' }, 'country'],
  ['checkbox value outside choices', { ...valid, kinds: ['cots', 'bogus'] }, 'kinds'],
  ['checkbox given a string', { ...valid, kinds: 'cots' }, 'kinds'],
  ['too many checkbox choices', { ...valid, kinds: ['cots', 'ppi', 'pcp', 'ip'] }, 'kinds'],
  ['none with other choices', { ...valid, kinds: ['none', 'ppi'] }, 'kinds'],
  ['repeated checkbox choice', { ...valid, kinds: ['ppi', 'ppi'] }, 'kinds'],
  ['tagbox outside choices', { ...valid, segments: ['tanks'] }, 'segments'],
  ['boolean as "yes"', { ...valid, again: 'yes' }, 'again'],
  ['rating above max', { ...valid, satisfaction: 9 }, 'satisfaction'],
  ['rating as string', { ...valid, satisfaction: '4' }, 'satisfaction'],
  ['ranking with unknown item', { ...valid, obstacles: ['law', 'budget', 'war'] }, 'obstacles'],
  ['ranking incomplete', { ...valid, obstacles: ['law'] }, 'obstacles'],
  ['matrix unknown row', { ...valid, phases: { pre: 'easy', during: 'hard' } }, 'phases'],
  ['matrix unknown column', { ...valid, phases: { pre: 'medium' } }, 'phases'],
  ['matrix given an array', { ...valid, phases: ['easy'] }, 'phases'],
  ['number given a string', { ...valid, count: '3' }, 'count'],
  ['number above max', { ...valid, count: 1000 }, 'count'],
  ['text given an object', { ...valid, email: { a: 1 } }, 'email'],
  ['invalid e-mail', { ...valid, email: 'not-an-address' }, 'email'],
  ['comment too long', { ...valid, remarks: 'x'.repeat(51) }, 'remarks'],
  ['other chosen without its text', { ...valid, channel: 'other' }, 'channel'],
  ['comment key of a question without comments', { ...valid, 'country-Comment': 'x' }, 'country-Comment'],
  ['radio with other gets an arbitrary value', { ...valid, channel: 'telepathy' }, 'channel'],
];
for (const [name, answers, key] of hostile) {
  t.test(`rejects ${name}`, async (t) => {
    const r = v.check(answers, 'en', 'complete');
    t.ok(r.errors[key], `an error on ${key}: ${JSON.stringify(r.errors)}`);
    t.same(r.answers, {});
  });
}

t.test('rejects prototype keys and non-objects', async (t) => {
  t.ok(v.check(JSON.parse('{"__proto__": {"x": 1}}'), 'en', 'partial').errors.__proto__);
  t.ok(v.check({ constructor: 'x' }, 'en', 'partial').errors.constructor);
  t.ok(v.check([1, 2], 'en', 'partial').errors.answers);
  t.ok(v.check(null, 'en', 'partial').errors.answers);
});

t.test('drops answers of questions hidden by the branching', async (t) => {
  const r = v.check({ ...valid, experience: 'no' }, 'en', 'complete');
  t.same(r.errors, {});
  t.notOk('kinds' in r.answers);
  t.notOk('kinds-Comment' in r.answers);
  t.equal(r.answers.country, 'FR');
});

t.test('drops the other text when other is not chosen', async (t) => {
  const r = v.check({ ...valid, kinds: ['ppi'] }, 'en', 'complete');
  t.same(r.errors, {});
  t.notOk('kinds-Comment' in r.answers);
});

t.test('knows its languages', async (t) => {
  t.ok(v.supportsLocale('fr'));
  t.notOk(v.supportsLocale('de'));
});
