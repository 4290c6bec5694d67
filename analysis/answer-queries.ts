/**
 * The grouped queries behind every per-question aggregate. Each one reads the entries of the
 * filtered responses (answer-entries.ts: the running tallies plus the responses not tallied yet)
 * ONCE for a whole batch of questions and returns small grouped rows. Question keys are bound
 * parameters.
 */
import { sql, type Kysely } from 'kysely';
import { entryCounts, responseCounts, tallyGrain, keptCondition, type EntryKeys, type TallyDimension } from './answer-entries.ts';
import { filterCondition, type ResultFilters } from './filters.ts';
import { derivedAnswers, isNestedKey } from './nested-sources.ts';
import { indexView } from './response-index-source.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

/** Number of filtered responses. */
export async function countResponses(db: AnyDb, filters: ResultFilters): Promise<number> {
  const view = await indexView(db, filters);
  if (view) return view.count();
  const { rows } = await sql<{ n: number }>`select coalesce(sum(n), 0)::int as n from ${responseCounts(filters, null)} c`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Filtered responses per value of a grouping column (null: none), from the index or the tallies. */
export async function responseCountsBy(db: AnyDb, filters: ResultFilters, by: TallyDimension): Promise<{ value: string | null; n: number }[]> {
  const view = await indexView(db, filters);
  if (view) return [...view.countBy({ column: by })].map(([value, n]) => ({ value, n }));
  const { rows } = await sql<{ value: string | null; n: number }>`select value, n from ${responseCounts(filters, by)} c`.execute(db);
  return rows;
}

/** A summed entry (answer-entries.ts): how many filtered responses gave it. */
export interface EntryRow {
  key: string;
  kind: string;
  value: string;
  sub: string;
  pos: number;
  n: number;
}

/**
 * Every entry of the keys asked, summed, in one read: a few rows per choice, whatever the number
 * of responses. The functions below turn these rows into each question type's counts.
 */
export async function answerEntries(db: AnyDb, filters: ResultFilters, keys: EntryKeys): Promise<EntryRow[]> {
  if (keys.full.length + (keys.countOnly?.length ?? 0) === 0) return [];
  const view = await indexView(db, filters);
  if (view) return view.entries(keys.full, keys.countOnly ?? []);
  const { rows } = await sql<EntryRow>`select key, kind, value, sub, pos, n from ${entryCounts(filters, keys)} en`.execute(db);
  return rows.map((r) => ({ ...r, pos: Number(r.pos), n: Number(r.n) }));
}

export interface KeyCount {
  key: string;
  n: number;
}

/**
 * How many filtered responses answered each key: a value, or a list or matrix with an element;
 * free texts (`countOnly`) by a non-empty text.
 */
export async function answeredCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[], countOnly: readonly string[] = []): Promise<KeyCount[]> {
  const sums = new Map<string, number>();
  for (const r of await answerEntries(db, filters, { full: keys, countOnly })) {
    if (r.pos <= 1) sums.set(r.key, (sums.get(r.key) ?? 0) + r.n);
  }
  return [...sums].map(([key, n]) => ({ key, n }));
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

/** Rows summed per key and `inner` value, with the count of those at position 1 beside. */
function sumBy<T>(rows: readonly EntryRow[], inner: (r: EntryRow) => string, make: (r: EntryRow, n: number, first: number) => T): T[] {
  const sums = new Map<string, { row: EntryRow; n: number; first: number }>();
  for (const r of rows) {
    const id = JSON.stringify([r.key, inner(r)]);
    const s = sums.get(id) ?? { row: r, n: 0, first: 0 };
    s.n += r.n;
    if (r.pos === 1) s.first += r.n;
    sums.set(id, s);
  }
  return [...sums.values()].map((s) => make(s.row, s.n, s.first));
}

/** Single values, list elements and free texts (count only), per key and value, from entries. */
export function choiceCountsOf(rows: readonly EntryRow[], keys: ChoiceKeys): ElementCount[] {
  const scalar = new Set(keys.scalar ?? []);
  const array = new Set(keys.array ?? []);
  const countOnly = new Set(keys.countOnly ?? []);
  const kept = rows.filter((r) =>
    ((r.kind === 's' || r.kind === 'n') && (scalar.has(r.key) || array.has(r.key)))
    || (r.kind === 'a' && array.has(r.key))
    || (r.kind === 'c' && countOnly.has(r.key)));
  return sumBy(kept, (r) => r.value, (r, n, first) => ({ key: r.key, value: r.value, n, first }));
}

/**
 * Responses per key and value for single values, lists (per element) and free texts (count only),
 * in one read of the answers: reading them is what costs at a million responses.
 */
export async function choiceCounts(db: AnyDb, filters: ResultFilters, keys: ChoiceKeys): Promise<ElementCount[]> {
  const full = [...(keys.scalar ?? []), ...(keys.array ?? [])];
  return choiceCountsOf(await answerEntries(db, filters, { full, countOnly: keys.countOnly ?? [] }), keys);
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

/** Ranking answers per key, item and position (1 = ranked first), from entries. */
export function rankingPositionsOf(rows: readonly EntryRow[], keys: readonly string[]): PositionCount[] {
  const wanted = new Set(keys);
  return rows.filter((r) => r.kind === 'a' && wanted.has(r.key)).map((r) => ({ key: r.key, value: r.value, position: r.pos, n: r.n }));
}

/** Ranking answers: responses per key, item and position (1 = ranked first). */
export async function rankingPositionCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<PositionCount[]> {
  return rankingPositionsOf(await answerEntries(db, filters, { full: keys }), keys);
}

export interface CellCount {
  key: string;
  row: string;
  column: string;
  n: number;
}

/** Matrix answers per key, row and column; `first` as for lists (rows answered), from entries. */
export function matrixCellsOf(rows: readonly EntryRow[], keys: readonly string[]): (CellCount & { first: number })[] {
  const wanted = new Set(keys);
  const kept = rows.filter((r) => r.kind === 'o' && wanted.has(r.key));
  return sumBy(kept, (r) => JSON.stringify([r.value, r.sub]), (r, n, first) => ({ key: r.key, row: r.value, column: r.sub, n, first }));
}

/** Matrix answers: responses per key, row and column chosen; `first` as for lists (rows answered). */
export async function matrixCellCounts(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<(CellCount & { first: number })[]> {
  return matrixCellsOf(await answerEntries(db, filters, { full: keys }), keys);
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

/** Number answers with how many gave each value, from entries: the exact distribution. */
export function numberValuesOf(rows: readonly EntryRow[], keys: readonly string[]): { key: string; value: number; count: number }[] {
  const wanted = new Set(keys);
  return rows.filter((r) => r.kind === 'n' && wanted.has(r.key)).map((r) => ({ key: r.key, value: Number(r.value), count: r.n }));
}

/**
 * Mean and quartiles (as percentile_cont computes them) of values given with their counts; also
 * how numberStats works, from the distribution rather than from every answer.
 */
export function statsFromCounts(key: string, values: readonly { value: number; count: number }[]): NumberStats | undefined {
  const sorted = values.filter((v) => Number.isFinite(v.value) && v.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((a, v) => a + v.count, 0);
  if (n === 0) return undefined;
  const at = (index: number) => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (index < seen) return v.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const percentile = (p: number) => {
    const h = (n - 1) * p;
    const lo = at(Math.floor(h));
    return lo + (h - Math.floor(h)) * (at(Math.ceil(h)) - lo);
  };
  const mean = sorted.reduce((a, v) => a + v.value * v.count, 0) / n;
  return { key, n, mean, q1: percentile(0.25), median: percentile(0.5), q3: percentile(0.75), min: sorted[0]!.value, max: sorted[sorted.length - 1]!.value };
}

/** Number answers (and ratings): count, mean, quartiles as percentile_cont gives them, range, per key. */
export async function numberStats(db: AnyDb, filters: ResultFilters, keys: readonly string[]): Promise<NumberStats[]> {
  return numberStatsOf(await answerEntries(db, filters, { full: keys }), keys);
}

/** Count, mean, quartiles and range per number key, from entries. */
export function numberStatsOf(rows: readonly EntryRow[], keys: readonly string[]): NumberStats[] {
  const byKey = new Map<string, { value: number; count: number }[]>();
  for (const r of numberValuesOf(rows, keys)) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  return [...byKey].flatMap(([key, values]) => statsFromCounts(key, values) ?? []);
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

/** Number answers per bin (width_bucket), for several keys with their own bins in one read. */
export async function histogramCounts(db: AnyDb, filters: ResultFilters, bins: readonly Bins[]): Promise<BinCount[]> {
  if (bins.length === 0) return [];
  const spec = sql.join(bins.map((b) => sql`(${b.key}::text, ${b.from}::float8, ${b.from + b.width * b.count}::float8, ${b.count}::int)`));
  const view = await indexView(db, filters);
  if (view) {
    // The distinct values with their counts, binned by PostgreSQL's own width_bucket (no second
    // rounding rule to keep equal).
    const values = view.entries(bins.map((b) => b.key)).filter((e) => e.kind === 'n');
    if (values.length === 0) return [];
    const counted = sql.join(values.map((v) => sql`(${v.key}::text, ${v.value}::text, ${v.n}::int)`));
    const { rows } = await sql<BinCount>`select en.key as key,
        least(greatest(width_bucket(en.value::float8, b.lo, b.hi, b.bins), 1), b.bins)::int as bin, sum(en.n)::int as n
      from (values ${counted}) as en(key, value, n)
      join (values ${spec}) as b(key, lo, hi, bins) on b.key = en.key
      group by 1, 2`.execute(db);
    return rows;
  }
  const { rows } = await sql<BinCount>`select en.key as key,
      least(greatest(width_bucket(en.value::float8, b.lo, b.hi, b.bins), 1), b.bins)::int as bin, sum(en.n)::int as n
    from ${entryCounts(filters, { full: bins.map((b) => b.key) })} en
    join (values ${spec}) as b(key, lo, hi, bins) on b.key = en.key
    where en.kind = 'n'
    group by 1, 2`.execute(db);
  return rows;
}

/** The values of key `key` in the answers of response `r`: its answer, or its derived values (nested-sources.ts). */
const valueOf = (key: string) => (isNestedKey(key) ? derivedAnswers(sql`r.answers`, sql`${key}::text`) : sql`(select r.answers -> ${key}::text as value)`);

export interface KeyText {
  key: string;
  text: string;
}

/**
 * Free texts of a batch of keys, at most `limit` per key: one short query per key that stops at the
 * limit, from the texts copied when their responses were folded (an index by question) and from the
 * responses not folded yet, or from every filtered response when the tallies do not keep a filter.
 * Callers sort the texts, so the order they were read in never shows.
 */
export async function textSamples(db: AnyDb, filters: ResultFilters, keys: readonly string[], limit: number): Promise<KeyText[]> {
  const out: KeyText[] = [];
  const view = keys.length > 0 ? await indexView(db, filters) : null;
  if (view) {
    // The index knows which selected responses answered: their texts are read by id.
    const masks = view.select();
    for (const key of keys) {
      const ids = view.answeredIds(key, limit, masks);
      if (ids.length === 0) continue;
      const { rows } = await sql<{ text: string }>`select a.value #>> '{}' as text from response r cross join lateral ${valueOf(key)} a
        where r.id = any(${ids}::uuid[]) and jsonb_typeof(a.value) = 'string' and a.value <> '""'::jsonb`.execute(db);
      out.push(...rows.map((r) => ({ key, text: r.text })));
    }
    return out;
  }
  const grain = tallyGrain(filters);
  for (const key of keys) {
    const scanned = sql`select a.value #>> '{}' as text from response r cross join lateral ${valueOf(key)} a
      where ${filterCondition(filters, { table: 'r' })} ${grain === null ? sql`` : sql`and not r.tallied`}
        and jsonb_typeof(a.value) = 'string' and a.value <> '""'::jsonb
      limit ${limit}::int`;
    const query = grain === null ? scanned : sql`(select t.text from answer_text t
        where ${keptCondition(filters)} and t.key = ${key}::text limit ${limit}::int)
      union all (${scanned})`;
    const { rows } = await sql<{ text: string }>`${query}`.execute(db);
    out.push(...rows.slice(0, limit).map((r) => ({ key, text: r.text })));
  }
  return out;
}
