/**
 * multipletext: several labelled text boxes stored as `{ item: value }`. Each item has a text
 * editor of survey-core's own (input type, mask, validators), checked like a text question.
 */
import type { Question } from 'survey-core';
import { checkEntries, isPlainObject, props, type NestedContext, type NestedKind } from './nested-check-context.ts';

interface Item {
  name: string;
  editor: Question;
}

const items = (q: Question) => (props(q).items as Item[] | undefined) ?? [];

export const multipleTextCheck: NestedKind = {
  check(q: Question, value: unknown, ctx: NestedContext): string[] {
    if (!isPlainObject(value)) return ['Expected an object of answers per item.'];
    // Items carry no "other" text: a "-Comment" key is as unknown as any other.
    const editorFor = (key: string) => items(q).find((i) => i.name === key)?.editor;
    return checkEntries(value, (key) => (key.endsWith('-Comment') ? undefined : editorFor(key)), (key) => `Item "${key}"`, ctx, 'Unknown item.');
  },
};

/** Where a survey-core error on an item's editor belongs: the question's answer, with the item named. */
export function itemPlace(editor: Question): { outer: Question; where: string } | undefined {
  const outer = props(editor).parent as Question | undefined;
  if (!outer || typeof outer.getType !== 'function' || outer.getType() !== 'multipletext') return undefined;
  return { outer, where: `Item "${editor.name}"` };
}
