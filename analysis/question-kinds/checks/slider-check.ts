/**
 * slider: a number between `min` and `max` on the slider's steps, or for a range slider
 * (`sliderType: "range"`) a list of two such numbers, lower first. survey-core accepts any value.
 */
import type { Question } from 'survey-core';
import { props, type NestedKind } from './nested-check-context.ts';

function numberProblem(q: Question, v: unknown): string | undefined {
  const min = Number(props(q).min ?? 0);
  const max = Number(props(q).max ?? 100);
  const step = Number(props(q).step ?? 1);
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'Expected a number.';
  if (v < min || v > max) return `Expected a number from ${min} to ${max}.`;
  // Steps counted from the minimum, with room for binary fractions (0.1 steps).
  const steps = (v - min) / step;
  if (step > 0 && Math.abs(steps - Math.round(steps)) > 1e-9) return `Expected a step of ${step} from ${min}.`;
  return undefined;
}

export const sliderCheck: NestedKind = {
  check(q: Question, value: unknown): string[] {
    if (props(q).sliderType !== 'range') {
      const p = numberProblem(q, value);
      return p ? [p] : [];
    }
    if (!Array.isArray(value) || value.length !== 2) return ['Expected two numbers, the lower end and the upper end.'];
    const problems = value.map((v) => numberProblem(q, v)).filter((p): p is string => p !== undefined);
    if (problems.length > 0) return [...new Set(problems)];
    return (value[0] as number) <= (value[1] as number) ? [] : ['The lower end is above the upper end.'];
  },
};
