/**
 * Answers inside answers: the cells of a matrix of cells, the items of a multiple text, the
 * questions repeated in each row of a dynamic matrix or each panel of a dynamic panel. Each is
 * analysed as a question of its own kind under a derived key that says where its values are:
 *
 *   cell    answers[root][a][b]                  a matrixdropdown cell (row a, column b)
 *   cell    answers[root][a]                     a multipletext item a (b empty)
 *   column  { row: answers[root][row][a] }       a matrixdropdown choice column, as a matrix
 *   each    answers[root][i][a], every row i     a dynamic row's or panel's question, over all rows
 *   count   the number of rows or panels         of a dynamic matrix or panel
 *   has     true when some row has a value for a  (counted as answered: how many responses gave
 *           the rows or panels an `each` part counts, so that a part is hidden below k responses)
 *
 * The derived key holds these parts, joined by U+001F (which no question name contains), so that
 * the SQL of the tallies and of the scans (derivedAnswers below) and the response index
 * (derivedValues) read the same values from the stored answers, which stay as SurveyJS gave them.
 * Over rows and panels the unit is the row or panel: "40 of 57 procurements were awarded".
 */
import { sql, type RawBuilder } from 'kysely';

export type NestedMode = 'cell' | 'column' | 'each' | 'count' | 'has';

export interface NestedSource {
  /** The answer key of the question that holds the answers. */
  root: string;
  mode: NestedMode;
  a: string;
  b: string;
}

const SEP = '\u001f';

export const nestedKey = (s: NestedSource): string => [s.root, s.mode, s.a, s.b].join(SEP);

export const isNestedKey = (key: string): boolean => key.includes(SEP);

/** The key that counts the responses behind an `each` part (null for any other key). */
export function respondentsKey(key: string): string | null {
  const s = parseNestedKey(key);
  return s?.mode === 'each' ? nestedKey({ ...s, mode: 'has' }) : null;
}

/** Every derived key to read for these catalogue keys: theirs, and the respondent count of each `each` part. */
export function derivedKeys(keys: readonly string[]): string[] {
  const nested = keys.filter(isNestedKey);
  return [...nested, ...nested.flatMap((k) => respondentsKey(k) ?? [])];
}

