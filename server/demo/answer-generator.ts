/**
 * Generates realistic, varied, valid answers for any hosted definition by walking it with
 * survey-core page by page: branches follow the answers given, optional questions are sometimes
 * skipped, choices, ratings, rankings and numbers vary. A seed makes the answers repeatable.
 * Used by the demo data command (server/cli/demo-commands.ts), tests, the differential check and
 * the benchmarks; test/support/answer-generator.ts re-exports it.
 */
import { Model, type Question } from 'survey-core';

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
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

function choiceValues(q: Question): unknown[] {
  const qa = q as unknown as { visibleChoices?: { value: unknown }[]; selectAllItem?: unknown; noneItem?: { value: unknown }; otherItem?: { value: unknown } };
  return (qa.visibleChoices ?? []).filter((c) => c !== qa.selectAllItem).map((c) => c.value);
}

const WORDS = ['framework agreement', 'market consultation', 'legal advice', 'common specifications', 'language support', 'budget alignment', 'pilot', 'central purchasing body'];

function valueFor(q: Question, rng: Rng): unknown {
  const qa = q as unknown as Record<string, unknown>;
  const type = q.getType();
  const other = (qa.otherItem as { value: unknown } | undefined)?.value;
  const none = (qa.noneItem as { value: unknown } | undefined)?.value;
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
      return pick(rng, choiceValues(q).filter((v) => v !== other || rng() < 0.5));
    case 'checkbox':
    case 'tagbox': {
      const values = choiceValues(q).filter((v) => v !== none);
      const max = Number(qa.maxSelectedChoices ?? 0) || values.length;
      const min = Math.max(1, Number(qa.minSelectedChoices ?? 0));
      const count = Math.min(max, values.length, min + Math.floor(rng() * 3));
      const shuffled = [...values].sort(() => rng() - 0.5);
      return shuffled.slice(0, count);
    }
    case 'boolean':
      return rng() < 0.5 ? (qa.valueTrue ?? true) : (qa.valueFalse ?? false);
    case 'rating':
      return pick(rng, ((qa.visibleRateValues as { value: unknown }[]) ?? []).map((r) => r.value));
    case 'ranking':
      return [...choiceValues(q)].sort(() => rng() - 0.5);
    case 'matrix': {
      const out: Record<string, unknown> = {};
      const columns = ((qa.visibleColumns as { value: unknown }[]) ?? []).map((c) => c.value);
      for (const row of (qa.visibleRows as { name: unknown }[]) ?? []) out[String(row.name)] = pick(rng, columns);
      return out;
    }
    case 'text': {
      if (qa.inputType === 'number' || qa.inputType === 'range') {
        const min = Number(qa.min ?? 0);
        const max = Number(qa.max ?? min + 20);
        return Math.round(min + rng() * Math.min(max - min, 50));
      }
      return pick(rng, WORDS);
    }
    case 'comment':
      return `${pick(rng, WORDS)}; ${pick(rng, WORDS)}.`;
    default:
      return undefined;
  }
}

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
      if (qa.showOtherItem && qa.otherItem && chosen.includes(qa.otherItem.value)) m.setComment(q.getValueName(), pick(rng, WORDS));
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.data as Record<string, unknown>)) {
    const q = m.getQuestionByValueName(k.replace(/-Comment$/, ''));
    if (q && q.isVisible && q.isParentVisible && (!q.page || q.page.isVisible)) out[k] = v;
  }
  return out;
}
