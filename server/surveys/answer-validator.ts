/**
 * Checks a respondent's answers against their edition: strict checks survey-core does not make
 * (unknown keys, wrong JSON types, values outside choices, rating range, matrix rows and columns,
 * maxSelectedChoices, whole numbers for counts), then survey-core's own validation (required, requiredIf, validators) in the
 * respondent's language. Values of questions that are hidden for these answers are dropped.
 */
import 'survey-core/i18n';
import { Model, type Question } from 'survey-core';
import { DEFAULT_COMMENT_LIMIT, isPlainObject, type ChoiceLike } from '../../analysis/question-kinds/answer-shapes.ts';
import { moduleOfQuestion } from '../../analysis/question-kinds/registry.ts';
import { compileAnswerCheck, type CompiledAnswerCheck } from './compiled-answer-check.ts';
import { computedKeys, recompute, withoutComputed } from './computed-values.ts';
import { declaredGroupings, type GroupingKind } from './grouping-questions.ts';
import { withoutValueWarnings } from './quiet-value-warnings.ts';
import { errorPlace, nestedCheck, visibleValue } from '../../analysis/question-kinds/checks/nested-checks.ts';

export type Answers = Record<string, unknown>;
export type QuestionErrors = Record<string, string[]>;

export interface AnswerCheck {
  answers: Answers;
  errors: QuestionErrors;
}

export const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
export { DEFAULT_COMMENT_LIMIT, isPlainObject };
export const COMMENT_SUFFIX = '-Comment';

/**
 * Checks the JSON type and the allowed values of one answer; returns messages (empty when fine).
 * Each kind of question checks its own (analysis/question-kinds/); a type no kind takes an answer
 * for is refused below.
 */
export function checkValue(q: Question, value: unknown, locale = 'en'): string[] {
  // Matrices of cells, dynamic panels, multiple text, image picker, slider: checked in their own
  // files (cells and panel questions through this function again).
  const nested = nestedCheck(q.getType());
  if (nested) return nested.check(q, value, { checkValue, locale });
  return moduleOfQuestion(q).check(q, value, locale) ?? ['This element takes no answer.'];
}

export function acceptsComment(q: Question): boolean {
  const qa = q as unknown as Record<string, unknown>;
  return Boolean(qa.showOtherItem || qa.showCommentArea || qa.hasComment);
}

/**
 * Validates answers: the compiled fast path first; when it declines (an error, or anything it is
 * unsure of), survey-core on a model built for this check alone (~10 ms), because a reused model's
 * internal state ("other" texts, comments) can carry over from an earlier respondent's answers.
 */
export class AnswerValidator {
  private readonly definition: Record<string, unknown>;
  /** For questions about the structure only (languages, names); never given answers. */
  private readonly model: Model;
  private readonly locales: Set<string>;
  /** The fast path (compiled-answer-check.ts); undefined when the definition uses what it does not model. */
  private readonly compiled: CompiledAnswerCheck | undefined;
  /** Keys of expression questions and calculated values: computed here, never taken from the client. */
  private readonly computed: Set<string>;
  /** The groupings (country, authority type) the edition declares (grouping-questions.ts). */
  readonly groupings: Set<GroupingKind>;

  /** `compiled: false` leaves survey-core alone to decide every answer set (the differential test's reference). */
  constructor(definition: Record<string, unknown>, opts: { compiled?: boolean } = {}) {
    this.definition = definition;
    this.model = new Model(definition);
    this.locales = new Set(['en', ...this.model.getUsedLocales()]);
    this.computed = computedKeys(this.model);
    this.groupings = declaredGroupings(definition);
    // A model of its own: the fast path reads static choices from it and must never see answers.
    this.compiled = opts.compiled === false ? undefined : compileAnswerCheck(definition, new Model(definition));
  }

  /** Whether answer sets that are certainly valid skip survey-core. */
  get isCompiled(): boolean {
    return this.compiled !== undefined;
  }

  /** The languages the definition has texts in, English first. */
  get offeredLocales(): string[] {
    return [...this.locales];
  }

  supportsLocale(locale: string): boolean {
    return this.locales.has(locale);
  }

  /** Whether the edition declares the question that groups its responses by country or authority type. */
  groups(kind: GroupingKind): boolean {
    return this.groupings.has(kind);
  }

  /** Whether the definition asks a question whose answers are stored under this name (a computed value is not asked). */
  asks(name: string): boolean {
    return Boolean(this.model.getQuestionByValueName(name)) && !this.computed.has(name);
  }

