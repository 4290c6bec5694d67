/**
 * Decides whether a SurveyJS definition may be hosted. Remote fetches and script content are
 * refused outright (choicesByUrl makes the server itself send requests); HTML is sanitised with an
 * allow-list; survey-core must load it without complaint; question names must be unique and safe.
 */
import sanitizeHtml from 'sanitize-html';
import { Model } from 'survey-core';
// Registers the `grouping` declaration with survey-core before any definition is loaded.
import './grouping-questions.ts';

export const SUPPORTED_TYPES = new Set([
  'text', 'comment', 'radiogroup', 'checkbox', 'dropdown', 'tagbox', 'boolean', 'rating', 'ranking',
  'matrix', 'html', 'expression', 'panel',
]);
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const REMOTE_KEYS = /^(choicesByUrl|navigateToUrl|navigateToUrlOnCondition|imageLink|.*Url|.*Urls)$/;
const SCRIPT_PATTERN = /<\s*(script|iframe|object|embed|link|meta|style|base|form)\b|javascript\s*:|\bon[a-z]+\s*=/i;
const HTML_KEY = /(^html$|Html$)/;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'h3', 'h4', 'span', 'div', 'small'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

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
    if (REMOTE_KEYS.test(key)) {
      problems.push(`${here}: remote content is not allowed; put lists into "choices"`);
      continue;
    }
    out[key] = sanitizeNode(value, here, problems, htmlContext || HTML_KEY.test(key));
  }
  return out;
}

/** Every element of every page and panel, nested ones included. */
function collectElements(definition: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (el === null || typeof el !== 'object') continue;
      const e = el as Record<string, unknown>;
      out.push(e);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  const pages = Array.isArray(definition.pages) ? definition.pages : [{ elements: definition.elements }];
  for (const page of pages) if (page && typeof page === 'object') walk((page as Record<string, unknown>).elements);
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
  // Names and types are checked on the JSON first: a reserved name can break survey-core itself.
  const elements = collectElements(definition);
  const seen = new Set<string>();
  let unsafeNames = false;
  for (const el of elements) {
    const type = String(el.type ?? '');
    if (!SUPPORTED_TYPES.has(type)) problems.push(`question "${String(el.name)}": type "${type}" is not supported`);
    if (type === 'panel') continue;
    const names = [el.name, el.valueName].filter((n) => n !== undefined).map(String);
    for (const name of names) {
      if (!/^[A-Za-z_][A-Za-z0-9_ .-]{0,99}$/.test(name) || RESERVED_NAMES.has(name) || name.endsWith('-Comment')) {
        problems.push(`question "${name}": names must be letters, digits, _ . - or spaces, and not reserved`);
        unsafeNames = true;
      }
    }
    const key = String(el.valueName ?? el.name ?? '');
    if (type !== 'html' && seen.has(key)) problems.push(`question "${key}": the name is used twice`);
    seen.add(key);
  }
  if (elements.filter((e) => e.type !== 'html' && e.type !== 'panel').length === 0) problems.push('the definition has no questions');
  if (unsafeNames) return { definition, problems, title: '' };
  try {
    const model = new Model(definition);
    for (const e of model.jsonErrors ?? []) problems.push(`survey-core: ${e.message}`);
  } catch (err) {
    problems.push(`survey-core could not load it: ${(err as Error).message}`);
  }
  return { definition, problems, title: plainText(definition.title) || 'Untitled survey' };
}
