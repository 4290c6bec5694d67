/**
 * Chart pictures to download from the results, comparison, cross-tab and national dashboard pages:
 * the same figures the page shows (the results service and its cache, hence the same suppression),
 * drawn by chart-picture.ts. A question with no chart for the selection is "not found".
 */
import type { FastifyInstance } from 'fastify';
import { questionChart } from '../../analysis/chart-configs.ts';
import { countriesOverview } from '../campaigns/countries-overview.ts';
import { countryDashboard } from '../campaigns/country-dashboard.ts';
import type { Campaign, Edition } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { comparisonData, crossTabData, earlierEdition, editionSummary } from '../results/results-service.ts';
import type { ResultsScope } from '../results/results-scope.ts';
import { comparisonCaption, crossTabCaption, questionCaption } from './chart-captions.ts';
import type { DrawableChart, PictureFormat, PictureOptions } from './chart-picture.ts';

export interface Picture {
  filename: string;
  contentType: string;
  body: Buffer;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60);

async function picture(config: DrawableChart, caption: Omit<PictureOptions, 'format'>, format: PictureFormat, name: string): Promise<Picture> {
  // Loaded on the first download, not at start: chart.js and the canvas are memory every copy would hold.
  const { drawChart } = await import('./chart-picture.ts');
  return {
    filename: `${safe(name)}.${format}`,
    contentType: format === 'png' ? 'image/png' : 'image/svg+xml',
    body: await drawChart(config, { ...caption, format }),
  };
}

export async function questionPicture(app: FastifyInstance, scope: ResultsScope, name: string, format: PictureFormat): Promise<Picture> {
  const summary = await editionSummary(app, scope);
  if (summary.suppressed) throw new NotFoundError(summary.message);
  const s = summary.questions.find((q) => q.name === name);
  if (!s) throw new NotFoundError('There is no such question in this edition.');
  const config = questionChart(s);
  if (!config) throw new NotFoundError('This question has no chart for this selection.');
  return picture(config, questionCaption(s, config), format, `${scope.edition.edition}-${name}`);
}

export async function crossTabPicture(app: FastifyInstance, scope: ResultsScope, rows: string, columns: string, format: PictureFormat): Promise<Picture> {
  const data = await crossTabData(app, scope, rows, columns);
  if (data.table.suppressed || !data.chart) throw new NotFoundError('This cross-tab has no chart for this selection.');
  const title = `${data.table.rows.title} by ${data.table.columns.title.toLowerCase()}`;
  return picture(data.chart, crossTabCaption(title, data.table.total, data.table.columns.title, data.chart), format, `${scope.edition.edition}-${rows}-by-${columns}`);
}

export async function comparisonPicture(app: FastifyInstance, scope: ResultsScope, beforeId: string | undefined, name: string, format: PictureFormat): Promise<Picture> {
  const before = await earlierEdition(app, scope, beforeId);
  if (!before) throw new NotFoundError('There is no earlier edition to compare with.');
  const data = await comparisonData(app, scope, before);
  const q = data.questions.find((x) => x.name === name);
  if (!q || !q.chart) throw new NotFoundError('This question has no comparison chart for this selection.');
  const n = (s: typeof q.before) => (s.suppressed ? null : s.base);
  const caption = comparisonCaption(q.title, [{ label: before.edition, n: n(q.before) }, { label: scope.edition.edition, n: n(q.after) }], q.chart);
  return picture(q.chart, caption, format, `${before.edition}-${scope.edition.edition}-${name}`);
}

/** The national dashboard's curve of responses per day, or the network's countries chart. */
export async function dashboardPicture(
  app: FastifyInstance,
  input: { campaign: Campaign; edition: Edition; country: string | null; viewerIsNationalContact: boolean; authorityTypes: { value: string; label: string }[]; countryNames: ReadonlyMap<string, string> },
  format: PictureFormat,
): Promise<Picture> {
  const k = app.config.SUPPRESSION_K;
  if (input.country === null) {
    const o = await countriesOverview(app.db, input.campaign, k, input.countryNames);
    const n = o.total.complete;
    return picture(o.chart as DrawableChart, { title: `${input.campaign.name}: complete responses per country`, subtitle: `n = ${n ?? 'hidden'} complete responses`, categoryTitle: 'Country' }, format, `${input.campaign.name}-countries`);
  }
  const d = await countryDashboard(app.db, { campaign: input.campaign, edition: input.edition, country: input.country, k, viewerIsNationalContact: input.viewerIsNationalContact, authorityTypes: input.authorityTypes });
  if (!d.curve) throw new NotFoundError('There is no curve of responses yet.');
  return picture(d.curve.chart as unknown as DrawableChart, {
    title: `${input.campaign.name}: responses per day, ${input.country}`,
    subtitle: `n = ${d.headline.complete ?? 'hidden'} complete responses; periods of fewer than ${k} responses are merged`,
    categoryTitle: 'Day',
  }, format, `${input.campaign.name}-${input.country}-per-day`);
}