  /**
   * `complete` runs survey-core's required checks and validators as well; `partial` (save and
   * resume) checks only shapes and values, since the respondent has not finished.
   */
  check(raw: unknown, locale: string, mode: 'complete' | 'partial'): AnswerCheck {
    const input = isPlainObject(raw) ? withoutComputed(raw, this.computed) : raw;
    // The fast path never compiles a definition that computes values (expression, calculatedValues).
    const accepted = this.computed.size === 0 ? this.compiled?.accept(input, mode) : undefined;
    if (accepted) return { answers: accepted, errors: Object.create(null) as QuestionErrors };
    // survey-core would print a wrong-typed value (a respondent's answer) to the console: silenced.
    return withoutValueWarnings(() => this.checkWithSurveyCore(input, locale, mode));
  }

  private checkWithSurveyCore(input: unknown, locale: string, mode: 'complete' | 'partial'): AnswerCheck {
    if (!isPlainObject(input)) return { answers: {}, errors: { answers: ['Answers must be a JSON object.'] } };
    const m = new Model(this.definition);
    // No prototype: a question named "constructor" must not find Object.prototype.constructor.
    const errors: QuestionErrors = Object.create(null) as QuestionErrors;
    const add = (key: string, msgs: string[]) => {
      if (msgs.length > 0) (errors[key] ??= []).push(...msgs);
    };
    const entries = Object.entries(input);
    for (const [key] of entries) {
      if (RESERVED.has(key)) add(key, ['This name is not allowed.']);
    }
    if (Object.keys(errors).length > 0) return { answers: {}, errors };

    m.locale = locale;
    m.data = structuredClone(input);
    for (const [key, value] of entries) {
      if (value === null || value === undefined) continue;
      if (key.endsWith(COMMENT_SUFFIX)) {
        const bases = m.getQuestionsByValueName(key.slice(0, -COMMENT_SUFFIX.length)) ?? [];
        if (!bases.some(acceptsComment)) add(key, ['Unknown question.']);
        else if (typeof value !== 'string') add(key, ['Expected text.']);
        else if (value.length > DEFAULT_COMMENT_LIMIT) add(key, ['The answer is too long.']);
        continue;
      }
      // Questions may share a valueName (one answer asked in two branches): the value must suit each.
      const qs = m.getQuestionsByValueName(key) ?? [];
      if (qs.length === 0) add(key, ['Unknown question.']);
      else add(key, [...new Set(qs.flatMap((q) => checkValue(q, value, locale)))]);
    }
    if (Object.keys(errors).length > 0) return { answers: {}, errors };

    if (mode === 'complete') {
      m.validate(true, false);
      for (const q of m.getAllQuestions(true, false, true)) {
        add(...errorPlace(q, q.errors.map((e) => e.getText())));
      }
      if (Object.keys(errors).length > 0) return { answers: {}, errors };
    }
    const answers = visibleAnswers(m, input);
    if (this.computed.size > 0) Object.assign(answers, recompute(m, answers));
    return { answers, errors };
  }
}

/** Keeps only the values of questions visible for these answers (and their comments). */
function visibleAnswers(m: Model, input: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const isComment = key.endsWith(COMMENT_SUFFIX);
    // Of the questions sharing the name, the one shown for these answers keeps the value.
    const q = (m.getQuestionsByValueName(isComment ? key.slice(0, -COMMENT_SUFFIX.length) : key) ?? [])
      .find((x) => x.isVisible && x.isParentVisible && (!x.page || x.page.isVisible));
    if (!q) continue;
    if (isComment && !(q as unknown as { showCommentArea?: boolean }).showCommentArea) {
      const other = (q as unknown as { otherItem?: ChoiceLike }).otherItem?.value;
      const own = input[q.getValueName()];
      const choseOther = Array.isArray(own) ? own.includes(other) : own === other;
      if (!choseOther) continue;
    }
    const kept = isComment ? value : visibleValue(q, value);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * One validator per definition object, kept while the object lives. A text fix hands out a new
 * object; until every link context cached before it expires, both are in use, and so are both
 * validators. Keyed by edition, two objects in use at once would replace each other's validator on
 * every submission: a survey model built per request, which took a server from 700 submissions a
 * second to under 10.
 */
const cache = new WeakMap<Record<string, unknown>, AnswerValidator>();

export function validatorFor(definition: Record<string, unknown>): AnswerValidator {
  let validator = cache.get(definition);
  if (!validator) {
    validator = new AnswerValidator(definition);
    cache.set(definition, validator);
  }
  return validator;
}
