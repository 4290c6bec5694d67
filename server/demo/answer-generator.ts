/**
 * Generates realistic, varied, valid answers for any hosted definition by walking it with
 * survey-core page by page: branches follow the answers given, optional questions are sometimes
 * skipped, choices, ratings, rankings and numbers vary. A seed makes the answers repeatable.
 * Used by the demo data command (server/cli/demo-commands.ts), tests, the differential check and
 * the benchmarks; test/support/answer-generator.ts re-exports it.
 */
import { Model, type Question } from 'survey-core';
import { DEMO_WORDS, pick } from '../../analysis/question-kinds/answer-shapes.ts';
import { moduleOfQuestion } from '../../analysis/question-kinds/registry.ts';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

/** Each kind of question gives its own demo answer (analysis/question-kinds/). */
const valueFor = (q: Question, rng: Rng): unknown => moduleOfQuestion(q).demoAnswer(q, rng);

/** One model per definition, cleared before each use: building one costs far more than clearing it. */
const models = new WeakMap<Record<string, unknown>, Model>();
function modelFor(definition: Record<string, unknown>): Model {
  let m = models.get(definition);
  if (!m) {
    m = new Model(definition);
    models.set(definition, m);
  }
  m.clear(true, true);
  return m;
}

export interface GenerateOptions {
  /** Probability of skipping an optional question (default 0.15). */
  skip?: number;
  /** Answers to give instead of random ones (e.g. a country); the branches follow them. */
  preset?: Record<string, unknown>;
}

/** Answers every visible question on every page in order; optional ones are skipped with probability `skip`. */
export function generateAnswers(definition: Record<string, unknown>, seed: number, opts: GenerateOptions = {}): Record<string, unknown> {
  const rng = seededRandom(seed);
  const m = modelFor(definition);
  const skip = opts.skip ?? 0.15;
  const preset = opts.preset ?? {};
  for (let pageNo = 0; pageNo < m.visiblePages.length; pageNo++) {
    const page = m.visiblePages[pageNo];
    if (!page) break;
    for (const q of page.questions) {
      if (!q.isVisible || !q.isParentVisible || q.getType() === 'html' || q.getType() === 'expression') continue;
      const required = q.isRequired || (q as unknown as { isRequireTextOnOther?: boolean }).isRequireTextOnOther;
      if (!required && q.name !== 'consent' && !(q.name in preset) && rng() < skip) continue;
      const value = q.name in preset ? preset[q.name] : valueFor(q, rng);
      if (value === undefined) continue;
      if (q.name === 'consent' || (q.getType() === 'boolean' && JSON.stringify((q as unknown as { validators: unknown[] }).validators ?? []).includes('= true'))) {
        q.value = (q as unknown as { valueTrue?: unknown }).valueTrue ?? true;
      } else {
        q.value = value;
      }
      const qa = q as unknown as { otherItem?: { value: unknown }; showOtherItem?: boolean };
      const chosen = Array.isArray(q.value) ? (q.value as unknown[]) : [q.value];
      // Only a shown "other" item takes a text: a plain choice may be called "other" too.
      if (qa.showOtherItem && qa.otherItem && chosen.includes(qa.otherItem.value)) m.setComment(q.getValueName(), pick(rng, DEMO_WORDS));
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.data as Record<string, unknown>)) {
    const q = m.getQuestionByValueName(k.replace(/-Comment$/, ''));
    if (q && q.isVisible && q.isParentVisible && (!q.page || q.page.isVisible)) out[k] = v;
  }
  return out;
}
