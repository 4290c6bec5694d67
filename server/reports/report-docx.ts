/**
 * The Word report: title page, methods written from the data, one section per question (chart,
 * table with intervals, figures), cross-tabs with their tests, and the comparison with the previous
 * edition. Every figure comes from the suppressed aggregates in ReportData; pictures are drawn by
 * the same chart configurations as the pages.
 */
import { Document, Packer, PageBreak, Paragraph, TextRun, AlignmentType, HeadingLevel } from 'docx';
import { comparisonChart, crossTabChart, questionChart, type ChartConfig } from '../../analysis/chart-configs.ts';
import { comparisonTable, crossTabReport, questionReport } from '../../analysis/report-tables.ts';
import { drawChart, pictureHeight, type PictureOptions } from './chart-picture.ts';
import { comparisonCaption, crossTabCaption, questionCaption } from './chart-captions.ts';
import { bullet, heading, labelled, para, picture, table, type Block } from './docx-blocks.ts';
import type { ReportData } from './report-data.ts';
import { methodsSection } from './report-methods.ts';

const PICTURE_WIDTH = 900;

export interface DocxOptions {
  /** PNG pixels per CSS pixel of the pictures: 2 puts about 280 dpi on the page, as a 900 px chart prints 6.5 in wide. */
  scale?: number;
  onProgress?: (step: string, fraction: number) => void;
  /** The date printed on the title page. */
  today?: string;
}

/** A chart still to draw, in its place among the blocks. */
interface PendingChart {
  config: ChartConfig;
  caption: Omit<PictureOptions, 'format'>;
}
type Item = Block | PendingChart;
const isPending = (x: Item): x is PendingChart => 'config' in x && 'caption' in x;

function chartBlock(config: ChartConfig | null, caption: Omit<PictureOptions, 'format'>): Item[] {
  return config ? [{ config, caption }] : [];
}

/**
 * Charts drawn at most this many at a time: enough to keep both cores busy (each PNG is compressed
 * on the thread pool while the next chart is drawn), few enough that the canvases in flight stay a
 * few tens of megabytes whatever the number of questions.
 */
const CHARTS_AT_ONCE = 4;

/** Every pending chart drawn into its picture, in place; reports "chart n of m" as each is done. */
async function drawPending(items: Item[], scale: number, progress: (done: number, total: number) => void): Promise<Block[]> {
  const pending = items.flatMap((x, i) => (isPending(x) ? [i] : []));
  const out: Block[] = items.map((x) => (isPending(x) ? (undefined as unknown as Block) : x));
  let next = 0;
  let done = 0;
  progress(0, pending.length);
  const worker = async () => {
    while (next < pending.length) {
      const at = pending[next++]!;
      const { config, caption } = items[at] as PendingChart;
      const height = pictureHeight(config);
      const png = await drawChart(config, { ...caption, format: 'png', width: PICTURE_WIDTH, height, scale });
      out[at] = picture(png, { width: PICTURE_WIDTH, height }, `${caption.title} (${caption.subtitle})`);
      progress(++done, pending.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHARTS_AT_ONCE, pending.length) }, worker));
  return out;
}

function titlePage(d: ReportData, today: string): Block[] {
  const e = d.request.edition;
  const scope = d.request.country ? `Responses through the links of ${d.request.country} only` : 'Every country';
  const responses = d.summary.suppressed ? d.summary.message : `${d.summary.responses} responses`;
  return [
    new Paragraph({ text: e.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 400 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `Results of the ${e.edition} edition`, size: 32 })], spacing: { after: 600 } }),
    para(`Survey: ${e.survey_id}, edition ${e.edition} (version ${e.version})`),
    para(`Scope: ${scope}`),
    para(`Responses counted: ${responses}`),
    para(`Question texts in: ${d.request.language}`),
    para(`Filters: ${d.filterLines.join('; ')}`),
    para(`Figures from groups of fewer than ${d.k} responses are hidden.`, { italic: true }),
    para(`Produced on ${today}.`),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function questionSections(d: ReportData): Item[] {
  if (d.summary.suppressed) return [heading('Results by question', 1), para(d.summary.message)];
  const blocks: Item[] = [heading('Results by question', 1)];
  d.summary.questions.forEach((s) => {
    blocks.push(heading(s.title, 2));
    const info = d.catalogue.find((q) => q.name === s.name);
    const r = questionReport(s, info ? d.spreads.get(info.key) ?? null : null);
    if (s.suppressed) {
      blocks.push(para(`Hidden: ${s.message}`, { italic: true }));
      return;
    }
    const config = questionChart(s);
    blocks.push(...chartBlock(config, config ? questionCaption(s, config) : { title: '', subtitle: '' }));
    for (const t of r.tables) blocks.push(...table(t));
    for (const x of r.stats) blocks.push(labelled(x.label, x.value));
    for (const n of r.notes) blocks.push(para(n, { italic: true }));
    const texts = s.kind === 'text' ? s.texts : (s.kind === 'single' || s.kind === 'multi') ? s.comments?.texts ?? null : null;
    if (texts && texts.length > 0) {
      blocks.push(para(`Free texts (${texts.length}${s.kind === 'text' && s.truncated ? ', the first in alphabetical order' : ''}):`, { bold: true }));
      for (const text of texts) blocks.push(bullet(text));
    } else if (s.kind === 'text') {
      blocks.push(para(s.withheld === 'not-allowed' ? 'The texts themselves are not part of this report.' : 'The texts are not shown (too few, or identifying).', { italic: true }));
    }
  });
  return blocks;
}

