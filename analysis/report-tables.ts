/**
 * The tables of a report, from suppressed summaries: counts, shares with 95 % Wilson intervals,
 * means with their t interval, cross-tabs with their test, and the comparison of two editions with
 * Newcombe's interval of each difference. Plain text cells; a hidden figure reads "hidden" and has
 * no interval, and nothing is computed from a hidden figure.
 */
import { countedOverNote } from './nested-catalogue.ts';
import type { CountRow, QuestionSummary } from './aggregate-types.ts';
import type { CrossTabShown } from './cross-tab.ts';
import type { ComparedQuestion } from './edition-comparison.ts';
import { independenceTest, type IndependenceTest } from './independence-tests.ts';
import { newcombeDifference, wilsonInterval, type Interval, type MeanInterval } from './intervals.ts';
import { withModule } from './question-kinds/registry.ts';

export const HIDDEN = 'hidden';

export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** A last line in bold (totals). */
  foot?: string[];
}

export interface QuestionReport {
  tables: ReportTable[];
  /** Label and value lines under the table (mean, median, ...). */
  stats: { label: string; value: string }[];
  notes: string[];
}

export const countText = (n: number | null | undefined) => (n === null || n === undefined ? HIDDEN : String(n));
const count = countText;
export const percent = (share: number | null | undefined) => (share === null || share === undefined ? HIDDEN : `${(share * 100).toFixed(1)} %`);
export const range = (i: Interval | null, scale = 100, digits = 1) => (i === null ? '—' : `${(i.low * scale).toFixed(digits)} – ${(i.high * scale).toFixed(digits)}`);
export const decimalText = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? HIDDEN : x.toFixed(digits));

/** Counts, shares and intervals of a list of answers over one base. */
export function shareRows(rows: readonly CountRow[], base: number): string[][] {
  return rows.map((r) => [r.label, count(r.count), percent(r.share), r.count === null ? '—' : range(wilsonInterval(r.count, base))]);
}

export function meanLine(label: string, m: MeanInterval | null, hidden: boolean): { label: string; value: string } {
  if (hidden) return { label, value: HIDDEN };
  return { label, value: m ? `${m.mean.toFixed(2)} (${range(m, 1, 2)}; sd ${m.sd.toFixed(2)})` : 'not computed (fewer than two answers)' };
}

/** A question's tables and figures. `spread` is the interval of a number question's mean. */
export function questionReport(s: QuestionSummary, spread?: MeanInterval | null): QuestionReport {
  const out: QuestionReport = { tables: [], stats: [], notes: [] };
  if (s.suppressed) {
    out.notes.push(s.message);
    return out;
  }
  const report = withModule(s, (m, shown) => m.report(shown, spread));
  if (s.over) report.notes.push(countedOverNote(s.over));
  return report;
}

export interface CrossTabReport {
  table: ReportTable;
  test: IndependenceTest;
  /** The test as a sentence. */
  testLine: string;
}

const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

export function testSentence(test: IndependenceTest): string {
  if (!test.tested) return `Test of independence: ${test.reason}.`;
  const v = `Cramér's V = ${test.cramersV.toFixed(2)}`;
  if (test.method === 'chi-square') return `Chi-square test of independence: χ² = ${(test.statistic ?? 0).toFixed(2)}, df = ${test.df}, ${pValue(test.p)}; ${v} (n = ${test.n}).`;
  return `Fisher's exact test (expected counts too small for chi-square): ${pValue(test.p)}; ${v} (n = ${test.n}).`;
}

/** A cross-tab: counts with the share of the row, totals, and the test on the shown cells only. */
export function crossTabReport(t: CrossTabShown): CrossTabReport {
  const test = independenceTest(t.cells.map((r) => r.map((c) => c.count)));
  const table: ReportTable = {
    caption: `${t.rows.title} by ${t.columns.title.toLowerCase()}: responses (% of the row)`,
    head: [t.rows.title.length <= 40 ? t.rows.title : 'Answer', ...t.columns.values.map((c) => c.label), 'Total'],
    rows: t.rows.values.map((r, i) => [
      r.label,
      ...(t.cells[i] ?? []).map((c) => (c.count === null ? HIDDEN : c.count === 0 ? '0' : `${c.count} (${percent(c.rowShare)})`)),
      count(t.rowTotals[i]),
    ]),
    foot: ['Total', ...t.columnTotals.map(count), String(t.total)],
  };
  return { table, test, testLine: testSentence(test) };
}

/** Two editions' shares of each answer both ask, the difference in points and its 95 % interval. */
export function comparisonTable(q: ComparedQuestion, labels: { before: string; after: string }): ReportTable | null {
  if (!q.compared || q.values.length === 0) return null;
  const base = (s: QuestionSummary) => (s.suppressed ? null : s.base);
  const [n1, n2] = [base(q.before), base(q.after)];
  return {
    caption: `${labels.before} and ${labels.after}: % of answers, difference in points (95 % interval, Newcombe)`,
    head: ['Answer', `${labels.before} (n = ${count(n1)})`, `${labels.after} (n = ${count(n2)})`, 'Difference', '95 % interval'],
    rows: q.values.map((v) => {
      const inBoth = !q.added.includes(v.value) && !q.removed.includes(v.value);
      const d = inBoth ? newcombeDifference(v.before?.count ?? null, n1, v.after?.count ?? null, n2) : null;
      return [
        v.label,
        q.added.includes(v.value) ? 'not asked' : percent(v.before?.share),
        q.removed.includes(v.value) ? 'not asked' : percent(v.after?.share),
        d ? `${d.difference >= 0 ? '+' : ''}${(d.difference * 100).toFixed(1)}` : '—',
        d ? range(d) : '—',
      ];
    }),
  };
}
