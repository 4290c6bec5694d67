/**
 * Text questions with an input mask (`maskType`: numeric, currency, pattern, datetime). survey-core
 * stores what the mask makes of the typing: a number for numeric and currency masks, the unmasked
 * characters for a pattern, an ISO 8601 date or time for a datetime mask, and the masked text itself
 * when `maskSettings.saveMaskedValue` is set. A value is accepted when the question's own mask gives
 * it back unchanged (masked, then unmasked, or the other way for saved masked text): exactly the
 * values a respondent could have typed, and nothing survey-core would have turned into another.
 */
import type { Question } from 'survey-core';

interface MaskInstance {
  getType(): string;
  saveMaskedValue?: boolean;
  getMaskedValue(v: unknown): unknown;
  getUnmaskedValue(v: unknown): unknown;
}

/** Whether survey-core applies a mask to this question's input. */
export function isMasked(q: Question): boolean {
  return (q as unknown as { maskTypeIsEmpty?: boolean }).maskTypeIsEmpty === false;
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

/** Messages for a value of a masked text question (empty when survey-core could have produced it). */
export function maskedValueProblems(q: Question, value: unknown): string[] {
  const mask = (q as unknown as { maskSettings: MaskInstance }).maskSettings;
  const numeric = /numeric|currency/.test(mask.getType());
  let faithful: boolean;
  try {
    if (mask.saveMaskedValue) {
      faithful = typeof value === 'string' && !empty(mask.getUnmaskedValue(value)) && mask.getMaskedValue(mask.getUnmaskedValue(value)) === value;
    } else if (numeric) {
      faithful = typeof value === 'number' && Number.isFinite(value) && mask.getUnmaskedValue(mask.getMaskedValue(value)) === value;
    } else {
      faithful = typeof value === 'string' && value !== '' && mask.getUnmaskedValue(mask.getMaskedValue(value)) === value;
    }
  } catch {
    faithful = false;
  }
  if (faithful) return [];
  if (mask.saveMaskedValue) return ['Expected text in the format of the field.'];
  if (numeric) return typeof value === 'number' ? ['The number is outside what the field allows (range, sign or decimals).'] : ['Expected a number.'];
  return [mask.getType().startsWith('datetime') ? 'Expected a complete date or time in the format of the field.' : 'Expected text that completes the format of the field.'];
}
