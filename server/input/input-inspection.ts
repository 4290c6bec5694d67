/**
 * What every piece of input must be before any route reads it: text that is valid Unicode without
 * NUL (PostgreSQL refuses both in text and JSON), finite numbers (JSON.parse reads 1e400 as
 * Infinity, which JSON.stringify would then store as null), bounded depth and size, and no key
 * named after a built-in object property (`__proto__`, `constructor`, `hasOwnProperty`...), which
 * code that collects values in plain objects would mistake for its own. The walk is iterative, so
 * hostile nesting cannot overflow the stack, and it stops at the first limit it meets.
 */

/** Deeper than any real answer set, form or filter. */
export const MAX_DEPTH = 32;
/** Values (strings, numbers, items, keys) in one body or query string; an answer set holds a few hundred. */
export const MAX_VALUES = 50_000;
/** Problems reported at most: enough to name the fields, not a second copy of a hostile body. */
const MAX_PROBLEMS = 20;

/** Every property name of Object.prototype: `__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty`... */
export const BUILT_IN_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type InputProblems = Record<string, string[]>;

/** Why a string cannot be accepted, or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode text';
  return null;
}

export function keyProblem(key: string): string | null {
  if (BUILT_IN_NAMES.has(key)) return `"${key}" is the name of a built-in object property and cannot be used as a field name`;
  return textProblem(key);
}

/**
 * Inspects a parsed body, a query string object or route parameters; returns the problems keyed
 * by the field's path (`answers.comments`, `items.3`), or null when the input is acceptable.
 * The returned object has no prototype, since its keys come from the input.
 */
export function inspectInput(root: unknown): InputProblems | null {
  const problems: InputProblems = Object.create(null) as InputProblems;
  let count = 0;
  const add = (path: string, message: string) => {
    const key = path || '(body)';
    (problems[key] ??= []).push(message);
    count += 1;
  };
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  let seen = 0;
  while (stack.length > 0 && count < MAX_PROBLEMS) {
    const { value, path, depth } = stack.pop()!;
    if (++seen > MAX_VALUES) {
      add('(body)', `holds more than ${MAX_VALUES} values`);
      break;
    }
    if (typeof value === 'string') {
      const p = textProblem(value);
      if (p) add(path, p);
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) add(path, 'is a number too large to be represented');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      add(path, `is nested more than ${MAX_DEPTH} levels deep`);
      break;
    }
    const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (Array.isArray(value)) {
      if (value.length > MAX_VALUES) {
        add(path, `holds more than ${MAX_VALUES} values`);
        break;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: at(i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_VALUES) {
      add(path, `holds more than ${MAX_VALUES} values`);
      break;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const p = keyProblem(k);
      if (p) add(at(k), p);
      else stack.push({ value: (value as Record<string, unknown>)[k], path: at(k), depth: depth + 1 });
    }
  }
  return count > 0 ? problems : null;
}
