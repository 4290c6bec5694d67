/**
 * The grouped queries behind every per-question aggregate. Each one reads the filtered responses
 * ONCE for a whole batch of questions (one scan, one jsonb_each per response, not one query per
 * question or per choice) and returns small grouped rows. Question keys are bound parameters.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { filterCondition, type ResultFilters } from './filters.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

/** Up to this many keys, each answer is looked up by key; beyond, each response's answers are expanded once. */
const LOOKUP_KEYS = 4;

/**
 * FROM ... WHERE for the filtered responses' answers to a batch of keys: one row per response and
 * answered key, as (r, a.key, a.value). For a few keys, a lookup per key (jsonb -> key) is cheapest;
 * for many, one jsonb_each per response joined to the wanted keys reads each answer set once.
 * `expand` adds a lateral over a.value (list elements...).
 */
function fromAnswers(filters: ResultFilters, keys: readonly string[], expand?: RawBuilder<unknown>): RawBuilder<unknown> {
  const list = sql.join(keys.map((k) => sql`(${k}::text)`));
  const answers = keys.length <= LOOKUP_KEYS
    ? sql`cross join (values ${list}) as wanted(key)
      cross join lateral (select wanted.key as key, r.answers -> wanted.key as value) a`
    : sql`cross join lateral jsonb_each(r.answers) a
      join (values ${list}) as wanted(key) on wanted.key = a.key`;
  return sql`from response r
    ${answers}
    ${expand ?? sql``}
    where ${filterCondition(filters, { table: 'r' })} and a.value is not null and jsonb_typeof(a.value) <> 'null'`;
}

/** A JSON value that holds an answer: not an empty string, list or object. */
const answered = sql`a.value not in ('""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;
/** Elements of a list answer; anything else gives none. */
const arrayOf = (v: RawBuilder<unknown>) => sql`(case when jsonb_typeof(${v}) = 'array' then ${v} else '[]'::jsonb end)`;
const objectOf = (v: RawBuilder<unknown>) => sql`(case when jsonb_typeof(${v}) = 'object' then ${v} else '{}'::jsonb end)`;
const value = sql`a.value`;

/** Number of filtered responses. */
export async function countResponses(db: AnyDb, filters: ResultFilters): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from response r where ${filterCondition(filters, { table: 'r' })}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface KeyCount {
  key: string;
  n: number;
}

/** How many filtered responses answered each key. */
export async function answeredCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<KeyCount[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<KeyCount>`select a.key as key, count(*)::int as n ${fromAnswers(filters, keys)} and ${answered} group by a.key`.execute(db);
  return rows;
}

export interface ValueCount {
  key: string;
  value: string;
  n: number;
}

export interface ElementCount extends ValueCount {
  /** Responses whose list has this value first: summed over a key's values, the responses that answered. */
  first: number;
}

export interface ChoiceKeys {
  /** Single values: radiogroup, dropdown, boolean, rating. */
  scalar?: readonly string[];
  /** Lists: checkbox, tagbox. */
  array?: readonly string[];
  /** Free texts: counted without their values (one row per key, value ''). */
  countOnly?: readonly string[];
}

/**
 * Responses per key and value for single values, lists (per element) and free texts (count only),
 * in one read of the answers: reading them is what costs at a million responses.
 */
export async function choiceCounts(db: AnyDb, filters: ResultFilters, keys: ChoiceKeys): Promise<ElementCount[]> {
  const scalar = keys.scalar ?? [];
  const array = keys.array ?? [];
  const countOnly = keys.countOnly ?? [];
  const all = [...scalar, ...array, ...countOnly];
  if (all.length === 0) return [];
  const inList = (list: readonly string[]) => (list.length > 0 ? sql`a.key in (${sql.join(list.map((k) => sql`${k}::text`))})` : sql`false`);
  const expand = sql`left join lateral jsonb_array_elements_text(case when ${inList(array)} and jsonb_typeof(a.value) = 'array' then a.value end)
    with ordinality as e(value, nth) on true`;
  const value = sql`(case when ${inList(countOnly)} then '' when e.value is not null then e.value else a.value #>> '{}' end)`;
  const { rows } = await sql<ElementCount>`select a.key as key, ${value} as value, count(*)::int as n, (count(*) filter (where e.nth = 1))::int as first
    ${fromAnswers(filters, all, expand)} and ${answered}
      and (jsonb_typeof(a.value) in ('string', 'number', 'boolean') or (${inList(array)} and e.value is not null))
    group by 1, 2`.execute(db);
  return rows;
}

/** Single-valued answers (radiogroup, dropdown, boolean, rating): responses per key and value. */
export async function scalarValueCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[], countOnly: readonly string[] = []): Promise<ValueCount[]> {
  return choiceCounts(db, filters, { scalar: keys, countOnly });
}

