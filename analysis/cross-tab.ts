/**
 * Cross-tabs: a single-choice question (or rating) against the answered country, the link's
 * country, the authority type or another single-choice question. Counts, row and column shares,
 * with the table's totals; suppressed as a whole table (suppressTable), so that no hidden cell can
 * be recovered from any row, column or total. Only responses that answered both are counted.
 *
 * Multiple-choice questions are not offered as an axis: their cells overlap, so the table's totals
 * would not add up and the table rules would not protect them.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Suppressed } from './aggregate-types.ts';
import { fewerThanK } from './aggregate-types.ts';
import { AnalysisInputError } from './analysis-input.ts';
import type { AnyDb } from './answer-queries.ts';
import { crossTabCounts } from './cross-tab-counts.ts';
import type { ResultFilters } from './filters.ts';
import { checkFilteredSet } from './question-aggregates.ts';
import { questionCatalogue, type Labelled, type QuestionInfo } from './question-catalogue.ts';
import type { GroupBy } from './response-index.ts';
import { indexView } from './response-index-source.ts';
import { effectiveK, shareOf, suppressTable } from './suppress-small-cells.ts';

export type Dimension =
  | { kind: 'country' }
  | { kind: 'linkCountry' }
  | { kind: 'authorityType' }
  | { kind: 'question'; name: string };

export interface Axis {
  dimension: Dimension;
  title: string;
  /** A rating's values are a scale: its charts colour them in order. */
  ordered?: true;
  values: Labelled[];
}

export interface CrossTabCell {
  count: number | null;
  /** Share of the row total. */
  rowShare: number | null;
  /** Share of the column total. */
  columnShare: number | null;
}

export interface CrossTabShown {
  suppressed: false;
  k: number;
  rows: Axis;
  columns: Axis;
  cells: CrossTabCell[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  /** Responses that answered both. */
  total: number;
}

export type CrossTab = CrossTabShown | (Suppressed & { k: number });

const COLUMNS = { country: 'country', linkCountry: 'link_country', authorityType: 'authority_type' } as const;
const TITLES = { country: 'Country (answered)', linkCountry: 'Country of the link', authorityType: 'Authority type' } as const;
/** The edition's own question that lists the labels of a grouping column, when it asks one. */
const LABEL_QUESTIONS = { country: 'country', linkCountry: 'country', authorityType: 'authority_type' } as const;

/** Parses "country", "link_country", "authority_type" or "q.<question>". */
export function parseDimension(text: string): Dimension | undefined {
  if (text === 'country') return { kind: 'country' };
  if (text === 'link_country') return { kind: 'linkCountry' };
  if (text === 'authority_type') return { kind: 'authorityType' };
  if (text.startsWith('q.') && text.length > 2) return { kind: 'question', name: text.slice(2) };
  return undefined;
}

export function dimensionParam(d: Dimension): string {
  if (d.kind === 'question') return `q.${d.name}`;
  return d.kind === 'linkCountry' ? 'link_country' : d.kind === 'authorityType' ? 'authority_type' : 'country';
}

function resolve(d: Dimension, catalogue: readonly QuestionInfo[], field: string): { expr: RawBuilder<string>; group: GroupBy; axis: Omit<Axis, 'values'>; known: Labelled[]; listAll: boolean } {
  if (d.kind === 'question') {
    const q = catalogue.find((x) => x.name === d.name);
    if (!q) throw new AnalysisInputError({ [field]: ['There is no such question in this edition.'] });
    if (q.kind !== 'single' && q.kind !== 'rating') throw new AnalysisInputError({ [field]: ['Cross-tabs take single-choice questions and ratings.'] });
    const value = sql`r.answers -> ${q.key}::text`;
    return {
      expr: sql<string>`(case when jsonb_typeof(${value}) in ('string', 'number', 'boolean') then ${value} #>> '{}' end)`,
      group: { question: q.key },
      axis: { dimension: d, title: q.title, ...(q.kind === 'rating' ? { ordered: true as const } : {}) },
      known: q.choices,
      listAll: true,
    };
  }
  const labels = catalogue.find((x) => x.name === LABEL_QUESTIONS[d.kind])?.choices ?? [];
  return { expr: sql<string>`${sql.ref(`r.${COLUMNS[d.kind]}`)}`, group: { column: d.kind }, axis: { dimension: d, title: TITLES[d.kind] }, known: labels, listAll: false };
}

/** The axis values: every choice of a question; for a grouping column, the values found. */
function axisValues(known: readonly Labelled[], found: ReadonlySet<string>, listAll: boolean): Labelled[] {
  const listed = known.filter((c) => listAll || found.has(c.value));
  const extra = [...found].filter((v) => !known.some((c) => c.value === v)).sort().map((v) => ({ value: v, label: v }));
  return [...listed, ...extra];
}

export async function crossTabulate(db: AnyDb, definition: Record<string, unknown>, rows: Dimension, columns: Dimension, filters: ResultFilters, opts: { k: number; locale?: string }): Promise<CrossTab> {
  const k = effectiveK(opts.k);
  const catalogue = questionCatalogue(definition, opts.locale ?? '');
  const r = resolve(rows, catalogue, 'rows');
  const c = resolve(columns, catalogue, 'columns');
  if (dimensionParam(rows) === dimensionParam(columns)) throw new AnalysisInputError({ columns: ['Choose two different things to cross.'] });

  const check = await checkFilteredSet(db, filters, k);
  if ('suppressed' in check) return { ...check, k };

  // The response index answers any filter; without it, the tallies where the filters allow, else the responses.
  const view = await indexView(db, filters);
  const found = view
    ? [...view.countByPair(r.group, c.group).values()]
    : await crossTabCounts(db, { dimension: rows, expr: r.expr }, { dimension: columns, expr: c.expr }, filters, catalogue);

  const rowValues = axisValues(r.known, new Set(found.map((x) => x.r)), r.listAll);
  const colValues = axisValues(c.known, new Set(found.map((x) => x.c)), c.listAll);
  const counts = rowValues.map((rv) => colValues.map((cv) => Number(found.find((x) => x.r === rv.value && x.c === cv.value)?.n ?? 0)));
  const table = suppressTable(counts, k);
  if (table.total === null) return { ...fewerThanK(k, 'responses answered both'), k };

  return {
    suppressed: false,
    k,
    rows: { ...r.axis, values: rowValues },
    columns: { ...c.axis, values: colValues },
    cells: table.cells.map((row, i) => row.map((count, j) => ({
      count,
      rowShare: shareOf(count, table.rowTotals[i] ?? null),
      columnShare: shareOf(count, table.columnTotals[j] ?? null),
    }))),
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    total: table.total,
  };
}
