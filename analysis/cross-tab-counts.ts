/**
 * The counts of a cross-tab: responses per pair of values, among those that answered both.
 *
 * A question against a dimension the tallies keep (answered country, link country, authority type)
 * is read from answer_tally at the coarsest grain that keeps that dimension, plus the responses not
 * folded yet, as the results summaries are (answer-entries.ts): at 100,000 responses a report's
 * ten default tables then read a few hundred counters each instead of every response. Every other
 * table (two questions, two groupings, or a filter the tallies do not keep) reads the responses.
 * Both ways give the same counts: a tallied single choice or rating is one scalar entry (kind 's'
 * or 'n') per response, with the same text as the scan's expression.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './answer-queries.ts';
import { isTallyDimension, keptCondition, tallyGrain, type TallyDimension } from './answer-entries.ts';
import { filterCondition, type ResultFilters } from './filters.ts';
import type { QuestionInfo } from './question-catalogue.ts';

/** One axis as the cross-tab resolves it: what it is and the text expression on `response r`. */
export interface CountAxis {
  dimension: { kind: 'country' | 'linkCountry' | 'authorityType' } | { kind: 'question'; name: string };
  expr: RawBuilder<string>;
}

export interface PairCount {
  r: string;
  c: string;
  n: number;
}

const TALLY_COLUMNS = { country: 'country', linkCountry: 'link_country', authorityType: 'authority_type' } as const;

const answeredBoth = (r: CountAxis, c: CountAxis) => sql`${r.expr} is not null and ${c.expr} is not null and ${r.expr} <> '' and ${c.expr} <> ''`;

/** The question key and tally dimension of a question-by-grouping table, whichever way round. */
function tallyPair(rows: CountAxis, columns: CountAxis, catalogue: readonly QuestionInfo[]): { key: string; by: TallyDimension; questionIsRows: boolean } | null {
  const [question, group, questionIsRows] = rows.dimension.kind === 'question' ? [rows.dimension, columns.dimension, true] : [columns.dimension, rows.dimension, false];
  if (question.kind !== 'question' || group.kind === 'question' || !isTallyDimension(group.kind)) return null;
  const key = catalogue.find((q) => q.name === question.name)?.key;
  return key === undefined ? null : { key, by: group.kind, questionIsRows };
}

export async function crossTabCounts(db: AnyDb, rows: CountAxis, columns: CountAxis, filters: ResultFilters, catalogue: readonly QuestionInfo[]): Promise<PairCount[]> {
  const pair = tallyPair(rows, columns, catalogue);
  const grain = pair === null ? null : tallyGrain(filters, [pair.by]);
  if (pair === null || grain === null) {
    const { rows: found } = await sql<PairCount>`select ${rows.expr} as r, ${columns.expr} as c, count(*)::int as n
      from response r where ${filterCondition(filters, { table: 'r' })} and ${answeredBoth(rows, columns)}
      group by 1, 2`.execute(db);
    return found;
  }
  const group = sql.ref(`t.${TALLY_COLUMNS[pair.by]}`);
  const [tr, tc] = pair.questionIsRows ? [sql`t.value`, group] : [group, sql`t.value`];
  const { rows: found } = await sql<PairCount>`select r, c, sum(n)::int as n from (
      select ${tr} as r, ${tc} as c, t.n from answer_tally t
      where t.grain = ${grain}::smallint and ${keptCondition(filters)} and t.key = ${pair.key}::text and t.kind in ('s', 'n')
        and t.value <> '' and ${group} is not null and ${group} <> ''
      union all
      select ${rows.expr} as r, ${columns.expr} as c, count(*)::int as n
      from response r where ${filterCondition(filters, { table: 'r' })} and not r.tallied and ${answeredBoth(rows, columns)}
      group by 1, 2
    ) u group by 1, 2`.execute(db);
  return found;
}
