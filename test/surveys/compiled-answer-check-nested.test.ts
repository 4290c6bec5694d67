/**
 * The differential check on the nested types' fixture: the compiled fast path declines the
 * definition, so the server's verdict must be survey-core's plus the strict checks, key for key,
 * on valid and tampered answer sets (mutate() of differential-check.ts, plus nested tampering).
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { AnswerValidator } from '../../server/surveys/answer-validator.ts';
import { seededRandom } from '../support/answer-generator.ts';
import { VALID } from '../support/nested-answers.ts';
import { mutate } from './differential-check.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/nested-types.json', import.meta.url), 'utf8')) as Record<string, unknown>;
type Answers = Record<string, unknown>;

/** Valid variants: rows and panels added or left blank, conditions on and off. */
function bases(): Answers[] {
  const out: Answers[] = [structuredClone(VALID)];
  out.push({ ...structuredClone(VALID), lots: [{ kind: ['works'] }], procurements: [{ year: 2030, outcome: 'cancelled' }] });
  out.push({ ...structuredClone(VALID), partners: { lead: { role: 'observer', why: 'x' }, other: { role: 'buyer', score: 1 } }, contact: { staff: 0 } });
  out.push({ ...structuredClone(VALID), lots: [{ kind: ['works'], framework: true }, { kind: ['services'] }, { kind: ['supplies'], value: 0 }], effort: 0 });
  return out;
}

/** Tampering inside the nested values, which the generic mutations do not reach. */
const NESTED: ((a: Answers) => void)[] = [
  (a) => { (a.partners as Answers).lead = { role: 'chief' }; },
  (a) => { (a.lots as unknown[]).push({ kind: ['works'] }, { kind: ['works'] }); },
  (a) => { (a.lots as Answers[])[0]!.kind = 'works'; },
  (a) => { (a.procurements as Answers[])[0]!.outcome = 'won'; },
  (a) => { (a.procurements as Answers[])[0]!.colour = 'red'; },
  (a) => { a.procurements = []; },
  (a) => { (a.contact as Answers).unknown = 'x'; },
  (a) => { (a.partners as Answers).ghost = {}; },
  (a) => { delete ((a.partners as Answers).lead as Answers).role; },
];

t.test('the server\'s verdict equals survey-core\'s on valid and tampered answer sets', async (t) => {
  const reference = new AnswerValidator(fixture, { compiled: false });
  const server = new AnswerValidator(fixture);
  t.notOk(server.isCompiled, 'the fast path declines these types');
  const rng = seededRandom(20261204);
  const valid = bases();
  const names = Object.keys(VALID);
  const inputs: Answers[] = [...valid];
  for (let i = 0; i < 24; i++) inputs.push(mutate(valid[i % valid.length]!, valid, names, rng));
  for (const base of valid) for (const tamper of NESTED) { const a = structuredClone(base); tamper(a); inputs.push(a); }
  let accepted = 0;
  const mismatches: string[] = [];
  for (const input of inputs) {
    for (const mode of ['complete', 'partial'] as const) {
      const want = reference.check(structuredClone(input), 'en', mode);
      const got = server.check(structuredClone(input), 'en', mode);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(JSON.stringify(input).slice(0, 300));
      if (mode === 'complete' && Object.keys(want.errors).length === 0) accepted++;
    }
  }
  t.same(mismatches, []);
  for (const base of valid) t.same(server.check(structuredClone(base), 'en', 'complete').errors, {}, 'each valid base is accepted');
  t.ok(accepted >= valid.length && accepted < inputs.length / 2, `${accepted} of ${inputs.length} accepted`);
});
