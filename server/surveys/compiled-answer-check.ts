/**
 * A fast path in front of survey-core: the definition is read once into plain lists (questions,
 * their pages, conditions compiled with survey-core's own expression engine), and an answer set is
 * accepted here in microseconds instead of ~4 ms of survey-core validation.
 *
 * It may only ACCEPT. Whenever it sees anything that could be an error (a strict-check failure, a
 * required question left empty, a failing validator, a number outside its range, an "other" without
 * its text) or anything it is unsure of, it answers undefined and the caller runs survey-core, which
 * then produces the error messages, in the respondent's language, exactly as before. Definitions
 * that use a feature it does not model (see the allow-lists below) are not compiled at all.
 * test/surveys/compiled-answer-check.test.ts proves on thousands of generated valid and mutated
 * answer sets that the result is the same as survey-core's, key for key.
 */
import { ConditionRunner, Helpers, type Model, type Question } from 'survey-core';
import { acceptsComment, checkValue, COMMENT_SUFFIX, DEFAULT_COMMENT_LIMIT, isPlainObject, RESERVED, type Answers } from './answer-validator.ts';

/** Survey-level settings that change neither which questions exist nor how they validate. */
const SURVEY_KEYS = new Set([
  'title', 'description', 'pages', 'showProgressBar', 'progressBarType', 'showQuestionNumbers', 'logo', 'logoPosition',
  'completedHtml', 'showTitle', 'widthMode', 'width', 'showPrevButton', 'showCompletedPage', 'questionTitleLocation',
  'questionErrorLocation', 'requiredMark', 'requiredText', 'locale', 'focusFirstQuestionAutomatic',
]);
const PAGE_KEYS = new Set(['name', 'title', 'description', 'elements', 'visibleIf', 'navigationTitle', 'navigationDescription']);
const PANEL_KEYS = new Set(['type', 'name', 'title', 'description', 'elements', 'visibleIf', 'state', 'showQuestionNumbers', 'startWithNewLine']);
/** Keys any question may carry: display, plus the conditions and validators modelled here. */
const QUESTION_KEYS = new Set([
  'type', 'name', 'title', 'description', 'placeholder', 'isRequired', 'requiredIf', 'visibleIf', 'validators',
  'titleLocation', 'descriptionLocation', 'hideNumber', 'startWithNewLine', 'width', 'minWidth', 'maxWidth', 'indent',
  'requiredErrorText', 'choicesFromReference', 'grouping',
]);
/** Extra keys per question type: they shape the allowed values, which the strict checks read from survey-core. */
const TYPE_KEYS: Record<string, string[]> = {
  html: ['html'],
  radiogroup: ['choices', 'showOtherItem', 'otherText', 'otherPlaceholder', 'otherErrorText', 'colCount', 'choicesOrder'],
  dropdown: ['choices', 'showOtherItem', 'otherText', 'otherPlaceholder', 'otherErrorText', 'allowClear', 'searchEnabled', 'choicesOrder'],
  checkbox: ['choices', 'showOtherItem', 'otherText', 'otherPlaceholder', 'otherErrorText', 'showNoneItem', 'noneText', 'maxSelectedChoices', 'colCount', 'choicesOrder'],
  tagbox: ['choices', 'showOtherItem', 'otherText', 'otherErrorText', 'showNoneItem', 'noneText', 'maxSelectedChoices', 'allowClear', 'searchEnabled', 'choicesOrder'],
  boolean: ['labelTrue', 'labelFalse', 'renderAs', 'swapOrder'],
  rating: ['rateMin', 'rateMax', 'rateStep', 'minRateDescription', 'maxRateDescription', 'rateType', 'displayMode', 'rateDisplayMode'],
  ranking: ['choices'],
  matrix: ['rows', 'columns', 'alternateRows', 'columnMinWidth', 'rowTitleWidth'],
  text: ['inputType', 'min', 'max', 'maxLength', 'size'],
  comment: ['maxLength', 'rows', 'autoGrow', 'allowResize'],
};
/** Items of choices, rows and columns: a value and a text, no conditions of their own. */
const ITEM_KEYS = new Set(['value', 'text']);

