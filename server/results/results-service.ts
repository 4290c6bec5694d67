/**
 * The results pages' and API's data, through the analysis modules (aggregation in SQL, suppression
 * in analysis/suppress-small-cells.ts). Routes stay thin: they resolve the scope and render.
 */
import type { FastifyInstance } from 'fastify';
import type { EditionSummary } from '../../analysis/aggregate-types.ts';
import { HIDDEN_PART, crossTabChart, comparisonChart } from '../../analysis/chart-configs.ts';
import { crossTabulate, parseDimension, type CrossTab, type Dimension } from '../../analysis/cross-tab.ts';
import { compareEditions, type EditionComparison } from '../../analysis/edition-comparison.ts';
import { groupCounts, type GroupCounts, type GroupDimension } from '../../analysis/group-counts.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import type { Edition } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { editionOptions } from '../exports/exports-page.ts';
import { findEditionById } from '../surveys/edition-repository.ts';
import { isGroupingQuestion } from '../surveys/grouping-questions.ts';
import { questionCard, pct } from './question-cards.ts';
import { remembered } from './results-cache.ts';
import { analysing, type ResultsScope } from './results-scope.ts';
import { withFilters } from './filter-bar.ts';

export async function editionSummary(app: FastifyInstance, scope: ResultsScope): Promise<EditionSummary> {
  const opts = { k: scope.k, viewerMaySeeTexts: scope.viewerMaySeeTexts };
  return remembered(app.db, [scope.edition.id], ['summary', scope.edition.id, scope.filters, opts], () =>
    summarizeEdition(app.db, scope.edition.definition, scope.filters, opts));
}

export async function overviewData(app: FastifyInstance, scope: ResultsScope) {
  const summary = await editionSummary(app, scope);
  if (summary.suppressed) return { summary, cards: [] };
  return { summary, cards: summary.questions.map((q) => questionCard(q, scope.k)) };
}

export const GROUP_BY: Record<string, GroupDimension> = { country: 'country', link_country: 'linkCountry', authority_type: 'authorityType' };
const GROUP_TITLES: Record<GroupDimension, string> = { country: 'Country (answered)', linkCountry: 'Country of the link', authorityType: 'Authority type' };
const GROUP_FILTER: Record<GroupDimension, 'country' | 'linkCountry' | 'authorityType'> = { country: 'country', linkCountry: 'linkCountry', authorityType: 'authorityType' };

export async function groupsData(app: FastifyInstance, scope: ResultsScope, by: string): Promise<{ counts: GroupCounts; title: string; rows: { label: string; count: number | null; share: string | null; href: string | null }[] }> {
  const dimension = GROUP_BY[by];
  if (!dimension) throw new ValidationError('The grouping is not valid.', { by: ['must be country, link_country or authority_type'] });
  const labels = new Map((app.reference.lists.get(dimension === 'authorityType' ? 'authority-types' : 'countries') ?? []).map((i) => [i.value, i.text.default ?? i.value]));
  const counts = await remembered(app.db, [scope.edition.id], ['groups', scope.edition.id, dimension, scope.filters, scope.k], () =>
    groupCounts(app.db, scope.edition.definition, dimension, scope.filters, { k: scope.k, labels }));
  const rows = counts.suppressed ? [] : counts.groups.map((g) => ({
    label: g.label,
    count: g.count,
    share: pct(g.share),
    href: g.open ? withFilters('/staff/results', { ...scope.filters, [GROUP_FILTER[dimension]]: [g.value] }) : null,
  }));
  return { counts, title: GROUP_TITLES[dimension], rows };
}

/** Names of the questions every respondent is asked: on no page and in no panel shown only after an answer. */
function askedOfEveryone(definition: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const walk = (elements: unknown, conditional: boolean) => {
    for (const e of (Array.isArray(elements) ? elements : []) as Record<string, unknown>[]) {
      const hidden = conditional || Boolean(e.visibleIf);
      if (Array.isArray(e.elements)) walk(e.elements, hidden);
      else if (!hidden && typeof e.name === 'string') names.add(e.name);
    }
  };
  for (const page of (Array.isArray(definition.pages) ? definition.pages : []) as Record<string, unknown>[]) walk(page.elements, Boolean(page.visibleIf));
  return names;
}

/**
 * The default axes of the cross-tab page: authority type against a question that tells something.
 * A rating asked of everyone comes first (attitude or interest by authority type), else a choice
 * question asked of everyone that is not a yes/no box (consent would give a 100 % "Yes" chart).
 */
export function defaultAxes(scope: ResultsScope): { rows: string; columns: string } {
  const everyone = askedOfEveryone(scope.edition.definition);
  const candidates = scope.catalogue.filter((q) => (q.kind === 'single' || q.kind === 'rating') && !isGroupingQuestion(scope.edition.definition, q.name) && q.type !== 'boolean');
  const first = candidates.find((q) => q.kind === 'rating' && everyone.has(q.name))
    ?? candidates.find((q) => everyone.has(q.name))
    ?? candidates[0];
  return { rows: first ? `q.${first.name}` : 'authority_type', columns: 'authority_type' };
}

