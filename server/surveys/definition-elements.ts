/**
 * Where survey-core finds the elements of a definition: pages' and panels' `elements`, the older
 * `questions` key it still loads in their place (and at the top level, as one page), and a dynamic
 * panel's `templateElements`. The checks walk every one of them.
 */
type El = Record<string, unknown>;

export interface ScopedElement {
  el: El;
  /** '' for the survey; a dynamic panel's template is a scope of its own for names. */
  scope: string;
}

const isObject = (v: unknown): v is El => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Renames the older `questions` key to `elements` wherever survey-core reads it (top level, pages,
 * panels), in place, so every later check and every surface sees one form. A container with both,
 * or a top level with pages and elements, is ambiguous and refused with what to change.
 */
export function normaliseQuestionsKey(definition: El, problems: string[]): void {
  const rename = (node: El, where: string) => {
    if (node.questions === undefined) return;
    if (node.elements !== undefined) {
      problems.push(`${where}: has both "elements" and the older "questions"; put every element in "elements"`);
      return;
    }
    if (!Array.isArray(node.questions)) {
      problems.push(`${where}: "questions" must be a list of elements (better, rename it "elements")`);
      return;
    }
    node.elements = node.questions;
    delete node.questions;
  };
  if (definition.pages !== undefined && (definition.elements !== undefined || definition.questions !== undefined)) {
    problems.push('the definition has both "pages" and top-level elements; put the elements into a page');
  }
  rename(definition, 'the definition');
  const stack: { list: unknown; where: string }[] = [{ list: definition.elements, where: 'the definition' }];
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page, i) => {
      if (!isObject(page)) return;
      const where = `page "${String(page.name ?? i + 1)}"`;
      rename(page, where);
      stack.push({ list: page.elements, where });
    });
  }
  while (stack.length > 0) {
    const { list } = stack.pop()!;
    if (!Array.isArray(list)) continue;
    for (const el of list) {
      if (!isObject(el)) continue;
      const where = `panel "${String(el.name)}"`;
      rename(el, where);
      stack.push({ list: el.elements, where }, { list: el.templateElements, where });
    }
  }
}

/** Every element of every page and panel (after normaliseQuestionsKey), nested ones included, with its naming scope. */
export function collectElements(definition: El): ScopedElement[] {
  const out: ScopedElement[] = [];
  const walk = (list: unknown, scope: string) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!isObject(el)) continue;
      out.push({ el, scope });
      walk(el.elements, scope);
      walk(el.templateElements, `the template of dynamic panel "${String(el.name)}"`);
    }
  };
  const pages = Array.isArray(definition.pages) ? definition.pages : [{ elements: definition.elements }];
  for (const page of pages) if (isObject(page)) walk(page.elements, '');
  return out;
}
