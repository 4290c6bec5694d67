/**
 * What the checks of the nested question types (matrices of cells, dynamic panels, multiple text)
 * share. They check each cell or inner question with the validator's own `checkValue`, handed in
 * rather than imported, so that a cell is checked exactly like a question of its type and this
 * folder stays below the server.
 */
import type { Question } from 'survey-core';

/** The validator's per-question check: messages for one value, empty when it is fine. */
export type CheckValue = (q: Question, value: unknown, locale?: string) => string[];

export interface NestedContext {
  checkValue: CheckValue;
  locale: string;
}

/** One type's checks: the value's shape and contents, and the value kept once hidden parts are dropped. */
export interface NestedKind {
  check(q: Question, value: unknown, ctx: NestedContext): string[];
  /**
   * The value without the cells or inner questions that are hidden for these answers; absent: kept
   * as given. `visibleOf` does the same for an inner question (a matrix inside a dynamic panel).
   */
  visibleValue?(q: Question, value: unknown, visibleOf: (inner: Question, v: unknown) => unknown): unknown;
}

export const COMMENT_SUFFIX = '-Comment';
export const DEFAULT_COMMENT_LIMIT = 10000;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

export const isEmpty = (v: unknown) => v === undefined || v === null;

/** survey-core's own properties, read without its typings (which omit most of them). */
export const props = (x: unknown) => x as Record<string, unknown>;

/** Whether a question takes a free text next to its answer ("other", or a comment area). */
export function takesComment(q: Question): boolean {
  const qa = props(q);
  return Boolean(qa.showOtherItem || qa.showCommentArea || qa.hasComment);
}

/**
 * Checks the entries of one row or panel against the questions that live in it: every key must
 * be one of them (or its "-Comment"), and each value must pass the question's own check.
 * `place` prefixes each message ('Row "r2", column "cost"').
 */
export function checkEntries(
  entries: Record<string, unknown>,
  questionFor: (key: string) => Question | undefined,
  place: (key: string) => string,
  ctx: NestedContext,
  unknownText: string,
): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(entries)) {
    if (isEmpty(v)) continue;
    if (key.endsWith(COMMENT_SUFFIX)) {
      const base = questionFor(key.slice(0, -COMMENT_SUFFIX.length));
      if (!base || !takesComment(base)) out.push(`${place(key)}: ${unknownText}`);
      else if (typeof v !== 'string') out.push(`${place(key)}: Expected text.`);
      else if (v.length > DEFAULT_COMMENT_LIMIT) out.push(`${place(key)}: The answer is too long.`);
      continue;
    }
    const q = questionFor(key);
    if (!q) {
      out.push(`${place(key)}: ${unknownText}`);
      continue;
    }
    for (const msg of ctx.checkValue(q, v, ctx.locale)) out.push(`${place(key)}: ${msg}`);
  }
  return out;
}

/** A count within a question's minimum and maximum (a maximum of 0 or less means none). */
export function countProblem(count: number, min: number, max: number, noun: string): string | undefined {
  if (count < min) return `At least ${min} ${noun}${min === 1 ? '' : 's'} expected, ${count} given.`;
  if (max > 0 && count > max) return `At most ${max} ${noun}${max === 1 ? '' : 's'} allowed, ${count} given.`;
  return undefined;
}
