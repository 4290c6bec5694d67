/**
 * Guards against differencing, where two views that are each large enough differ by a small group:
 * - "country FR or CY" minus "country FR" would show the answers of Cyprus even when Cyprus alone is
 *   hidden for having fewer than k responses. So for every filter that lists several values, each
 *   value must add either nothing or at least k responses to what the other values select (the other
 *   filters applying); likewise partial responses when they are included. One scan.
 * - "all countries" minus "FR" minus "ES" would show the rest. So a filter value is refused when its
 *   group is hidden in the breakdown of its dimension (the same suppressVector as the per-country and
 *   per-authority-type pages): small groups, and the groups hidden with them, have no view of their
 *   own, and what the open groups leave over is at least k responses in at least two groups.
 * Trackers built from several dimensions at once are not all caught: raw exports are for analysts
 * and admins anyway, and a national contact reads their own country only.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isTallyDimension, responseCounts } from './answer-entries.ts';
import type { AnyDb } from './answer-queries.ts';
import { filterCondition, LIST_FILTERS, listCondition, questionCondition, type ListFilterKey, type ResultFilters } from './filters.ts';
import type { IndexView } from './response-index.ts';
import { LIST_COLUMN } from './response-index.ts';
import { indexView } from './response-index-source.ts';
import { isSmallCell, suppressVector } from './suppress-small-cells.ts';

export interface SmallFilterGroup {
  /** The query parameter (country, authority_type, q.<question>, status). */
  param: string;
  value: string;
}

interface Probe extends SmallFilterGroup {
  /** True for the responses the filters select without this value. */
  without: RawBuilder<SqlBool>;
}

function probesOf(f: ResultFilters): Probe[] {
  const probes: Probe[] = [];
  for (const { key, param } of LIST_FILTERS) {
    const values = f[key];
    if (values.length < 2 || isTallyDimension(key)) continue;
    for (const v of values) probes.push({ param, value: v, without: listCondition(key, values.filter((x) => x !== v), 'r') });
  }
  for (const q of f.questions) {
    if (q.values.length < 2) continue;
    for (const v of q.values) probes.push({ param: `q.${q.question}`, value: v, without: questionCondition({ question: q.question, values: q.values.filter((x) => x !== v) }, 'r') });
  }
  if (f.status === 'all') probes.push({ param: 'status', value: 'partial', without: sql<SqlBool>`r.status = 'complete'` });
  return probes;
}

/** Values of one filter's dimension whose group is hidden in that dimension's breakdown. */
async function closedValues(db: AnyDb, f: ResultFilters, k: number, dim: { key: ListFilterKey } | { question: number }): Promise<string[]> {
  let expr: RawBuilder<string>;
  let selected: readonly string[];
  if ('key' in dim && isTallyDimension(dim.key)) {
    // From the tallies: a breakdown of a kept dimension costs counters, not a read of every response.
    const { rows } = await sql<{ value: string | null; n: number }>`select value, n from ${responseCounts({ ...f, [dim.key]: [] }, dim.key)} c`.execute(db);
    return closedOf(rows, f[dim.key], k);
  }
  if ('key' in dim) {
    if (dim.key === 'channel') expr = sql<string>`(select l.channel from link l where l.id = r.link_id)`;
    else expr = sql<string>`${sql.ref(`r.${LIST_FILTERS.find((x) => x.key === dim.key)!.column}`)}::text`;
    selected = f[dim.key];
  } else {
    const q = f.questions[dim.question]!;
    const v = sql`r.answers -> ${q.question}::text`;
    // Breakdowns of single answers only; a multiple choice has no breakdown adding up to a total.
    expr = sql<string>`(case when jsonb_typeof(${v}) in ('string', 'number', 'boolean') then ${v} #>> '{}' end)`;
    selected = q.values;
  }
  const { rows } = await sql<{ value: string | null; n: number }>`select ${expr} as value, count(*)::int as n
    from response r where ${filterCondition(f, { table: 'r', without: 'key' in dim ? dim.key : dim })} group by 1`.execute(db);
  return closedOf(rows, selected, k);
}

/** The selected values whose group the breakdown `rows` hides. */
function closedOf(rows: readonly { value: string | null; n: number }[], selected: readonly string[], k: number): string[] {
  // In one order whatever order the rows came in: which group is hidden beside a small one can
  // depend on it, and the same filters must give the same answer every time.
  const groups = rows.filter((r) => r.value !== null).sort((a, b) => ((a.value as string) < (b.value as string) ? -1 : (a.value as string) > (b.value as string) ? 1 : 0));
  if (groups.length === 0) return [];
  const shown = suppressVector(groups.map((g) => Number(g.n)), k);
  // In the order the filter lists them: the message reads the same whatever order the groups came in.
  const hidden = new Set(groups.filter((g, i) => shown[i] === null).map((g) => g.value as string));
  return selected.filter((v) => hidden.has(v));
}

/**
 * The filter values that would give a small group away: values adding 1 to k-1 responses to the
 * rest of their filter, and values whose group is hidden in their dimension's breakdown.
 */
