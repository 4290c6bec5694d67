/**
 * Answers as entries: one row per answer, list element or matrix row, the shape that both the
 * running tallies (answer-tally.ts) and a scan of responses produce, so that every aggregate reads
 * "tallied counts + the responses not tallied yet" and gets exactly what a full scan would give.
 *
 * kind  value       sub       pos
 * r     ''          ''        0      the response itself (tallies only)
 * c     ''          ''        0      a free text or other answer, counted without its value
 * s/n   the text    ''        0      a single text or number value
 * a     element     ''        1..    a list element at its position
 * o     row         column    1..    a matrix row with the column chosen
 */
import { sql, type RawBuilder } from 'kysely';
import { filterCondition, type ListFilterKey, type ResultFilters } from './filters.ts';
import { answerPairs, derivedAnswers, isNestedKey } from './nested-sources.ts';

/** Up to this many keys, each answer is looked up by key; beyond, each response's answers are expanded once. */
const LOOKUP_KEYS = 4;

/**
 * The entries of answer `a` (columns a.key, a.value) as columns x.kind, x.value, x.sub, x.pos, and
 * the condition that keeps real entries. `counted` says whether the key's values are counted
 * (choice, rating, number, ranking, matrix) or only that it was answered (free texts: their values
 * would make a counter each). Two left-joined expansions and one row of expressions per answer:
 * cheaper than a union of branches when a million answer sets are read.
 */
export function entriesOfAnswer(counted: RawBuilder<unknown>): { joins: RawBuilder<unknown>; condition: RawBuilder<unknown> } {
  const scalar = sql`jsonb_typeof(a.value) in ('string', 'number', 'boolean') and a.value <> '""'::jsonb`;
  const joins = sql`left join lateral jsonb_array_elements_text(case when ${counted} and jsonb_typeof(a.value) = 'array' then a.value end)
        with ordinality as e(value, nth) on true
      left join lateral jsonb_each_text(case when ${counted} and jsonb_typeof(a.value) = 'object' then a.value end)
        with ordinality as m(key, value, nth) on true
      cross join lateral (select
        case when e.value is not null then 'a'
             when m.value is not null then 'o'
             when ${scalar} then (case when not ${counted} then 'c' when jsonb_typeof(a.value) = 'number' then 'n' else 's' end)
             -- A list or object whose values are not counted (a range slider, a question inside a
             -- dynamic panel's panels) still counts as answered.
             when not ${counted} and jsonb_typeof(a.value) in ('array', 'object') and a.value not in ('[]'::jsonb, '{}'::jsonb) then 'c'
        end as kind,
        case when e.value is not null then e.value
             when m.value is not null then m.key
             when ${counted} then a.value #>> '{}'
             else '' end as value,
        coalesce(m.value, '') as sub,
        coalesce(e.nth, m.nth, 0)::int as pos) x`;
  return { joins, condition: sql`x.kind is not null` };
}

/** Keys asked for: those whose values are wanted, and those only counted. */
export interface EntryKeys {
  full: readonly string[];
  countOnly?: readonly string[];
}

/** The dimensions the tallies keep, with their grouping() bit. */
const DIMENSIONS = [
  { key: 'linkCountry', column: 'link_country', bit: 4 },
  { key: 'country', column: 'country', bit: 2 },
  { key: 'authorityType', column: 'authority_type', bit: 1 },
] as const satisfies readonly { key: ListFilterKey; column: string; bit: number }[];
export type TallyDimension = (typeof DIMENSIONS)[number]['key'];

export const isTallyDimension = (key: ListFilterKey): key is TallyDimension => DIMENSIONS.some((d) => d.key === key);

/** The grains folded, coarsest first: a bit set is a dimension summed over (see answer-tally.ts). */
export const GRAINS = [7, 3, 5, 6, 0] as const;

/**
 * The coarsest tally grain that answers these filters (and keeps `by`, for a breakdown), or null
 * when a filter is not among the tallies' dimensions (channel, language, wave, an answer): then
 * the responses are read.
 */
export function tallyGrain(f: ResultFilters, by: readonly TallyDimension[] = []): number | null {
  if (f.channel.length > 0 || f.language.length > 0 || f.wave.length > 0 || f.questions.length > 0) return null;
  const needed = DIMENSIONS.filter((d) => f[d.key].length > 0 || by.includes(d.key)).reduce((bits, d) => bits | d.bit, 0);
  return GRAINS.find((g) => (g & needed) === 0) ?? 0;
}

