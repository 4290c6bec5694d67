/**
 * Decides whether a SurveyJS definition may be hosted. Remote fetches and script content are
 * refused outright (choicesByUrl makes the server itself send requests); HTML is sanitised with an
 * allow-list; pictures must be inline (inline-images.ts); every element, wherever survey-core finds
 * it, must be of a hosted type (question-types.ts) with a safe name, unique in its scope, and so
 * must matrix columns and multiple-text items (definition-cells.ts); survey-core
 * must load it without complaint.
 */
import sanitizeHtml from 'sanitize-html';
import { Model } from 'survey-core';
// Registers the `grouping` declaration with survey-core before any definition is loaded.
import './grouping-questions.ts';
import { collectElements, normaliseQuestionsKey } from './definition-elements.ts';
import { IMAGE_KEYS, inlineImageProblem } from './inline-images.ts';
import { typeProblem } from './question-types.ts';
import { cellProblems, isSafeName } from './definition-cells.ts';

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const REMOTE_KEYS = /^(choicesByUrl|navigateToUrl|navigateToUrlOnCondition|.*Url|.*Urls)$/;
const SCRIPT_PATTERN = /<\s*(script|iframe|object|embed|link|meta|style|base|form)\b|javascript\s*:|\bon[a-z]+\s*=/i;
const HTML_KEY = /(^html$|Html$)/;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'h3', 'h4', 'span', 'div', 'small'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

const NO_ANSWER = new Set(['html', 'panel', 'image']);

/**
 * Names unique per scope, as survey-core has them: the survey, and each dynamic panel's template.
 * Questions may share a `valueName` on purpose (one answer asked in two branches); they must then
 * be of one type, since one stored value is checked against each of them.
 */
function nameProblems(definition: Record<string, unknown>, elements: ReturnType<typeof collectElements>): string[] {
  const problems: string[] = [];
  const names = new Map<string, Set<string>>();
  const valueTypes = new Map<string, { type: string; name: string }>();
  for (const { el, scope } of elements) {
    const type = String(el.type ?? '');
    if (type === 'html' || type === 'image' || el.name === undefined) continue;
    const name = String(el.name);
    const inScope = names.get(scope) ?? new Set<string>();
    names.set(scope, inScope);
    if (type === 'panel') continue;
    if (inScope.has(name)) problems.push(`question "${name}": the name is used twice${scope ? ` in ${scope}` : ''}; names must be unique`);
    inScope.add(name);
    const key = `${scope}\u0000${String(el.valueName ?? name)}`;
    const first = valueTypes.get(key);
    if (!first) valueTypes.set(key, { type, name });
    else if (first.type !== type) {
      problems.push(`question "${name}": it stores its answer under "${String(el.valueName ?? name)}" as question "${first.name}" does, but is a ${type} and that one a ${first.type}; give it its own name or valueName`);
    }
  }
  const questionKeys = new Set(elements.filter(({ scope }) => scope === '').flatMap(({ el }) => [el.name, el.valueName].filter((n) => n !== undefined).map(String)));
  for (const c of Array.isArray(definition.calculatedValues) ? definition.calculatedValues : []) {
    const name = c && typeof c === 'object' ? (c as Record<string, unknown>).name : undefined;
    if (typeof name === 'string' && questionKeys.has(name)) problems.push(`calculated value "${name}": a question has this name; give the calculated value its own`);
  }
  return problems;
}

export interface CheckedDefinition {
  definition: Record<string, unknown>;
  problems: string[];
  title: string;
}

function sanitizeNode(node: unknown, path: string, problems: string[], htmlContext = false): unknown {
  if (typeof node === 'string') {
    if ((htmlContext || node.includes('<') || /javascript\s*:/i.test(node)) && SCRIPT_PATTERN.test(node)) problems.push(`${path}: script or active content is not allowed`);
    return htmlContext ? sanitizeHtml(node, SANITIZE_OPTIONS) : node;
  }
  if (Array.isArray(node)) return node.map((v, i) => sanitizeNode(v, `${path}[${i}]`, problems, htmlContext));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${key}` : key;
    if (RESERVED_NAMES.has(key)) {
      problems.push(`${here}: the key "${key}" is not allowed`);
      continue;
    }
    if (IMAGE_KEYS.test(key)) {
      const problem = inlineImageProblem(value);
      if (problem) problems.push(`${here}: ${problem}`);
      else out[key] = value;
      continue;
    }
    if (REMOTE_KEYS.test(key)) {
      problems.push(`${here}: remote content is not allowed; put lists into "choices"`);
      continue;
    }
    out[key] = sanitizeNode(value, here, problems, htmlContext || HTML_KEY.test(key));
  }
  return out;
}

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const first = v.default ?? v.en ?? Object.values(v)[0];
    return typeof first === 'string' ? first : '';
  }
  return '';
}

/** Checks and sanitises a definition that has already had its reference lists expanded. */
export function checkDefinition(raw: unknown): CheckedDefinition {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { definition: {}, problems: ['the definition must be a JSON object'], title: '' };
  }
  const definition = sanitizeNode(raw, '', problems) as Record<string, unknown>;
  // survey-core also reads elements from the older "questions" key: the checks below must see them too.
  normaliseQuestionsKey(definition, problems);
  // Names and types are checked on the JSON first: a reserved name can break survey-core itself.
  const elements = collectElements(definition);
  let unsafeNames = false;
  for (const { el } of elements) {
    const type = String(el.type ?? '');
    const problem = typeProblem(type, String(el.name));
    if (problem) problems.push(problem);
    if (type === 'panel') continue;
    const names = [el.name, el.valueName].filter((n) => n !== undefined).map(String);
    for (const name of names) {
      if (!isSafeName(name)) {
        problems.push(`question "${name}": names must be letters, digits, _ . - or spaces, and not reserved`);
        unsafeNames = true;
      }
    }
  }
  problems.push(...nameProblems(definition, elements));
  // Matrix columns and multiple-text items are questions of survey-core's making: same rules.
  problems.push(...cellProblems(elements));
  if (elements.filter(({ el }) => !NO_ANSWER.has(String(el.type))).length === 0) {
    problems.push('the definition has no questions (survey-core reads them from "pages" › "elements", or from top-level "elements")');
  }
  if (unsafeNames) return { definition, problems, title: '' };
  try {
    const model = new Model(definition);
    for (const e of model.jsonErrors ?? []) problems.push(`survey-core: ${e.message}`);
  } catch (err) {
    problems.push(`survey-core could not load it: ${(err as Error).message}`);
  }
  return { definition, problems, title: plainText(definition.title) || 'Untitled survey' };
}