interface CompiledQuestion {
  question: Question;
  valueName: string;
  /** Every condition on the way down (page, panels, the question): all must hold for it to be visible. */
  visibleIf: ConditionRunner[];
  isRequired: boolean;
  requiredIf?: ConditionRunner;
  validators: ConditionRunner[];
  /** For number inputs: the allowed range. */
  min?: number;
  max?: number;
  /** The value that stands for "other" when the question offers it. */
  otherValue?: unknown;
}

export interface CompiledAnswerCheck {
  /**
   * The answers to keep (those of visible questions) when the answer set is certainly valid;
   * undefined when it may not be, so that survey-core decides and words the errors.
   */
  accept(input: unknown, mode: 'complete' | 'partial'): Answers | undefined;
}

class NotCompilable extends Error {}

function onlyKeys(obj: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw new NotCompilable(`${where}: ${key}`);
}

function checkItems(items: unknown, where: string): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) throw new NotCompilable(`${where}: not a list`);
  for (const item of items) if (isPlainObject(item)) onlyKeys(item, ITEM_KEYS, where);
}

function condition(expression: unknown, valueNames: Set<string>, where: string): ConditionRunner {
  if (typeof expression !== 'string') throw new NotCompilable(`${where}: not an expression`);
  const runner = new ConditionRunner(expression);
  if (!runner.canRun() || runner.hasFunction() || runner.isAsync) throw new NotCompilable(`${where}: ${expression}`);
  // Only plain question values: no variables, calculated values, properties or nested paths.
  for (const v of runner.getVariables()) if (!valueNames.has(v)) throw new NotCompilable(`${where}: {${v}}`);
  return runner;
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Walks the raw definition; throws NotCompilable on anything outside the allow-lists. */
function compile(definition: Record<string, unknown>, model: Model): CompiledQuestion[] {
  onlyKeys(definition, SURVEY_KEYS, 'survey');
  const valueNames = new Set(model.getAllQuestions(false, false, true).map((q) => q.getValueName()));
  const out: CompiledQuestion[] = [];
  const walk = (elements: unknown, conditions: ConditionRunner[]) => {
    if (!Array.isArray(elements)) throw new NotCompilable('elements: not a list');
    for (const el of elements) {
      if (!isPlainObject(el)) throw new NotCompilable('element: not an object');
      const type = String(el.type);
      const where = `${type} ${String(el.name)}`;
      const own = el.visibleIf === undefined ? conditions : [...conditions, condition(el.visibleIf, valueNames, where)];
      if (type === 'panel') {
        onlyKeys(el, PANEL_KEYS, where);
        walk(el.elements, own);
        continue;
      }
      const extra = TYPE_KEYS[type];
      if (!extra) throw new NotCompilable(`type ${type}`);
      onlyKeys(el, new Set([...QUESTION_KEYS, ...extra]), where);
      checkItems(el.choices, where);
      if (type === 'matrix') {
        checkItems(el.rows, where);
        checkItems(el.columns, where);
      }
      if (type === 'html') continue;
      const question = model.getQuestionByName(String(el.name));
      if (!question || question.getValueName() !== el.name) throw new NotCompilable(`${where}: not found`);
      const inputType = String(el.inputType ?? 'text');
      if (type === 'text' && inputType !== 'text' && inputType !== 'number') throw new NotCompilable(`${where}: inputType ${inputType}`);
      if ((el.min !== undefined && finite(el.min) === undefined) || (el.max !== undefined && finite(el.max) === undefined)) {
        throw new NotCompilable(`${where}: min/max`);
      }
      const validators = ((el.validators as unknown[] | undefined) ?? []).map((v) => {
        if (!isPlainObject(v) || v.type !== 'expression') throw new NotCompilable(`${where}: validator`);
        onlyKeys(v, new Set(['type', 'expression', 'text']), where);
        return condition(v.expression, valueNames, where);
      });
      const qa = question as unknown as { showOtherItem?: boolean; otherItem?: { value: unknown } };
      out.push({
        question,
        valueName: question.getValueName(),
        visibleIf: own,
        isRequired: el.isRequired === true,
        ...(el.requiredIf !== undefined ? { requiredIf: condition(el.requiredIf, valueNames, where) } : {}),
        validators,
        ...(finite(el.min) !== undefined ? { min: finite(el.min) } : {}),
        ...(finite(el.max) !== undefined ? { max: finite(el.max) } : {}),
        ...(qa.showOtherItem ? { otherValue: qa.otherItem?.value } : {}),
      });
    }
  };
  const pages = definition.pages;
  if (!Array.isArray(pages)) throw new NotCompilable('pages: not a list');
  for (const page of pages) {
    if (!isPlainObject(page)) throw new NotCompilable('page: not an object');
    onlyKeys(page, PAGE_KEYS, `page ${String(page.name)}`);
    walk(page.elements, page.visibleIf === undefined ? [] : [condition(page.visibleIf, valueNames, `page ${String(page.name)}`)]);
  }
  return out;
}

/** survey-core's Question.isEmpty(): strings are trimmed, empty arrays and objects of empties count as empty. */
const isEmpty = (v: unknown) => Helpers.isValueEmpty(typeof v === 'string' ? v.trim() : v);

/**
 * Compiles the fast check for a definition, or returns undefined when the definition uses anything
 * it does not model. `model` must be a survey-core Model of the same definition that nothing else
 * gives data to: its questions are read only for their (static) choices, rows, columns and rates.
 */
export function compileAnswerCheck(definition: Record<string, unknown>, model: Model): CompiledAnswerCheck | undefined {
  let questions: CompiledQuestion[];
  try {
    questions = compile(definition, model);
  } catch (err) {
    if (err instanceof NotCompilable) return undefined;
    throw err;
  }
  const byName = new Map(questions.map((q) => [q.valueName, q]));
  const isVisible = (q: CompiledQuestion, values: Answers) => q.visibleIf.every((c) => c.runValues(values));

  return {
    accept(input, mode) {
      if (!isPlainObject(input)) return undefined;
      const entries = Object.entries(input);
      // The strict checks, exactly as AnswerValidator makes them; any finding goes to survey-core.
      for (const [key, value] of entries) {
        if (RESERVED.has(key)) return undefined;
        if (value === null || value === undefined) continue;
        if (key.endsWith(COMMENT_SUFFIX)) {
          const base = byName.get(key.slice(0, -COMMENT_SUFFIX.length));
          if (!base || !acceptsComment(base.question) || typeof value !== 'string' || value.length > DEFAULT_COMMENT_LIMIT) return undefined;
          continue;
        }
        const q = byName.get(key);
        if (!q || checkValue(q.question, value).length > 0) return undefined;
      }
      // Visibility is computed once from the answers as given, as survey-core does with its data.
      const visible = new Set<CompiledQuestion>();
      for (const q of questions) if (isVisible(q, input)) visible.add(q);
      if (mode === 'complete') {
        for (const q of visible) {
          const value = input[q.valueName];
          const required = q.isRequired || (q.requiredIf?.runValues(input) ?? false);
          if (required && isEmpty(value)) return undefined;
          if (q.validators.some((v) => !v.runValues(input))) return undefined;
          if (typeof value === 'number' && ((q.min !== undefined && value < q.min) || (q.max !== undefined && value > q.max))) return undefined;
          if (q.otherValue !== undefined && (Array.isArray(value) ? value.includes(q.otherValue) : value === q.otherValue)) {
            const comment = input[q.valueName + COMMENT_SUFFIX];
            if (typeof comment !== 'string' || comment.trim() === '') return undefined;
          }
        }
      }
      // The answers kept: as AnswerValidator.visibleAnswers, from the compiled visibility.
      const out: Answers = {};
      for (const [key, value] of entries) {
        if (value === null || value === undefined) continue;
        const isComment = key.endsWith(COMMENT_SUFFIX);
        const q = byName.get(isComment ? key.slice(0, -COMMENT_SUFFIX.length) : key);
        if (!q || !visible.has(q)) continue;
        if (isComment) {
          const own = input[q.valueName];
          const choseOther = q.otherValue !== undefined && (Array.isArray(own) ? own.includes(q.otherValue) : own === q.otherValue);
          if (!choseOther) continue;
        }
        out[key] = value;
      }
      return out;
    },
  };
}
