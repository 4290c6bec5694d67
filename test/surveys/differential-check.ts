/**
 * The differential check of the fast path, run per edition by compiled-answer-check-<edition>.test.ts.
 * On a thousand generated answer sets per edition, valid and mutated (branches flipped, answers
 * crossed over from other respondents, required answers emptied, wrong types, values outside the
 * choices, ranges, "other" texts, prototype keys...), the compiled check accepts only what
 * survey-core plus the strict checks accept, keeps the same answers, and AnswerValidator.check
 * returns exactly the same result (errors and messages included) in each of the edition's
 * languages, in both modes.
 */
import type { Test } from 'tap';
import { Model } from 'survey-core';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { compileAnswerCheck } from '../../server/surveys/compiled-answer-check.ts';
import { readEditionFiles } from '../../server/surveys/edition-files.ts';
import { generateAnswers, seededRandom } from '../support/answer-generator.ts';

/** Valid answer sets per edition; each gets five mutated copies. */
const BASES = 170;

type Answers = Record<string, unknown>;
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** Values that are wrong, empty or borderline for some question type. */
const ODD_VALUES: unknown[] = [
  '', '   ', [], {}, null, 0, -1, 101, 1000, 3.5, '3', 'other', 'none', 'yes', true, false, ['other'], ['none'],
  ['none', 'other'], { x: 1 }, 'x'.repeat(2100), [1, 2, 3], NaN, 'ATLANTIS', ['FR', 'FR'],
];

/** One mutation of a valid answer set; `pool` holds other respondents' answers to cross over. */
export function mutate(base: Answers, pool: Answers[], names: string[], rng: Rng): Answers {
  const out: Answers = { ...base };
  const keys = Object.keys(out);
  const other = pick(rng, pool);
  switch (Math.floor(rng() * 10)) {
    case 0: // an answer left out (often a required one)
      if (keys.length > 0) delete out[pick(rng, keys)];
      break;
    case 1: // one answer taken from another respondent: flips branches and their required questions
    case 2: {
      const k = pick(rng, Object.keys(other).length > 0 ? Object.keys(other) : names);
      out[k] = other[k];
      break;
    }
    case 3: // two respondents merged: answers on both branches, most of one hidden
      return { ...other, ...base, [pick(rng, names)]: other[pick(rng, Object.keys(other))] };
    case 4: // an odd value in a random question
      out[pick(rng, names)] = pick(rng, ODD_VALUES);
      break;
    case 5: // an "other" text: missing, blank, on a question without "other", or too long
      out[`${pick(rng, names)}-Comment`] = pick(rng, ['', '  ', 'a reason', 'x'.repeat(10_001)]);
      for (const k of keys.filter((x) => x.endsWith('-Comment'))) if (rng() < 0.5) out[k] = pick(rng, ['', '  ', null]);
      break;
    case 6: // an unknown or reserved key
      out[pick(rng, ['favourite_colour', 'constructor', 'prototype', 'privacy_notice', 'toString'])] = 'x';
      break;
    case 7: // consent withdrawn or mistyped
      out.consent = pick(rng, [false, 'true', 1, null]);
      break;
    case 8: // every answer of one page emptied
      for (const k of keys) if (rng() < 0.3) out[k] = pick(rng, [null, '', []]);
      break;
    default: // a value of another question's type
      out[pick(rng, names)] = other[pick(rng, Object.keys(other))];
  }
  return out;
}

/** Runs the differential check on one edition file of surveys/. */
export async function checkEdition(t: Test, surveyId: string, edition: string): Promise<void> {
  const { files, problems } = await readEditionFiles(new URL('../../surveys', import.meta.url).pathname);
  t.same(problems, [], 'the edition files load');
  const file = files.find((f) => f.surveyId === surveyId && f.edition === edition);
  if (!file) throw new Error(`no edition ${surveyId}/${edition}`);

  const reference = new AnswerValidator(file.definition, { compiled: false });
  const fast = new AnswerValidator(file.definition);
  t.ok(fast.isCompiled, 'the edition is compiled');
  const compiled = compileAnswerCheck(file.definition, new Model(file.definition));
  const names = Object.keys(generateAnswers(file.definition, 1, { skip: 0 }));
  const rng = seededRandom(20221104);
  const locales = reference.offeredLocales;

  const bases = Array.from({ length: BASES }, (_, i) => generateAnswers(file.definition, 1000 + i, { skip: i % 3 === 0 ? 0 : 0.3 }));
  const inputs: Answers[] = [...bases];
  for (const base of bases) for (let m = 0; m < 5; m++) inputs.push(mutate(base, bases, names, rng));

  let accepted = 0;
  let rejected = 0;
  let fastAccepted = 0;
  const mismatches: string[] = [];
  const report = (input: Answers, mode: string, want: unknown, got: unknown) => {
    if (mismatches.length < 5) mismatches.push(`${mode} ${JSON.stringify(input).slice(0, 400)}\n  survey-core: ${JSON.stringify(want).slice(0, 300)}\n  compiled: ${JSON.stringify(got).slice(0, 300)}`);
  };
  inputs.forEach((input, i) => {
    const locale = locales[i % locales.length] ?? 'en';
    // Partial saves on a sixth of the sets: the same strict checks, without survey-core's validate().
    const modes = i % 6 === 0 ? (['complete', 'partial'] as const) : (['complete'] as const);
    for (const mode of modes) {
      const want = reference.check(input, locale, mode);
      const valid = Object.keys(want.errors).length === 0;
      if (mode === 'complete') {
        if (valid) accepted++;
        else rejected++;
      }
      // What the fast path decides alone. When it declines, AnswerValidator.check runs the very
      // code the reference runs; when it accepts, survey-core must accept with the same answers.
      const direct = compiled?.accept(structuredClone(input), mode);
      if (direct) {
        if (mode === 'complete') fastAccepted++;
        if (!valid || JSON.stringify(direct) !== JSON.stringify(want.answers)) report(input, mode, want, direct);
      }
      // End to end through AnswerValidator.check on every tenth set, errors and messages included.
      if (i % 10 === 0) {
        const got = fast.check(input, locale, mode);
        if (JSON.stringify(got) !== JSON.stringify(want)) report(input, mode, want, got);
      }
    }
  });
  t.same(mismatches, [], `identical results on ${inputs.length} answer sets`);
  t.ok(inputs.length >= 1000, `${inputs.length} answer sets`);
  t.ok(accepted >= 200 && rejected >= 400, `${accepted} valid and ${rejected} invalid answer sets`);
  t.ok(fastAccepted >= accepted * 0.95, `the fast path takes ${fastAccepted} of ${accepted} valid answer sets`);
}
