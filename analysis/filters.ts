/**
 * Filters of every results view: which responses an aggregate counts. All filters are positive
 * (equal / in), never "not equal", which limits differencing between two views. Question names and
 * values are bound parameters, never spliced into SQL.
 */
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';

const countryCode = z.string().regex(/^[A-Z]{2}$|^OTHER$/, 'expected a country code such as FR');
const slug = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a lower-case code such as police');
const languageCode = z.string().regex(/^[a-z]{2}$/, 'expected a language code such as fr');
/** SurveyJS names: anything printable, but short. */
export const questionName = z.string().min(1).max(100).regex(/^[^\u0000-\u001f\u007f]+$/, 'expected a question name');
const choiceValue = z.string().min(1).max(200);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(60).default([]);

export const questionFilterSchema = z.object({
  question: questionName,
  values: z.array(choiceValue).min(1).max(60),
});
export type QuestionFilter = z.output<typeof questionFilterSchema>;

export const resultFiltersSchema = z
  .object({
    editionId: z.uuid().optional(),
    campaignId: z.uuid().optional(),
    /** The country the respondent answered. */
    country: list(countryCode),
    /** The country of the link the response came through (an IPNC is scoped by this one). */
    linkCountry: list(countryCode),
    authorityType: list(slug),
    /** The link's channel (ipnc_email, social_media, ...). */
    channel: list(slug),
    language: list(languageCode),
    /** The wave each response was attributed to when it was submitted. */
    wave: list(z.uuid()),
    /** Complete responses only (the default), or partial ones too. */
    status: z.enum(['complete', 'all']).default('complete'),
    /** Answers to choice questions; several filters all apply, values within one are alternatives. */
    questions: z.array(questionFilterSchema).max(20).default([]),
  })
  .refine((f) => f.editionId !== undefined || f.campaignId !== undefined, { message: 'an edition or a campaign is required', path: ['editionId'] });

export type ResultFilters = z.output<typeof resultFiltersSchema>;
export type ResultFiltersInput = z.input<typeof resultFiltersSchema>;

/** Filters from a plain object, with defaults; throws a ZodError on bad input. */
export function resultFilters(input: ResultFiltersInput): ResultFilters {
  return resultFiltersSchema.parse(input);
}

/** The list filters: name in ResultFilters, query parameter, response column. */
export const LIST_FILTERS = [
  { key: 'country', param: 'country', column: 'country' },
  { key: 'linkCountry', param: 'link_country', column: 'link_country' },
  { key: 'authorityType', param: 'authority_type', column: 'authority_type' },
  { key: 'channel', param: 'channel', column: null },
  { key: 'language', param: 'language', column: 'language' },
  { key: 'wave', param: 'wave', column: 'wave_id' },
] as const;
export type ListFilterKey = (typeof LIST_FILTERS)[number]['key'];

const ref = (table: string, column: string) => sql.ref(`${table}.${column}`);

/** The answer to one question, as text (scalars) or as the JSON value (arrays). */
function answerText(table: string, question: string): RawBuilder<string> {
  return sql<string>`(${ref(table, 'answers')} ->> ${question}::text)`;
}

/** One choice-question filter: a scalar answer equal to a value, or an array answer containing one. */
export function questionCondition(q: QuestionFilter, table = 'response'): RawBuilder<SqlBool> {
  const values = sql.join(q.values.map((v) => sql`${v}::text`));
  return sql<SqlBool>`(${answerText(table, q.question)} in (${values}) or (${ref(table, 'answers')} -> ${q.question}::text) ?| array[${values}])`;
}

/** One list filter's condition, for the values given (which may differ from the filter's own). */
export function listCondition(key: ListFilterKey, values: readonly string[], table = 'response'): RawBuilder<SqlBool> {
  if (values.length === 0) return sql<SqlBool>`false`;
  const bound = sql.join(values.map((v) => (key === 'wave' ? sql`${v}::uuid` : sql`${v}::text`)));
  if (key === 'channel') {
    return sql<SqlBool>`${ref(table, 'link_id')} in (select l.id from link l where l.channel in (${bound}))`;
  }
  const column = LIST_FILTERS.find((f) => f.key === key)?.column as string;
  return sql<SqlBool>`${ref(table, column)} in (${bound})`;
}

export interface ConditionOptions {
  /** Leave one list filter out (to count what each of its values adds). */
  without?: ListFilterKey | 'status' | { question: number };
  /** The table name or alias of `response` in the query. */
  table?: string;
}

/** Every filter as one SQL condition over `response` (or its alias). */
export function filterCondition(f: ResultFilters, opts: ConditionOptions = {}): RawBuilder<SqlBool> {
  const table = opts.table ?? 'response';
  const parts: RawBuilder<SqlBool>[] = [];
  if (f.editionId) parts.push(sql<SqlBool>`${ref(table, 'edition_id')} = ${f.editionId}::uuid`);
  if (f.campaignId) parts.push(sql<SqlBool>`${ref(table, 'campaign_id')} = ${f.campaignId}::uuid`);
  if (f.status === 'complete' && opts.without !== 'status') parts.push(sql<SqlBool>`${ref(table, 'status')} = 'complete'`);
  for (const { key } of LIST_FILTERS) {
    if (f[key].length > 0 && opts.without !== key) parts.push(listCondition(key, f[key], table));
  }
  f.questions.forEach((q, index) => {
    const skip = typeof opts.without === 'object' && opts.without.question === index;
    if (!skip) parts.push(questionCondition(q, table));
  });
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Adds the filters to a query over `response`. */
export function applyResultFilters<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, f: ResultFilters, table = 'response'): SelectQueryBuilder<DB, TB, O> {
  return qb.where(filterCondition(f, { table }));
}

/** Names of the questions the filters use (to check them against an edition). */
export function filteredQuestionNames(f: ResultFilters): string[] {
  return f.questions.map((q) => q.question);
}