/** List answers (checkbox, tagbox): responses per key and chosen value. */
export async function arrayValueCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<ElementCount[]> {
  return choiceCounts(db, filters, { array: keys });
}

export interface PositionCount {
  key: string;
  value: string;
  position: number;
  n: number;
}

/** Ranking answers: responses per key, item and position (1 = ranked first). */
export async function rankingPositionCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<PositionCount[]> {
  if (keys.length === 0) return [];
  const expand = sql`cross join lateral jsonb_array_elements_text(${arrayOf(value)}) with ordinality as e(value, position)`;
  const { rows } = await sql<PositionCount>`select a.key as key, e.value as value, e.position::int as position, count(*)::int as n
    ${fromAnswers(filters, keys, expand)} group by a.key, e.value, e.position`.execute(db);
  return rows;
}

export interface CellCount {
  key: string;
  row: string;
  column: string;
  n: number;
}

/** Matrix answers: responses per key, row and column chosen; `first` as for lists (rows answered). */
export async function matrixCellCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<(CellCount & { first: number })[]> {
  if (keys.length === 0) return [];
  const expand = sql`cross join lateral jsonb_each_text(${objectOf(value)}) with ordinality as e(row, col, nth)`;
  const { rows } = await sql<CellCount & { first: number }>`select a.key as key, e.row as row, e.col as column, count(*)::int as n, (count(*) filter (where e.nth = 1))::int as first
    ${fromAnswers(filters, keys, expand)} group by a.key, e.row, e.col`.execute(db);
  return rows;
}

export interface NumberStats {
  key: string;
  n: number;
  mean: number;
  q1: number;
  median: number;
  q3: number;
  min: number;
  max: number;
}

/** Number answers (and ratings): count, mean, quartiles by percentile_cont, range, per key. */
export async function numberStats(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<NumberStats[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<NumberStats>`select key, n, mean, pct[1] as q1, pct[2] as median, pct[3] as q3, min, max from (
      select a.key as key, count(*)::int as n, avg((a.value)::float8)::float8 as mean,
        percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by (a.value)::float8) as pct,
        min((a.value)::float8)::float8 as min, max((a.value)::float8)::float8 as max
      ${fromAnswers(filters, keys)} and jsonb_typeof(a.value) = 'number'
      group by a.key
    ) s`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n), mean: Number(r.mean), q1: Number(r.q1), median: Number(r.median), q3: Number(r.q3), min: Number(r.min), max: Number(r.max) }));
}

export interface Bins {
  key: string;
  /** Lower edge of the first bin, width of every bin, number of bins. */
  from: number;
  width: number;
  count: number;
}

export interface BinCount {
  key: string;
  /** 1-based bin number. */
  bin: number;
  n: number;
}

/** Number answers per bin (width_bucket), for several keys with their own bins in one scan. */
export async function histogramCounts(db: AnyDb, filters: ResultFilters, bins: readonly Bins[]): Promise<BinCount[]> {
  if (bins.length === 0) return [];
  const spec = sql.join(bins.map((b) => sql`(${b.key}::text, ${b.from}::float8, ${b.from + b.width * b.count}::float8, ${b.count}::int)`));
  const expand = sql`join (values ${spec}) as b(key, lo, hi, bins) on b.key = a.key`;
  const { rows } = await sql<BinCount>`select a.key as key,
      least(greatest(width_bucket((a.value)::float8, b.lo, b.hi, b.bins), 1), b.bins)::int as bin, count(*)::int as n
    ${fromAnswers(filters, bins.map((b) => b.key), expand)} and jsonb_typeof(a.value) = 'number'
    group by 1, 2`.execute(db);
  return rows;
}

export interface KeyText {
  key: string;
  text: string;
}

/**
 * Free texts of a batch of keys, at most `limit` per key: one short query per key that stops at the
 * limit. Callers sort the texts, so the order they were read in (roughly, the order they were
 * stored) never shows.
 */
export async function textSamples(db: AnyDb, filters: ResultFilters, keys: readonly string[], limit: number): Promise<KeyText[]> {
  const out: KeyText[] = [];
  for (const key of keys) {
    const v = sql`r.answers -> ${key}::text`;
    const { rows } = await sql<{ text: string }>`select ${v} #>> '{}' as text from response r
      where ${filterCondition(filters, { table: 'r' })} and jsonb_typeof(${v}) = 'string' and ${v} <> '""'::jsonb
      limit ${limit}::int`.execute(db);
    out.push(...rows.map((r) => ({ key, text: r.text })));
  }
  return out;
}
