/**
 * The answers of one demo respondent. Walking a definition with survey-core costs a tenth of a
 * second, so a few answer sets per path (experience yes / no / don't know) are walked once, and
 * each respondent gets one of them varied: other choices for questions no branch depends on, the
 * edition's leanings for ratings and "would you do it again", their own country and authority
 * type. The validator then checks them exactly as a respondent's, and drops what a changed answer hid.
 * A partial response keeps the answers of the pages before the one it stopped on.
 */
import { ConditionRunner } from 'survey-core';
import type { AnswerValidator } from '../surveys/answer-validator.ts';
import { generateAnswers } from './answer-generator.ts';
import type { EditionLean } from './campaign-stories.ts';
import { pickWeighted, type Rng } from './daily-volumes.ts';

/** Walked answer sets per path: few, because each costs survey-core a walk. */
const WALKS_PER_PATH = 4;
const VARIED = ['radiogroup', 'checkbox', 'rating', 'boolean', 'matrix'];
const REASONS = ['The legal framework of each country differs.', 'Market research across borders takes time.', 'We lacked a partner with the same need.', 'Budget cycles did not match.'];
const AGAIN = ['definitely_yes', 'probably_yes', 'not_sure', 'probably_not', 'definitely_not'];

interface QuestionInfo {
  name: string;
  type: string;
  page: string;
  values: unknown[];
  rows: string[];
  max: number;
  /** Another question's condition reads it, or it has an "other" text: left as walked. */
  fixed: boolean;
  /** The question's own conditions (its page's are the path, which a respondent keeps). */
  visibleIf?: ConditionRunner;
  requiredIf?: ConditionRunner;
  required: boolean;
}

type Json = Record<string, unknown>;

const choiceValue = (c: unknown) => (c && typeof c === 'object' ? (c as Json).value : c);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Every question of the definition with its page and the values a varied answer may take. */
function questionIndex(definition: Json): Map<string, QuestionInfo> {
  const text = JSON.stringify(definition);
  const referenced = new Set([...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!));
  const out = new Map<string, QuestionInfo>();
  const walk = (elements: unknown, page: string) => {
    for (const e of (Array.isArray(elements) ? elements : []) as Json[]) {
      if (Array.isArray(e.elements)) walk(e.elements, page);
      if (typeof e.name !== 'string' || typeof e.type !== 'string') continue;
      const rating = e.type === 'rating' ? Array.from({ length: Number(e.rateMax ?? 5) - Number(e.rateMin ?? 1) + 1 }, (_, i) => Number(e.rateMin ?? 1) + i) : [];
      out.set(e.name, {
        name: e.name, type: e.type, page,
        values: e.type === 'rating' ? rating : e.type === 'matrix' ? list(e.columns).map(choiceValue) : list(e.choices).map(choiceValue),
        rows: list(e.rows).map((r) => String(choiceValue(r))),
        max: Number(e.maxSelectedChoices ?? 0) || 3,
        fixed: referenced.has(e.name) || Boolean(e.showOtherItem) || Boolean(e.choicesFromReference) || Boolean(e.isRequired && e.type === 'boolean'),
        ...(typeof e.visibleIf === 'string' ? { visibleIf: new ConditionRunner(e.visibleIf) } : {}),
        ...(typeof e.requiredIf === 'string' ? { requiredIf: new ConditionRunner(e.requiredIf) } : {}),
        required: e.isRequired === true,
      });
    }
  };
  for (const p of (definition.pages as Json[]) ?? []) walk(p.elements, String(p.name));
  return out;
}

export class DemoRespondents {
  private readonly walks = new Map<string, Json[]>();
  private readonly questions: Map<string, QuestionInfo>;
  private readonly pages: string[];
  private readonly conditional: QuestionInfo[];

  constructor(
    private readonly definition: Json,
    private readonly validator: AnswerValidator,
    private readonly lean: EditionLean,
    private readonly seed: number,
  ) {
    this.questions = questionIndex(definition);
    this.pages = ((definition.pages as Json[]) ?? []).map((p) => String(p.name));
    this.conditional = [...this.questions.values()].filter((q) => q.visibleIf);
  }

  private walked(experience: string, rng: Rng): Json {
    let sets = this.walks.get(experience);
    if (!sets) {
      const preset = this.validator.asks('jpp_experience') ? { jpp_experience: experience } : {};
      const base = this.seed * 1000 + ['yes', 'no', 'dont_know'].indexOf(experience) * 100;
      sets = Array.from({ length: WALKS_PER_PATH }, (_, i) => generateAnswers(this.definition, base + i, { preset }));
      this.walks.set(experience, sets);
    }
    return { ...sets[Math.floor(rng() * sets.length)] };
  }