export function parseNestedKey(key: string): NestedSource | null {
  const parts = key.split(SEP);
  if (parts.length !== 4) return null;
  const [root, mode, a, b] = parts as [string, NestedMode, string, string];
  return { root, mode, a, b };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The values a derived key reads from one response's answers: none, one, or one per row (`each`).
 * Mirrors derivedAnswers exactly (the response index and the SQL must count the same).
 */
export function derivedValues(answers: Record<string, unknown>, key: string): unknown[] {
  const s = parseNestedKey(key);
  if (!s) return [];
  const root = answers[s.root];
  if (root === undefined || root === null) return [];
  const present = (v: unknown) => v !== undefined && v !== null;
  switch (s.mode) {
    case 'cell': {
      if (!isRecord(root)) return [];
      const outer = root[s.a];
      const v = s.b === '' ? outer : isRecord(outer) ? outer[s.b] : undefined;
      return present(v) ? [v] : [];
    }
    case 'column': {
      if (!isRecord(root)) return [];
      const out: Record<string, unknown> = {};
      for (const [row, cells] of Object.entries(root)) if (isRecord(cells) && isScalar(cells[s.a])) out[row] = cells[s.a];
      return Object.keys(out).length > 0 ? [out] : [];
    }
    case 'each':
      return Array.isArray(root) ? root.flatMap((row) => (isRecord(row) && present(row[s.a]) ? [row[s.a]] : [])) : [];
    case 'count':
      return Array.isArray(root) ? [root.length] : [];
    case 'has':
      return Array.isArray(root) && root.some((row) => isRecord(row) && present(row[s.a])) ? [true] : [];
    default:
      return [];
  }
}

/**
 * SQL: a lateral subquery of (key, value) rows, the values of derived key `key` (a text
 * expression) in the answers `answers` (a jsonb expression), as derivedValues gives them.
 */
export function derivedAnswers(answers: RawBuilder<unknown>, key: RawBuilder<unknown>): RawBuilder<unknown> {
  const part = (n: number) => sql`split_part(${key}, ${SEP}::text, ${n}::int)`;
  const root = sql`(${answers} -> ${part(1)})`;
  const mode = part(2);
  const a = part(3);
  const b = part(4);
  return sql`(select ${key} as key, d.value from (
      select case ${mode}
          when 'cell' then case when jsonb_typeof(${root}) = 'object'
            then (case when ${b} = '' then ${root} -> ${a} else ${root} -> ${a} -> ${b} end) end
          when 'column' then (select jsonb_object_agg(c.key, c.value -> ${a})
            from jsonb_each(case when jsonb_typeof(${root}) = 'object' then ${root} end) c
            where jsonb_typeof(c.value -> ${a}) in ('string', 'number', 'boolean'))
          when 'count' then case when jsonb_typeof(${root}) = 'array' then to_jsonb(jsonb_array_length(${root})) end
          when 'has' then (select 'true'::jsonb
            from jsonb_array_elements(case when jsonb_typeof(${root}) = 'array' then ${root} end) r
            where r.value -> ${a} is not null and r.value -> ${a} <> 'null'::jsonb limit 1)
        end as value
      where ${mode} <> 'each'
      union all
      select r.value -> ${a} from jsonb_array_elements(case when ${mode} = 'each' and jsonb_typeof(${root}) = 'array' then ${root} end) r
    ) d where d.value is not null and d.value <> 'null'::jsonb)`;
}

/**
 * SQL: a lateral subquery of every (key, value) an answer set gives: its own top-level answers,
 * then the values of the derived keys `derived` (none for an edition with no nested answers).
 * Built per key, and each dynamic matrix or panel expanded once for all its parts, so that a
 * scan of many responses evaluates a few plain expressions per response; the same values as
 * derivedAnswers and derivedValues give.
 */
export function answerPairs(answers: RawBuilder<unknown>, derived: readonly string[]): RawBuilder<unknown> {
  const sources = derived.flatMap((key) => {
    const s = parseNestedKey(key);
    return s ? [{ key, ...s }] : [];
  });
  if (sources.length === 0) return sql`jsonb_each(${answers})`;
  const root = (r: string) => sql`(${answers} -> ${r}::text)`;
  const branches: RawBuilder<unknown>[] = [sql`select t.key, t.value from jsonb_each(${answers}) t`];

  // Cells, items and counts: one expression each.
  const direct = sources.filter((s) => s.mode === 'cell' || s.mode === 'count').map((s) => {
    const r = root(s.root);
    if (s.mode === 'count') return sql`(${s.key}::text, case when jsonb_typeof(${r}) = 'array' then to_jsonb(jsonb_array_length(${r})) end)`;
    const value = s.b === ''
      ? sql`case when jsonb_typeof(${r}) = 'object' then ${r} -> ${s.a}::text end`
      : sql`case when jsonb_typeof(${r} -> ${s.a}::text) = 'object' and jsonb_typeof(${r}) = 'object' then ${r} -> ${s.a}::text -> ${s.b}::text end`;
    return sql`(${s.key}::text, ${value})`;
  });
  if (direct.length > 0) {
    branches.push(sql`select v.key, v.value from (values ${sql.join(direct)}) as v(key, value) where v.value is not null and v.value <> 'null'::jsonb`);
  }

  const byRoot = (mode: NestedMode) => {
    const out = new Map<string, { key: string; a: string }[]>();
    for (const s of sources.filter((x) => x.mode === mode)) out.set(s.root, [...(out.get(s.root) ?? []), { key: s.key, a: s.a }]);
    return out;
  };
  // Every part of a dynamic matrix or panel from one expansion of its rows.
  for (const [r, parts] of byRoot('each')) {
    const list = sql.join(parts.map((p) => sql`(${p.key}::text, e.value -> ${p.a}::text)`));
    branches.push(sql`select v.key, v.value
      from jsonb_array_elements(case when jsonb_typeof(${root(r)}) = 'array' then ${root(r)} end) e
      cross join lateral (values ${list}) as v(key, value)
      where v.value is not null and v.value <> 'null'::jsonb`);
  }
  // Whether any row has a value, for every part of a dynamic matrix or panel, from one expansion.
  for (const [r, parts] of byRoot('has')) {
    const list = sql.join(parts.map((p) => sql`(${p.key}::text, e.value -> ${p.a}::text)`));
    branches.push(sql`select v.key, 'true'::jsonb as value
      from jsonb_array_elements(case when jsonb_typeof(${root(r)}) = 'array' then ${root(r)} end) e
      cross join lateral (values ${list}) as v(key, value)
      where v.value is not null and v.value <> 'null'::jsonb
      group by v.key`);
  }
  // Every choice column of a matrix of cells from one expansion of its rows.
  for (const [r, parts] of byRoot('column')) {
    const list = sql.join(parts.map((p) => sql`(${p.key}::text, c.value -> ${p.a}::text)`));
    branches.push(sql`select v.key, jsonb_object_agg(c.key, v.cell) as value
      from jsonb_each(case when jsonb_typeof(${root(r)}) = 'object' then ${root(r)} end) c
      cross join lateral (values ${list}) as v(key, cell)
      where jsonb_typeof(v.cell) in ('string', 'number', 'boolean')
      group by v.key`);
  }
  return sql`(${sql.join(branches, sql` union all `)})`;
}
