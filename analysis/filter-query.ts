/**
 * Results filters to and from URL query strings, e.g.
 * `?edition=<id>&country=FR&country=ES&status=all&q.jpp_experience=yes&q.jpp_experience=no`.
 * Repeated parameters are alternatives; `q.<question>` filters a choice question's answer.
 * Unknown parameters are refused rather than ignored: a filter silently dropped would show figures
 * for a group the reader did not ask for.
 */
import { LIST_FILTERS, resultFiltersSchema, type ResultFilters } from './filters.ts';

export type QueryInput = Record<string, string | string[] | undefined>;

export type ParsedFilters = { ok: true; filters: ResultFilters } | { ok: false; errors: Record<string, string[]> };

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');

export interface ParseOptions {
  /** Fixed by the route (the URL's edition), not by the query. */
  editionId?: string;
  campaignId?: string;
  /** Other parameters the route reads itself (e.g. `by`, `rows`). */
  allow?: readonly string[];
}

/** Parses a query string object (as Fastify gives it) into filters, or per-parameter errors. */
export function parseFilterQuery(query: QueryInput, opts: ParseOptions = {}): ParsedFilters {
  // No prototype: the keys are the caller's parameter names, `hasOwnProperty` and `__proto__` included.
  const errors = Object.create(null) as Record<string, string[]>;
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);
  const raw: Record<string, unknown> = {};
  const questions = new Map<string, string[]>();
  const known = new Set<string>([...LIST_FILTERS.map((f) => f.param), 'edition', 'campaign', 'status', ...(opts.allow ?? [])]);

  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('q.')) {
      const name = key.slice(2);
      const values = asList(value);
      if (values.length > 0) questions.set(name, [...(questions.get(name) ?? []), ...values]);
    } else if (!known.has(key)) {
      fail(key, 'is not a results filter');
    }
  }

  for (const f of LIST_FILTERS) raw[f.key] = asList(query[f.param]);
  const status = asList(query.status);
  if (status.length > 1) fail('status', 'give one status');
  else if (status[0] !== undefined) raw.status = status[0];
  const single = (param: string) => {
    const v = asList(query[param]);
    if (v.length > 1) fail(param, 'give one value');
    return v[0];
  };
  raw.editionId = opts.editionId ?? single('edition');
  raw.campaignId = opts.campaignId ?? single('campaign');
  raw.questions = [...questions].map(([question, values]) => ({ question, values: [...new Set(values)] }));

  const parsed = resultFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const params: Record<string, string> = { editionId: 'edition', campaignId: 'campaign', ...Object.fromEntries(LIST_FILTERS.map((f) => [f.key, f.param])) };
    for (const issue of parsed.error.issues) {
      const [first, index] = issue.path;
      const questionFilters = raw.questions as { question: string }[];
      const key = first === 'questions' && typeof index === 'number'
        ? `q.${questionFilters[index]?.question ?? index}`
        : (params[String(first)] ?? String(first));
      fail(key, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, filters: parsed.data };
}

/** The query string (without "?") that parseFilterQuery reads back into the same filters. */
export function filterQueryString(f: ResultFilters, opts: { includeEdition?: boolean } = {}): string {
  const p = new URLSearchParams();
  if (opts.includeEdition && f.editionId) p.append('edition', f.editionId);
  if (opts.includeEdition && f.campaignId) p.append('campaign', f.campaignId);
  for (const { key, param } of LIST_FILTERS) for (const v of f[key]) p.append(param, v);
  if (f.status !== 'complete') p.append('status', f.status);
  for (const q of f.questions) for (const v of q.values) p.append(`q.${q.question}`, v);
  return p.toString();
}

/** True when the filters narrow the responses beyond the edition or campaign. */
export function hasNarrowingFilters(f: ResultFilters): boolean {
  return LIST_FILTERS.some(({ key }) => f[key].length > 0) || f.questions.length > 0 || f.status !== 'complete';
}
