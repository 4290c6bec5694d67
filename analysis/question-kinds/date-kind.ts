/**
 * Dates and times: a text question with inputType date, datetime-local, month, week or time.
 * Stored as the browser gives them; counted per day or month (by the spread of the answers), per
 * week, or per hour for times (date-bins.ts), with bins of 1 to k-1 answers merged so none is hidden.
 */
import { dateChart } from '../chart-configs.ts';
import * as build from '../question-summaries.ts';
import { isBelowK, isSmallCell, suppressVector } from '../suppress-small-cells.ts';
import { countText, shareRows, type QuestionReport } from '../report-tables.ts';
import { emptyCardPart, num, share } from './card-parts.ts';
import { DATE_FORMS, dateBins, type DateGrain } from './date-bins.ts';
import { emptyShape, shownCounts } from './dashboard-parts.ts';
import { countLines, props, valueColumn, type KindModule } from './kind-module.ts';

const inputTypeOf = (q: { getType(): string }) => String(props(q as never).inputType ?? 'text');

const GRAIN_WORDS: Record<DateGrain, string> = { day: 'per day', month: 'per month', week: 'per week', hour: 'per hour' };

/** What the browser sends for each input type, said to the respondent when an answer is not in it. */
const FORM_WORDS: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)', 'datetime-local': 'a date and time (YYYY-MM-DDThh:mm)', month: 'a month (YYYY-MM)', week: 'a week (YYYY-Www)', time: 'a time (hh:mm)',
};

const pad = (n: number) => String(n).padStart(2, '0');

export const dateKind: KindModule<'date'> = {
  kind: 'date',
  label: 'Date or time',
  hosts: (q) => q.getType() === 'text' && inputTypeOf(q) in DATE_FORMS,
  describe(q, info) {
    info.inputType = inputTypeOf(q);
  },
  entries: 'scalar',
  tally: 'values',
  filterable: false,
  summarize(x, input, opts) {
    const { grain, bins, unread } = dateBins(x.inputType ?? 'date', input.byValue, opts.k);
    const read = bins.reduce((a, b) => a + b.count, 0);
    // Answers in another form (stored before this check) are said apart, unless so few they would be pinned.
    const unreadShown = unread > 0 && !isSmallCell(unread, opts.k) ? unread : unread === 0 ? 0 : null;
    const base = read + (unreadShown ?? 0);
    if (isBelowK(read, opts.k)) return build.suppressedQuestion(x, opts.k);
    const counts = suppressVector(bins.map((b) => b.count), opts.k);
    return {
      ...build.head(x), kind: 'date', suppressed: false, base, grain, unread: unreadShown,
      bins: bins.map((b, i) => ({ value: b.from, to: b.to, label: b.label, count: counts[i] ?? null, share: counts[i] == null ? null : Math.round((counts[i]! / base) * 10_000) / 10_000 })),
    };
  },
  chart: (s) => (s.bins.length > 0 ? dateChart(s) : null),
  card(s) {
    const out = emptyCardPart();
    out.tables.push({
      caption: `Answers ${GRAIN_WORDS[s.grain]}`,
      head: [s.grain === 'hour' ? 'Time' : 'Date', 'Responses', '%'],
      rows: s.bins.map((b) => ({ label: b.label, cells: [num(b.count), share(b.share)] })),
      foot: { label: 'Answered', cells: [num(s.base), { text: null, num: true }] },
    });
    if (s.bins.some((b) => b.value !== b.to)) out.notes.push('Days, months or hours with too few answers to show are counted with their neighbours.');
    if (s.unread !== 0) out.notes.push(`Answers not in the form of the question, not counted in a period: ${countText(s.unread)}.`);
    return out;
  },
  wideCard: false,
  report(s) {
    const out: QuestionReport = { tables: [], stats: [], notes: [] };
    out.tables.push({ caption: `Answers ${GRAIN_WORDS[s.grain]}`, head: [s.grain === 'hour' ? 'Time' : 'Date', 'Responses', '% of answers', '95 % interval (%)'], rows: shareRows(s.bins, s.base), foot: ['Answered', String(s.base), '', ''] });
    if (s.bins.some((b) => b.value !== b.to)) out.notes.push('Periods with too few answers to show are counted with their neighbours.');
    if (s.unread !== 0) out.stats.push({ label: 'Answers not in the form of the question', value: countText(s.unread) });
    return out;
  },
  dashboard(s, visualizer) {
    // The Dashboard page draws a date as a bar chart of these bins (its own date histogram reads raw answers).
    if (visualizer === 'selectBase' || visualizer === 'choices' || visualizer === 'options') return shownCounts(s.bins);
    if (visualizer === 'histogram') return s.bins.some((b) => b.count === null) ? [] : s.bins.map((b) => b.count as number);
    return emptyShape(visualizer);
  },
  aggregateLines: (s, line) => countLines(s.bins, (row, item, label, measure, value) => line(row, item === null ? null : `${String(item)}..${s.bins.find((b) => b.value === item)?.to ?? ''}`, label, measure, value, `${s.grain}: from <= value <= to`)),
  exportColumns: valueColumn,
  check(q, value) {
    const type = inputTypeOf(q);
    if (typeof value !== 'string' || !DATE_FORMS[type]!.test(value)) return [`Expected ${FORM_WORDS[type] ?? 'a date'}.`];
    return [];
  },
  demoAnswer(q, rng) {
    const type = inputTypeOf(q);
    const day = new Date(Date.UTC(2026, 0, 5) + Math.floor(rng() * 60) * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const time = `${pad(8 + Math.floor(rng() * 10))}:${pad(Math.floor(rng() * 4) * 15)}`;
    if (type === 'time') return time;
    if (type === 'datetime-local') return `${date}T${time}`;
    if (type === 'month') return date.slice(0, 7);
    if (type === 'week') return `2026-W${pad(2 + Math.floor(rng() * 8))}`;
    return date;
  },
};
