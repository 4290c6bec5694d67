/**
 * The questions whose answers group responses (per-country dashboards, small-group suppression,
 * a national contact's scope). A question is one only when the edition declares it with
 * `"grouping": "country"` (or `"authority_type"`) on the question of that name, a single choice
 * whose choices are the codes of the matching reference list. A question that merely happens to
 * be named `country` in a definition written elsewhere is an ordinary question: the response's
 * country is then its link's, and its authority type "not asked".
 */
import { Serializer } from 'survey-core';
import type { ReferenceLists } from './reference-lists.ts';

export type GroupingKind = 'country' | 'authority_type';

/** The reference list whose codes each grouping takes. */
export const GROUPING_LISTS: Record<GroupingKind, string> = { country: 'countries', authority_type: 'authority-types' };
const KINDS = Object.keys(GROUPING_LISTS) as GroupingKind[];
const SINGLE_CHOICE = new Set(['dropdown', 'radiogroup']);

// survey-core reports unknown properties as JSON errors: the declaration is one it must know.
if (!Serializer.findProperty('question', 'grouping')) Serializer.addProperty('question', { name: 'grouping', visible: false });

type El = Record<string, unknown>;

function* allElements(definition: El): Generator<El> {
  const stack: unknown[] = [];
  const pages = Array.isArray(definition.pages) ? definition.pages : [definition];
  for (const page of pages) if (page && typeof page === 'object') stack.push((page as El).elements, (page as El).questions);
  while (stack.length > 0) {
    const list = stack.pop();
    if (!Array.isArray(list)) continue;
    for (const el of list) {
      if (el === null || typeof el !== 'object' || Array.isArray(el)) continue;
      yield el as El;
      stack.push((el as El).elements, (el as El).questions, (el as El).templateElements);
    }
  }
}

/** The groupings a (checked) definition declares. */
export function declaredGroupings(definition: El): Set<GroupingKind> {
  const out = new Set<GroupingKind>();
  for (const el of allElements(definition)) if (KINDS.includes(el.grouping as GroupingKind)) out.add(el.grouping as GroupingKind);
  return out;
}

/** Whether a question is the edition's declared grouping question (and so shown as the grouping, not as a question). */
export function isGroupingQuestion(definition: El, name: string): boolean {
  return (KINDS as string[]).includes(name) && declaredGroupings(definition).has(name as GroupingKind);
}

const choiceValue = (c: unknown) => (c !== null && typeof c === 'object' ? (c as El).value : c);

/**
 * Problems with the grouping declarations of a definition whose reference lists are expanded.
 * Without the list at hand (a stored uploaded edition re-checked for a text change, its lists
 * already expanded and checked when it was published), the codes are not checked again.
 */
export function groupingProblems(definition: El, lists: ReferenceLists): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const el of allElements(definition)) {
    if (el.grouping === undefined) continue;
    const name = String(el.name);
    const kind = el.grouping as GroupingKind;
    const where = `question "${name}": "grouping": ${JSON.stringify(el.grouping)}`;
    if (!KINDS.includes(kind)) {
      problems.push(`${where} is not a grouping; use "country" or "authority_type"`);
      continue;
    }
    if (name !== kind) problems.push(`${where} belongs on the question named "${kind}"`);
    if (seen.has(kind)) problems.push(`${where}: only one question may group responses by ${kind}`);
    seen.add(kind);
    if (!SINGLE_CHOICE.has(String(el.type))) problems.push(`${where}: the grouping question must be a dropdown or radiogroup`);
    if (el.showOtherItem || el.hasOther || el.showNoneItem || el.hasNone || el.choicesFromQuestion !== undefined) {
      problems.push(`${where}: the grouping question takes only codes of the "${GROUPING_LISTS[kind]}" list (no "other", "none" or choices from another question)`);
    }
    const list = lists.get(GROUPING_LISTS[kind]);
    if (!list) continue;
    const codes = new Set(list.map((i) => i.value));
    const choices = Array.isArray(el.choices) ? el.choices.map(choiceValue) : [];
    const foreign = choices.filter((v) => typeof v !== 'string' || !codes.has(v));
    if (choices.length === 0 || foreign.length > 0) {
      problems.push(`${where}: its choices must be codes of the "${GROUPING_LISTS[kind]}" list (write "choicesFromReference": "${GROUPING_LISTS[kind]}")${foreign.length ? `; not codes: ${foreign.slice(0, 5).map((v) => JSON.stringify(v)).join(', ')}` : ''}`);
    }
  }
  return problems;
}

/**
 * The country and authority type a response is grouped by: the answers of the declared questions
 * (checked against their choices before this), else the link's country and "not_asked".
 */
export function responseGrouping(groupings: Set<GroupingKind>, linkCountry: string, answers: Record<string, unknown>) {
  const code = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  return {
    country: groupings.has('country') ? code(answers.country) : linkCountry,
    authorityType: groupings.has('authority_type') ? code(answers.authority_type) : 'not_asked',
  };
}
