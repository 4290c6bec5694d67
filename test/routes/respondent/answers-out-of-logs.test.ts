/**
 * A respondent's answers never reach the logs: survey-core prints a value of the wrong JSON type
 * in full to the console (a string for a matrix, an object for a dynamic panel), so a tampered
 * submission must be refused with 422 and leave nothing of its value on stderr or stdout.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { buildTestApp } from '../../helper.ts';
import { publishAndLink } from '../../support/publish-definition.ts';
import { VALID } from '../../support/nested-answers.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const { app } = await buildTestApp(t);
const link = await publishAndLink(app, 'quiet', fixture);
let seq = 0;
const submit = (answers: unknown) => app.inject({
  method: 'POST', url: `/s/${link.token}/responses`,
  headers: { 'content-type': 'application/json', 'idempotency-key': `quiet-key-${Date.now()}-${++seq}-abcdef` },
  payload: JSON.stringify({ answers, locale: 'en' }),
});

/** Everything written to stdout, stderr and the console while `fn` runs (still passed through). */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; text: string }> {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const consoleOf = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const grab = (chunk: unknown) => chunks.push(typeof chunk === 'string' ? chunk : String(chunk));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (grab(chunk), out(chunk as string, ...(rest as []))));
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (grab(chunk), err(chunk as string, ...(rest as []))));
  for (const name of Object.keys(consoleOf) as (keyof typeof consoleOf)[]) {
    console[name] = (...args: unknown[]) => { grab(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')); };
  }
  try {
    return { result: await fn(), text: chunks.join('') };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    Object.assign(console, consoleOf);
  }
}

const SECRET = 'Respondent-Secret-7f3a';
const tampered: [string, Record<string, unknown>][] = [
  ['a string for a matrix of cells', { partners: SECRET }],
  ['an object for a dynamic matrix', { lots: { first: SECRET } }],
  ['an object for a dynamic panel', { procurements: { year: SECRET } }],
  ['a list for a multiple text', { contact: [SECRET] }],
  ['a long string for a dynamic panel (no flood either)', { procurements: SECRET.repeat(2_000) }],
];

t.test('a tampered submission: 422, and nothing of its value written to the logs', async (t) => {
  for (const [name, change] of tampered) {
    const { result: res, text } = await captured(() => submit({ ...VALID, ...change }));
    t.equal(res.statusCode, 422, name);
    t.same(Object.keys(res.json().errors), Object.keys(change), `${name}: the question named`);
    t.notOk(text.includes(SECRET), `${name}: the value is not in the output`);
    t.notOk(text.includes('incorrect value'), `${name}: no survey-core warning`);
  }
});

t.test('survey-core still prints this warning outside the validator (the capture works)', async (t) => {
  const { Model } = await import('survey-core');
  const m = new Model(fixture);
  const { text } = await captured(async () => { m.data = { partners: SECRET }; });
  t.ok(text.includes(SECRET), 'a model given a wrong-typed value directly still prints it');
});
