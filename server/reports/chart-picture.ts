/**
 * Draws a chart.js configuration from analysis/chart-configs.ts to a picture on the server (PNG at
 * print resolution, or SVG), on @napi-rs/canvas, so that a page, a download and a report show the
 * same chart. The picture adds what a page says around its canvas: a title, the n, axis titles,
 * and "hidden" where a figure is withheld.
 */
import { createCanvas, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';

/** Any chart configuration built on the server: the results charts and the dashboards' charts. */
export interface DrawableChart {
  type: string;
  data: { labels: unknown[]; datasets: { data: unknown[]; stack?: string }[] };
  options: Record<string, unknown>;
}

Chart.register(...registerables);
// Fonts that Debian's fonts-liberation and fonts-dejavu install; chart.js's default list names none of them.
Chart.defaults.font.family = "'Liberation Sans', 'DejaVu Sans', sans-serif";
Chart.defaults.color = '#222222';

export type PictureFormat = 'png' | 'svg';

export interface PictureOptions {
  title: string;
  /** Shown under the title: "n = 412 responses". */
  subtitle: string;
  /** The axis of the categories (answers, rows). */
  categoryTitle?: string;
  format: PictureFormat;
  /** Size in CSS pixels; PNG is drawn at `scale` times that (3 gives 288 dpi at 96 dpi). */
  width?: number;
  height?: number;
  scale?: number;
}

/** Long titles break into lines of about this many characters. */
const TITLE_LINE = 80;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 4);
}

/** A height that gives each bar room, as the page's script does. */
export function pictureHeight(config: DrawableChart): number {
  const horizontal = config.options.indexAxis === 'y';
  const rows = config.data.labels.length;
  const grouped = config.data.datasets.length > 1 && !config.data.datasets[0]?.stack;
  return horizontal ? Math.max(260, Math.min(1100, 130 + rows * (grouped ? 36 : 28))) : 380;
}

/** The chart.js configuration of a picture: the page's own, plus title, n and axis titles. */
export function pictureConfig(config: DrawableChart, o: PictureOptions): ChartConfiguration {
  const copy = JSON.parse(JSON.stringify(config)) as DrawableChart;
  const options = copy.options as Record<string, any>;
  const horizontal = options.indexAxis === 'y';
  const categoryAxis = options.scales?.[horizontal ? 'y' : 'x'];
  if (categoryAxis && o.categoryTitle) categoryAxis.title = { display: true, text: o.categoryTitle, font: { weight: 'bold' } };
  const valueAxis = options.scales?.[horizontal ? 'x' : 'y'];
  if (valueAxis?.title) valueAxis.title.font = { weight: 'bold' };
  if (categoryAxis && horizontal) {
    categoryAxis.ticks = { ...(categoryAxis.ticks ?? {}), callback(this: any, value: number) {
      const label = String(this.getLabelForValue(value));
      return label.length > 60 ? `${label.slice(0, 59)}…` : label;
    } };
  }
  options.responsive = false;
  options.animation = false;
  options.devicePixelRatio = o.format === 'png' ? (o.scale ?? 3) : 1;
  options.plugins = {
    ...(options.plugins ?? {}),
    title: { display: true, text: wrap(o.title, TITLE_LINE), font: { size: 15, weight: 'bold' }, padding: { top: 4, bottom: 2 } },
    subtitle: { display: true, text: o.subtitle, font: { size: 12 }, padding: { bottom: 10 } },
    legend: { ...(options.plugins?.legend ?? {}), position: 'bottom' },
  };
  return { type: copy.type, data: copy.data, options, plugins: [whiteBackground, hiddenLabels] } as unknown as ChartConfiguration;
}

/** Pictures are pasted into documents: a transparent background would turn black in some viewers. */
const whiteBackground = {
  id: 'white-background',
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A bar left out because its figure is hidden says so, where the bar would be (one-series charts). */
const hiddenLabels = {
  id: 'hidden-labels',
  afterDatasetsDraw(chart: Chart) {
    if (chart.data.datasets.length !== 1) return;
    const data = chart.data.datasets[0]?.data ?? [];
    const horizontal = (chart.options as { indexAxis?: string }).indexAxis === 'y';
    const categories = chart.scales[horizontal ? 'y' : 'x'];
    const values = chart.scales[horizontal ? 'x' : 'y'];
    if (!categories || !values) return;
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#555555';
    ctx.font = "italic 12px 'Liberation Sans', 'DejaVu Sans', sans-serif";
    ctx.textBaseline = 'middle';
    data.forEach((v, i) => {
      if (v !== null && v !== undefined) return;
      const c = categories.getPixelForValue(i);
      const zero = values.getPixelForValue(0);
      if (horizontal) ctx.fillText('hidden', zero + 6, c);
      else {
        ctx.textAlign = 'center';
        ctx.fillText('hidden', c, zero - 10);
      }
    });
    ctx.restore();
  },
};

/**
 * Charts are flat colours: the "sub" row filter alone at zlib level 3 encodes a print-size chart
 * about eight times faster than libpng's default (every filter tried on every row, level 6), for
 * files about a quarter larger; the pixels are the same.
 */
const PNG_ENCODING = { compressionLevel: 3, filters: 0x10 };

/**
 * The picture's bytes. chart.js draws on this thread; the PNG is compressed on libuv's thread pool
 * (most of a picture's time at print resolution), so pictures drawn together use both cores and a
 * server copy answers other requests meanwhile.
 */
export async function drawChart(config: DrawableChart, o: PictureOptions): Promise<Buffer> {
  const width = o.width ?? 900;
  const height = o.height ?? pictureHeight(config);
  const chartConfig = pictureConfig(config, o);
  if (o.format === 'svg') {
    const canvas = createCanvas(width, height, SvgExportFlag.ConvertTextToPaths);
    const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, chartConfig);
    const svg = canvas.getContent();
    chart.destroy();
    return svg;
  }
  // chart.js multiplies the canvas by devicePixelRatio itself (the print resolution).
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, chartConfig);
  // Encoded before destroy(), which clears the canvas.
  const png = await canvas.encode('png', PNG_ENCODING);
  chart.destroy();
  return png;
}
