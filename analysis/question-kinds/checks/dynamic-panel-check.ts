/**
 * paneldynamic: a group of questions repeated per panel the respondent adds, stored as a list of
 * `{ question: value }` objects. Each panel's questions are survey-core's own (their `{panel.x}`
 * conditions already evaluated), so each value is checked like a question of its type; panel
 * counts must be within minPanelCount and maxPanelCount, which survey-core does not hold a stored
 * list to.
 */
import type { Question } from 'survey-core';
import { checkEntries, COMMENT_SUFFIX, countProblem, isEmpty, isPlainObject, props, type NestedContext, type NestedKind } from './nested-check-context.ts';

interface Panel {
  questions: Question[];
}

const panelsOf = (q: Question) => (props(q).panels as Panel[] | undefined) ?? [];
const byValueName = (panel: Panel, key: string) => panel.questions.filter((x) => x.getValueName() === key);

export const dynamicPanelCheck: NestedKind = {
  check(q: Question, value: unknown, ctx: NestedContext): string[] {
    if (!Array.isArray(value)) return ['Expected a list of panels, each an object of answers.'];
    const count = countProblem(value.length, Number(props(q).minPanelCount ?? 0), Number(props(q).maxPanelCount ?? 0), 'panel');
    if (count) return [count];
    const panels = panelsOf(q);
    return value.flatMap((panelValue, i) => {
      const panel = panels[i];
      if (!panel) return [`Panel ${i + 1}: not a panel of the question.`];
      if (!isPlainObject(panelValue)) return [`Panel ${i + 1}: Expected an object of answers.`];
      return checkEntries(panelValue, (key) => byValueName(panel, key)[0], (key) => `Panel ${i + 1}, question "${key}"`, ctx, 'Unknown question.');
    });
  },
  visibleValue(q: Question, value: unknown, visibleOf: (inner: Question, v: unknown) => unknown): unknown {
    if (!Array.isArray(value)) return value;
    const panels = panelsOf(q);
    return value.map((panelValue, i) => {
      const panel = panels[i];
      const out: Record<string, unknown> = {};
      if (!panel || !isPlainObject(panelValue)) return out;
      for (const [key, v] of Object.entries(panelValue)) {
        if (isEmpty(v)) continue;
        const isComment = key.endsWith(COMMENT_SUFFIX);
        const shown = byValueName(panel, isComment ? key.slice(0, -COMMENT_SUFFIX.length) : key).find((x) => x.isVisible && x.isParentVisible);
        if (!shown) continue;
        const kept = isComment ? v : visibleOf(shown, v);
        if (kept !== undefined) out[key] = kept;
      }
      return out;
    });
  },
};

/** Where a survey-core error on a question inside a panel belongs: the dynamic panel's answer, with the panel named. */
export function panelPlace(inner: Question): { outer: Question; where: string } | undefined {
  const outer = props(inner).parentQuestion as Question | undefined;
  if (!outer || outer.getType() !== 'paneldynamic') return undefined;
  const panels = panelsOf(outer) as unknown[];
  let node: unknown = props(inner).parent;
  while (node && !panels.includes(node)) node = props(node).parent;
  const index = node ? panels.indexOf(node) + 1 : 0;
  return { outer, where: `Panel ${index > 0 ? index : '?'}, question "${inner.getValueName()}"` };
}
