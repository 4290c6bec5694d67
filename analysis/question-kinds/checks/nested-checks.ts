/**
 * The checks of the question types survey-core nests (cells, panels, items) and of the other
 * types hosted with them, by survey-core type name: the answer validator asks here for any type
 * it has no branch of its own for.
 */
import type { Question } from 'survey-core';
import type { NestedKind } from './nested-check-context.ts';
import { cellPlace } from './matrix-cells.ts';
import { matrixDropdownCheck } from './matrix-dropdown-check.ts';
import { matrixDynamicCheck } from './matrix-dynamic-check.ts';
import { dynamicPanelCheck, panelPlace } from './dynamic-panel-check.ts';
import { itemPlace, multipleTextCheck } from './multiple-text-check.ts';
import { imagePickerCheck } from './image-picker-check.ts';
import { sliderCheck } from './slider-check.ts';

export type { CheckValue, NestedContext, NestedKind } from './nested-check-context.ts';

export const NESTED_CHECKS: Record<string, NestedKind> = {
  matrixdropdown: matrixDropdownCheck,
  matrixdynamic: matrixDynamicCheck,
  paneldynamic: dynamicPanelCheck,
  multipletext: multipleTextCheck,
  imagepicker: imagePickerCheck,
  slider: sliderCheck,
};

export const nestedCheck = (type: string): NestedKind | undefined =>
  Object.prototype.hasOwnProperty.call(NESTED_CHECKS, type) ? NESTED_CHECKS[type] : undefined;

/** The value to store for a visible question: hidden cells and panel questions dropped; undefined when nothing is left. */
export function visibleValue(q: Question, value: unknown): unknown {
  const kind = nestedCheck(q.getType());
  return kind?.visibleValue ? kind.visibleValue(q, value, visibleValue) : value;
}

/**
 * Where survey-core's error on a question belongs in the answer set: a cell's or an inner
 * question's error goes under the outer question's name, its message prefixed with the row,
 * panel or item (innermost first, so a matrix in a panel names both).
 */
export function errorPlace(q: Question, messages: string[]): [string, string[]] {
  let key = q.getValueName();
  let texts = messages;
  let inner: Question = q;
  for (let depth = 0; depth < 5; depth++) {
    const place = cellPlace(inner) ?? asOuter(panelPlace(inner)) ?? asOuter(itemPlace(inner));
    if (!place) break;
    texts = texts.map((t) => `${place.where}: ${t}`);
    inner = place.matrix;
    key = inner.getValueName();
  }
  return [key, texts];
}

const asOuter = (p: { outer: Question; where: string } | undefined) => (p ? { matrix: p.outer, where: p.where } : undefined);