function crossTabSections(d: ReportData): Item[] {
  if (d.crossTabs.length === 0) return [];
  const blocks: Item[] = [heading('Cross-tabs', 1), para('Responses that answered both, counted in each pair of answers, with the share of the row. A test of independence is printed only when no cell is hidden.')];
  for (const x of d.crossTabs) {
    if (x.table.suppressed) {
      blocks.push(heading(`${x.rows} by ${x.columns}`, 2), para(`Hidden: ${x.table.message}`, { italic: true }));
      continue;
    }
    const t = x.table;
    const title = `${t.rows.title} by ${t.columns.title.toLowerCase()}`;
    const r = crossTabReport(t);
    const config = crossTabChart(t);
    blocks.push(heading(title, 2), ...chartBlock(config, crossTabCaption(title, t.total, t.columns.title, config)), ...table(r.table), para(r.testLine, { italic: !r.test.tested }));
  }
  return blocks;
}

function comparisonSections(d: ReportData): Item[] {
  if (!d.comparison) return [];
  const c = d.comparison.result;
  const before = d.comparison.before.edition;
  const after = d.request.edition.edition;
  const blocks: Item[] = [heading(`Comparison of ${before} and ${after}`, 1)];
  if (c.suppressed) return [...blocks, para(`Hidden: ${c.message}`, { italic: true })];
  blocks.push(para(`Questions asked in both editions (by name), each edition under the same filters: ${c.before.responses} responses in ${before}, ${c.after.responses} in ${after}. The difference is the later share minus the earlier one, in percentage points, with Newcombe's 95 % interval; only answers offered in both editions and shown on both sides are compared.`));
  const labels = { before, after };
  for (const q of c.questions) {
    const t = comparisonTable(q, labels);
    if (!t && !q.numbers) continue;
    blocks.push(heading(q.title, 2));
    const config = comparisonChart(q, labels);
    const n = (s: typeof q.before) => (s.suppressed ? null : s.base);
    if (config) blocks.push(...chartBlock(config, comparisonCaption(q.title, [{ label: before, n: n(q.before) }, { label: after, n: n(q.after) }], config)));
    if (t) blocks.push(...table(t));
    if (q.numbers) {
      const side = (x: typeof q.numbers.before) => (x ? `mean ${x.mean.toFixed(2)}, median ${x.median.toFixed(2)} (n = ${x.base})` : 'hidden');
      blocks.push(labelled(before, side(q.numbers.before)), labelled(after, side(q.numbers.after)));
    }
    for (const note of q.notes) blocks.push(para(note, { italic: true }));
  }
  if (c.onlyBefore.length || c.onlyAfter.length) {
    blocks.push(para(`Asked in ${before} only: ${c.onlyBefore.join(', ') || 'none'}. Asked in ${after} only: ${c.onlyAfter.join(', ') || 'none'}.`, { italic: true }));
  }
  return blocks;
}

/** The .docx file's bytes. */
export async function reportDocx(d: ReportData, o: DocxOptions = {}): Promise<Buffer> {
  const scale = o.scale ?? 2;
  const progress = o.onProgress ?? (() => undefined);
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const children = await drawPending([
    ...titlePage(d, today),
    ...methodsSection(d),
    ...questionSections(d),
    ...crossTabSections(d),
    ...comparisonSections(d),
  ], scale, (done, total) => progress(`Drawing the charts (${done} of ${total})`, 0.45 + (total === 0 ? 0 : done / total) * 0.45));
  progress('Writing the document', 0.9);
  const doc = new Document({
    creator: 'JPP survey platform',
    title: `${d.request.edition.title} (${d.request.edition.edition})`,
    description: 'Survey results with 95 % intervals; groups of fewer than k responses hidden.',
    styles: { default: { document: { run: { font: 'Liberation Sans', size: 21 } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  const buffer = await Packer.toBuffer(doc);
  progress('Done', 1);
  return buffer;
}

