/**
 * The JSON shapes answers come in and the values a question accepts now, shared by the kinds'
 * checks and demo answers.
 */
import type { Question } from 'survey-core';

export type Scalar = string | number;
export const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

export interface ChoiceLike {
  value: unknown;
}

/** The values a choice question accepts now (choicesVisibleIf and other / none items included). */
export function allowedChoiceValues(q: Question): unknown[] {
  const anyQ = q as unknown as { visibleChoices?: ChoiceLike[]; selectAllItem?: ChoiceLike };
  return (anyQ.visibleChoices ?? []).filter((c) => c !== anyQ.selectAllItem).map((c) => c.value);
}

export const DEFAULT_TEXT_LIMIT = 2000;
export const DEFAULT_COMMENT_LIMIT = 10000;

/** The longest text a question takes: its own maxLength, else the survey's, else the fallback. */
export function textLimit(q: Question, fallback: number): number {
  const own = (q as unknown as { maxLength?: number }).maxLength ?? -1;
  const survey = (q.survey as unknown as { maxTextLength?: number } | undefined)?.maxTextLength ?? 0;
  if (own > 0) return own;
  if (survey > 0) return survey;
  return fallback;
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

export const DEMO_WORDS = ['framework agreement', 'market consultation', 'legal advice', 'common specifications', 'language support', 'budget alignment', 'pilot', 'central purchasing body'];