/**
 * Conditions on a table `t` that has the tallies' columns (answer_tally, answer_text) for the
 * filters they keep: edition, campaign and the three dimensions.
 */
export function keptCondition(f: ResultFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.editionId) parts.push(sql`t.edition_id = ${f.editionId}::uuid`);
  if (f.campaignId) parts.push(sql`t.campaign_id = ${f.campaignId}::uuid`);
  for (const d of DIMENSIONS) {
    if (f[d.key].length > 0) parts.push(sql`${sql.ref(`t.${d.column}`)} in (${sql.join(f[d.key].map((v) => sql`${v}::text`))})`);
  }
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

const tallyCondition = (f: ResultFilters, grain: number) => sql`t.grain = ${grain}::smallint and ${keptCondition(f)}`;

/** The responses to read: all filtered ones, or only those the tallies do not hold yet. */
function responseCondition(f: ResultFilters, grain: number | null): RawBuilder<unknown> {
  const base = filterCondition(f, { table: 'r' });
  return grain === null ? base : sql`${base} and not r.tallied`;
}

/**
 * Entries of the filtered responses for the keys asked, summed: (key, kind, value, sub, pos, n),
 * as a subquery to select from. Tallied responses come from answer_tally, the rest from their answers.
 */
export function entryCounts(f: ResultFilters, keys: EntryKeys): RawBuilder<unknown> {
  const countOnly = keys.countOnly ?? [];
  const all = [...keys.full.map((key) => ({ key, full: true })), ...countOnly.map((key) => ({ key, full: false }))];
  if (all.length === 0) return sql`(select null::text as key, null::text as kind, null::text as value, null::text as sub, 0 as pos, 0 as n where false)`;
  const wanted = sql`(values ${sql.join(all.map((k) => sql`(${k.key}::text, ${k.full}::boolean)`))}) as wanted(key, counted)`;
  // Answers inside answers are read by their derived keys (nested-sources.ts), only when asked for.
  const derived = all.map((k) => k.key).filter(isNestedKey);
  const lookup = derived.length === 0
    ? sql`(select wanted.key as key, r.answers -> wanted.key as value)`
    : sql`(select wanted.key as key, r.answers -> wanted.key as value where not ${sql`wanted.key = any(${derived}::text[])`}
        union all select n.key, n.value from ${derivedAnswers(sql`r.answers`, sql`wanted.key`)} n where wanted.key = any(${derived}::text[]))`;
  const answers = all.length <= LOOKUP_KEYS
    ? sql`cross join ${wanted} cross join lateral ${lookup} a`
    : sql`cross join lateral ${answerPairs(sql`r.answers`, derived)} a join ${wanted} on wanted.key = a.key`;
  const grain = tallyGrain(f);
  const entries = entriesOfAnswer(sql`wanted.counted`);
  const scanned = sql`select a.key, x.kind, x.value, x.sub, x.pos, 1 as n
    from response r ${answers} ${entries.joins}
    where ${responseCondition(f, grain)} and a.value is not null and ${entries.condition}`;
  const tallied = grain === null ? sql`` : sql`select t.key, t.kind, t.value, t.sub, t.pos, t.n
    from answer_tally t join ${wanted} on wanted.key = t.key and (t.kind = 'c') <> wanted.counted
    where ${tallyCondition(f, grain)} and t.kind <> 'r'
    union all`;
  return sql`(select key, kind, value, sub, pos, sum(n)::int as n from (${tallied} ${scanned}) u group by 1, 2, 3, 4, 5)`;
}

/**
 * Responses per value of a dimension (or in all when `by` is null) among the filtered ones, as a
 * subquery of (value, n): the tallies' response counters plus the responses not folded yet, or
 * every filtered response when the tallies do not keep a filter.
 */
export function responseCounts(f: ResultFilters, by: TallyDimension | null): RawBuilder<unknown> {
  const column = by === null ? null : DIMENSIONS.find((d) => d.key === by)!.column;
  const grain = tallyGrain(f, by === null ? [] : [by]);
  const value = (table: string) => (column === null ? sql`null::text` : sql`${sql.ref(`${table}.${column}`)}::text`);
  const scanned = sql`select ${value('r')} as value, count(*)::int as n from response r where ${responseCondition(f, grain)} group by 1`;
  const tallied = grain === null ? sql`` : sql`select ${value('t')} as value, t.n from answer_tally t
    where ${tallyCondition(f, grain)} and t.kind = 'r'
    union all`;
  return sql`(select value, sum(n)::int as n from (${tallied} ${scanned}) u group by 1)`;
}
