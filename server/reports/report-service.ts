/**
 * Builds a report of an edition under the results filters, for the CLI and the staff page: gathers
 * the figures (report-data.ts) and writes the .docx (report-docx.ts). Memory stays bounded by the
 * number of questions and answers offered, not by the number of responses: every count is
 * aggregated in the database.
 */
import type { Kysely } from 'kysely';
import type { ResultFilters } from '../../analysis/filters.ts';
import { checkQuestionFilters, AnalysisInputError } from '../../analysis/analysis-input.ts';
import { questionCatalogue } from '../../analysis/question-catalogue.ts';
import { parseDimension } from '../../analysis/cross-tab.ts';
import type { Database, Edition } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { NETWORK_LANGUAGES } from '../surveys/translation-check.ts';
import { gatherReport, type ReportContext, type ReportRequest } from './report-data.ts';

export const REPORT_FORMATS = ['docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export interface ReportOptions {
  edition: Edition;
  filters: ResultFilters;
  country: string | null;
  viewerMaySeeTexts: boolean;
  language?: string;
  /** "rows:columns" pairs, e.g. "q.jpp_experience:authority_type". */
  crossTabs?: readonly string[];
  format?: ReportFormat;
  /** PNG pixels per CSS pixel of the pictures (default 2: about 280 dpi on the page). */
  scale?: number;
}

/** Checks what a report is asked for; throws a ValidationError with per-field detail. */
export async function reportRequest(o: ReportOptions): Promise<ReportRequest> {
  const errors: Record<string, string[]> = {};
  const language = o.language ?? 'en';
  if (!(NETWORK_LANGUAGES as readonly string[]).includes(language)) errors.report_language = [`must be one of ${NETWORK_LANGUAGES.join(', ')}`];
  if (o.format !== undefined && !REPORT_FORMATS.includes(o.format)) errors.format = ['must be docx'];
  const crossTabs = (o.crossTabs ?? []).map((pair) => {
    const [rows = '', columns = ''] = pair.split(':');
    if (!parseDimension(rows) || !parseDimension(columns)) (errors.cross_tab ??= []).push(`"${pair}" must be rows:columns, each country, link_country, authority_type or q.<question>`);
    return { rows, columns };
  });
  const catalogue = questionCatalogue(o.edition.definition);
  for (const { rows, columns } of crossTabs) {
    for (const axis of [rows, columns]) {
      if (!axis.startsWith('q.')) continue;
      const q = catalogue.find((x) => x.name === axis.slice(2));
      if (!q || (q.kind !== 'single' && q.kind !== 'rating')) (errors.cross_tab ??= []).push(`${axis} is not a single-choice question or rating of this edition`);
    }
  }
  try {
    checkQuestionFilters(o.filters, catalogue);
  } catch (err) {
    if (err instanceof AnalysisInputError) Object.assign(errors, err.details);
    else throw err;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError('The report cannot be made as asked.', errors);
  return { edition: o.edition, filters: o.filters, country: o.country, viewerMaySeeTexts: o.viewerMaySeeTexts && o.country === null, language, crossTabs };
}

export function reportFilename(edition: Edition, country: string | null, language: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${safe(edition.survey_id)}-${safe(edition.edition)}${country ? `-${safe(country)}` : ''}${language !== 'en' ? `-${language}` : ''}-report.docx`;
}

export async function createReport(ctx: ReportContext & { db: Kysely<Database> }, o: ReportOptions): Promise<ReportFile> {
  const request = await reportRequest(o);
  const data = await gatherReport(ctx, request);
  // docx, chart.js and the canvas weigh about 35 MB once loaded: a server copy pays that only when
  // someone first makes a report or downloads a chart, not at start.
  const { reportDocx } = await import('./report-docx.ts');
  const body = await reportDocx(data, { scale: o.scale ?? 2, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
  return {
    filename: reportFilename(o.edition, o.country, request.language),
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    body,
  };
}