export async function smallFilterGroups(db: AnyDb, f: ResultFilters, k: number): Promise<SmallFilterGroup[]> {
  const view = await indexView(db, f);
  if (view) return smallFilterGroupsIndexed(view, f, k);
  const closed: SmallFilterGroup[] = [];
  for (const { key, param } of LIST_FILTERS) {
    if (f[key].length === 0 || key === 'wave') continue;
    for (const value of await closedValues(db, f, k, { key })) closed.push({ param, value });
  }
  for (let i = 0; i < f.questions.length; i++) {
    for (const value of await closedValues(db, f, k, { question: i })) closed.push({ param: `q.${f.questions[i]!.question}`, value });
  }
  const adding = [...(await addingFromTallies(db, f, k)), ...(await addingByScan(db, f, k))];
  return [...closed, ...adding.filter((a) => !closed.some((c) => c.param === a.param && c.value === a.value))];
}

/**
 * Values of country, link country and authority type filters that add 1 to k-1 responses: their
 * own group's count under the other filters, read from the tallies (each response has one value).
 */
async function addingFromTallies(db: AnyDb, f: ResultFilters, k: number): Promise<SmallFilterGroup[]> {
  const out: SmallFilterGroup[] = [];
  for (const { key, param } of LIST_FILTERS) {
    if (f[key].length < 2 || !isTallyDimension(key)) continue;
    const { rows } = await sql<{ value: string | null; n: number }>`select value, n from ${responseCounts(f, key)} c`.execute(db);
    for (const value of f[key]) {
      if (isSmallCell(Number(rows.find((r) => r.value === value)?.n ?? 0), k)) out.push({ param, value });
    }
  }
  return out;
}

/** The other filters' values (channel, language, wave, answers, partial responses): one scan. */
async function addingByScan(db: AnyDb, f: ResultFilters, k: number): Promise<SmallFilterGroup[]> {
  const probes = probesOf(f);
  if (probes.length === 0) return [];
  const columns = sql.join(probes.map((p, i) => sql`count(*) filter (where ${p.without})::int as ${sql.ref(`d${i}`)}`));
  const { rows } = await sql<Record<string, number>>`select count(*)::int as all_rows, ${columns}
    from response r where ${filterCondition(f, { table: 'r' })}`.execute(db);
  const row = rows[0] ?? {};
  const all = Number(row.all_rows ?? 0);
  return probes
    .filter((_, i) => isSmallCell(all - Number(row[`d${i}`] ?? 0), k))
    .map(({ param, value }) => ({ param, value }));
}

export function smallFilterGroupMessage(groups: readonly SmallFilterGroup[], k: number): string {
  const named = groups.map((g) => (g.param === 'status' ? 'partial responses' : `${g.param} = ${g.value}`)).join(', ');
  return `The selection ${named} is too small to show, or would let a group of fewer than ${k} responses be worked out from other views. Remove it or choose larger groups.`;
}

/** smallFilterGroups from the response index: the same groups and probes, counted in memory. */
function smallFilterGroupsIndexed(view: IndexView, f: ResultFilters, k: number): SmallFilterGroup[] {
  const rowsOf = (counts: Map<string | null, number>) => [...counts].map(([value, n]) => ({ value, n }));
  const closed: SmallFilterGroup[] = [];
  for (const { key, param } of LIST_FILTERS) {
    if (f[key].length === 0 || key === 'wave') continue;
    const by = key === 'channel' ? { channel: true as const } : { column: LIST_COLUMN[key] };
    const counts = view.countBy(by, view.select(f, key));
    for (const value of closedOf(rowsOf(counts), f[key], k)) closed.push({ param, value });
  }
  f.questions.forEach((q, i) => {
    const counts = view.countBy({ question: q.question }, view.select(f, { question: i }));
    for (const value of closedOf(rowsOf(counts), q.values, k)) closed.push({ param: `q.${q.question}`, value });
  });
  const adding: SmallFilterGroup[] = [];
  const all = view.count(view.select(f));
  const probe = (param: string, value: string, narrowed: ResultFilters) => {
    if (isSmallCell(all - view.count(view.select(narrowed)), k)) adding.push({ param, value });
  };
  // Tally dimensions first, then the rest, in the order the SQL path lists them.
  for (const tallied of [true, false]) {
    for (const { key, param } of LIST_FILTERS) {
      if (f[key].length < 2 || isTallyDimension(key) !== tallied) continue;
      for (const v of f[key]) probe(param, v, { ...f, [key]: f[key].filter((x) => x !== v) });
    }
    if (tallied) continue;
    f.questions.forEach((q, i) => {
      if (q.values.length < 2) return;
      for (const v of q.values) {
        probe(`q.${q.question}`, v, { ...f, questions: f.questions.map((x, j) => (j === i ? { ...x, values: x.values.filter((y) => y !== v) } : x)) });
      }
    });
    if (f.status === 'all') probe('status', 'partial', { ...f, status: 'complete' });
  }
  return [...closed, ...adding.filter((a) => !closed.some((c) => c.param === a.param && c.value === a.value))];
}