export function dimensionOf(text: string, field: string): Dimension {
  const d = parseDimension(text);
  if (!d) throw new ValidationError('The cross-tab is not valid.', { [field]: ['must be country, link_country, authority_type or q.<question>'] });
  return d;
}

export async function crossTabData(app: FastifyInstance, scope: ResultsScope, rows: string, columns: string) {
  const [rowAxis, columnAxis] = [dimensionOf(rows, 'rows'), dimensionOf(columns, 'columns')];
  const table: CrossTab = await analysing(() => remembered(app.db, [scope.edition.id], ['cross-tab', scope.edition.id, rows, columns, scope.filters, scope.k], () =>
    crossTabulate(app.db, scope.edition.definition, rowAxis, columnAxis, scope.filters, { k: scope.k })));
  if (table.suppressed) return { table, chart: null, view: null };
  const cell = (count: number | null, share: number | null) => ({ count, share: pct(share) });
  const chart = crossTabChart(table);
  return {
    table,
    chart,
    /** Some bars have a part hidden: the page says what the grey part is. */
    hiddenPart: chart.data.datasets.some((d) => d.label === HIDDEN_PART),
    view: {
      // The rows' title is the heading above the table; a long question title would crush the first column.
      rowHeading: table.rows.title.length <= 30 ? table.rows.title : 'Answer',
      columns: table.columns.values.map((c) => c.label),
      rows: table.rows.values.map((r, i) => ({
        label: r.label,
        cells: (table.cells[i] ?? []).map((c) => ({ count: c.count, rowShare: pct(c.rowShare), columnShare: pct(c.columnShare) })),
        total: cell(table.rowTotals[i] ?? null, null),
      })),
      totals: table.columnTotals,
      total: table.total,
    },
  };
}

/** Axis choices: the grouping columns and every single-choice question. */
export function axisOptions(scope: ResultsScope, selected: string) {
  const fixed = [
    { value: 'authority_type', label: 'Authority type' },
    { value: 'country', label: 'Country (answered)' },
    { value: 'link_country', label: 'Country of the link' },
  ];
  const questions = scope.catalogue
    .filter((q) => (q.kind === 'single' || q.kind === 'rating') && !isGroupingQuestion(scope.edition.definition, q.name))
    .map((q) => ({ value: `q.${q.name}`, label: q.title }));
  return [...fixed, ...questions].map((o) => ({ ...o, selected: o.value === selected }));
}

/** The other edition of the same survey to compare with: the one asked for, else the newest older one. */
export async function earlierEdition(app: FastifyInstance, scope: ResultsScope, beforeId: string | undefined): Promise<Edition | undefined> {
  if (beforeId) {
    const e = await findEditionById(app.db, beforeId);
    if (!e || e.survey_id !== scope.edition.survey_id || e.id === scope.edition.id) throw new NotFoundError('There is no such edition to compare with.');
    return e;
  }
  const older = (await editionOptions(app)).filter((o) => o.surveyId === scope.edition.survey_id && o.edition < scope.edition.edition);
  return older[0] ? findEditionById(app.db, older[0].value) : undefined;
}

export async function comparisonData(app: FastifyInstance, scope: ResultsScope, before: Edition) {
  const filters = { ...scope.filters, campaignId: undefined };
  const comparison: EditionComparison = await remembered(app.db, [before.id, scope.edition.id], ['compare', before.id, filters, scope.k], () => compareEditions(
    app.db,
    { label: before.edition, definition: before.definition, filters: { ...filters, editionId: before.id } },
    { label: scope.edition.edition, definition: scope.edition.definition, filters: { ...filters, editionId: scope.edition.id } },
    { k: scope.k, viewerMaySeeTexts: false },
  ));
  if (comparison.suppressed) return { comparison, questions: [] };
  const labels = { before: comparison.before.label, after: comparison.after.label };
  return {
    comparison,
    questions: comparison.questions.map((q) => ({
      ...q,
      id: `c-${q.name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      chart: comparisonChart(q, labels),
      rows: q.values.map((v) => ({
        label: v.label,
        onlyBefore: q.removed.includes(v.value),
        onlyAfter: q.added.includes(v.value),
        before: { count: v.before?.count ?? null, share: pct(v.before?.share ?? null), absent: q.added.includes(v.value) },
        after: { count: v.after?.count ?? null, share: pct(v.after?.share ?? null), absent: q.removed.includes(v.value) },
        difference: v.difference === null ? null : `${v.difference > 0 ? '+' : ''}${v.difference.toFixed(1)}`,
      })),
    })),
  };
}