  private vary(answers: Json, rng: Rng): void {
    for (const [name, value] of Object.entries(answers)) {
      const q = this.questions.get(name);
      if (!q || q.fixed || !VARIED.includes(q.type) || rng() < 0.4) continue;
      if (q.type === 'boolean') answers[name] = rng() < 0.5;
      else if ((q.type === 'radiogroup' || q.type === 'rating') && q.values.length > 0) answers[name] = q.values[Math.floor(rng() * q.values.length)];
      else if (q.type === 'checkbox' && q.values.length > 0 && Array.isArray(value)) {
        const count = Math.min(q.max, q.values.length, 1 + Math.floor(rng() * 3));
        answers[name] = [...q.values].sort(() => rng() - 0.5).slice(0, count);
      } else if (q.type === 'matrix' && q.values.length > 0) {
        answers[name] = Object.fromEntries(q.rows.map((r) => [r, q.values[Math.floor(rng() * q.values.length)]]));
      }
    }
  }

  private leanTowards(answers: Json, rng: Rng): void {
    for (const [name, weights] of Object.entries(this.lean.ratings)) {
      if (name in answers) answers[name] = pickWeighted(rng, weights.map((w, i) => [i + 1, w] as const));
    }
    if ('jpp_again' in answers) answers.jpp_again = pickWeighted(rng, this.lean.again.map((w, i) => [AGAIN[i]!, w] as const));
  }

  /** An answer for a question a leaning made visible and required (e.g. "why not?" after "probably not"). */
  private fill(answers: Json, names: string[], rng: Rng): void {
    for (const name of names) {
      const q = this.questions.get(name);
      if (!q) continue;
      if (q.type === 'checkbox' && q.values.length > 0) answers[name] = [...q.values].sort(() => rng() - 0.5).slice(0, Math.min(q.max, 2));
      else if ((q.type === 'radiogroup' || q.type === 'rating') && q.values.length > 0) answers[name] = q.values[Math.floor(rng() * q.values.length)];
      else if (q.type === 'comment' || q.type === 'text') answers[name] = pickWeighted(rng, REASONS.map((r) => [r, 1] as const));
    }
  }

  /**
   * After a leaning changed an answer a condition reads: what it now hides goes, what it now
   * requires is answered. The validator would do the first and refuse for the second, at the cost
   * of survey-core's slow path; its verdict stays the one that counts.
   */
  private followConditions(answers: Json, rng: Rng): void {
    for (const q of this.conditional) {
      if (!q.visibleIf!.runValues(answers)) {
        delete answers[q.name];
        delete answers[`${q.name}-Comment`];
      } else if (!(q.name in answers) && (q.required || q.requiredIf?.runValues(answers))) {
        this.fill(answers, [q.name], rng);
      }
    }
  }

  /** A complete respondent's answers, or null when the checks refuse them (counted by the caller). */
  complete(who: { experience: string; country: string; authorityType: string; language: string }, rng: Rng): Json | null {
    const answers = this.walked(who.experience, rng);
    this.vary(answers, rng);
    this.leanTowards(answers, rng);
    if (this.validator.groups('country')) answers.country = who.country;
    if (this.validator.groups('authority_type')) answers.authority_type = who.authorityType;
    this.followConditions(answers, rng);
    let checked = this.validator.check(answers, who.language, 'complete');
    if (Object.keys(checked.errors).length > 0) {
      this.fill(answers, Object.keys(checked.errors), rng);
      checked = this.validator.check(answers, who.language, 'complete');
    }
    return Object.keys(checked.errors).length === 0 ? checked.answers : null;
  }

  /**
   * What someone who stopped saved: the answers of the pages before the one they stopped on, and
   * that page's index among the pages they saw (as the survey page saves it). Stops come early more often.
   */
  partial(full: Json, language: string, rng: Rng): { answers: Json; lastPage: number } | null {
    // The pages they saw: those of the path their answers show (a page of another branch has none).
    const answered = new Set(Object.keys(full).map((k) => this.questions.get(k.replace(/-Comment$/, ''))?.page));
    const conditionalPages = new Set(((this.definition.pages as Json[]) ?? []).filter((p) => p.visibleIf).map((p) => String(p.name)));
    const pages = this.pages.filter((p) => !conditionalPages.has(p) || answered.has(p));
    if (pages.length < 2) return null;
    const lastPage = pickWeighted(rng, pages.slice(1).map((_, i) => [i + 1, 1 / (i + 1)] as const));
    const before = new Set(pages.slice(0, lastPage));
    const kept: Json = {};
    for (const [key, value] of Object.entries(full)) {
      const q = this.questions.get(key.replace(/-Comment$/, ''));
      if (q && before.has(q.page)) kept[key] = value;
    }
    const checked = this.validator.check(kept, language, 'partial');
    return Object.keys(checked.errors).length === 0 ? { answers: checked.answers, lastPage } : null;
  }
}
