/**
 * imagepicker: a choice among pictures, one value (or a list with `multiSelect`), checked like a
 * radio group or a checkbox question: only the listed values, no value twice.
 */
import type { Question } from 'survey-core';
import { props, type NestedKind } from './nested-check-context.ts';

const isScalar = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

export const imagePickerCheck: NestedKind = {
  check(q: Question, value: unknown): string[] {
    const allowed = ((props(q).visibleChoices as { value: unknown }[] | undefined) ?? []).map((c) => c.value);
    if (!props(q).multiSelect) {
      if (!isScalar(value)) return ['Choose one of the pictures.'];
      return allowed.includes(value) ? [] : [`"${String(value)}" is not one of the pictures.`];
    }
    if (!Array.isArray(value) || !value.every(isScalar)) return ['Expected a list of the pictures chosen.'];
    const bad = value.filter((v) => !allowed.includes(v));
    if (bad.length > 0) return [`${bad.map((v) => `"${String(v)}"`).join(', ')} not among the pictures.`];
    if (new Set(value).size !== value.length) return ['The same picture is chosen twice.'];
    const max = Number(props(q).maxSelectedChoices ?? 0);
    return max > 0 && value.length > max ? [`Choose at most ${max} pictures.`] : [];
  },
};
