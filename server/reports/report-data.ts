/**
 * Everything a report prints, gathered through the analysis modules the results pages use (so the
 * same suppression and the same differencing rules apply): the summary of every question in the
 * chosen language, the spread of number answers, the default and chosen cross-tabs, the comparison
 * with the previous edition, and the fieldwork for the methods section.
 */
import type { Kysely } from 'kysely';
import type { EditionSummary } from '../../analysis/aggregate-types.ts';
import { crossTabulate, parseDimension, type CrossTab } from '../../analysis/cross-tab.ts';
import { compareEditions, type EditionComparison } from '../../analysis/edition-comparison.ts';
import { LIST_FILTERS, type ResultFilters } from '../../analysis/filters.ts';
import type { MeanInterval } from '../../analysis/intervals.ts';
import { numberSpreads } from '../../analysis/number-spread.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import { questionCatalogue, type QuestionInfo } from '../../analysis/question-catalogue.ts';
import { effectiveK, suppressVector } from '../../analysis/suppress-small-cells.ts';
import { countriesOverview } from '../campaigns/countries-overview.ts';
import type { Database, Edition } from '../db/schema.ts';
import { findEditionById, listLatestEditions } from '../surveys/edition-repository.ts';
import { listWaves } from '../waves/wave-repository.ts';
import { WAVE_LABELS } from '../waves/wave-options.ts';
import { campaignsOfEdition, responsesByLanguage } from './report-repository.ts';

export interface ReportRequest {
  edition: Edition;
  /** Already narrowed to the national contact's country. */
  filters: ResultFilters;
  /** The national contact's country, or null for every country. */
  country: string | null;
  viewerMaySeeTexts: boolean;
  /** Language of question and choice texts ('en' for the default texts). */
  language: string;
  /** Cross-tabs asked for, besides the default set: "q.<name>" or a grouping, both ways. */
  crossTabs: { rows: string; columns: string }[];
}

export interface ReportContext {
  db: Kysely<Database>;
  k: number;
  countryNames: ReadonlyMap<string, string>;
  /** Called as the report is built: what it is doing, and how far it is (0..1). */
  onProgress?: (step: string, fraction: number) => void;
}

/** Questions the network reads first, when the edition asks them; else the first choice questions. */
export const KEY_QUESTIONS = ['jpp_experience', 'jpp_attitude', 'jpp_satisfaction', 'jpp_again', 'jpp_interest'];
const NOT_KEY = new Set(['consent', 'country', 'authority_type']);

export interface CrossTabEntry {
  rows: string;
  columns: string;
  table: CrossTab;
}

export interface CampaignFieldwork {
  name: string;
  opens: string;
  closes: string;
  extendedUntil: string | null;
  waves: { day: string; kind: string; country: string | null; channel: string | null }[];
  countries: { country: string; name: string; complete: number | null; invited: number | null; rate: number | null }[];
  total: { complete: number | null; invited: number | null } | null;
}

export interface ReportData {
  request: ReportRequest;
  k: number;
  summary: EditionSummary;
  spreads: Map<string, MeanInterval>;
  catalogue: QuestionInfo[];
  filterLines: string[];
  languages: { language: string; count: number | null }[];
  campaigns: CampaignFieldwork[];
  crossTabs: CrossTabEntry[];
  comparison: { before: Edition; result: EditionComparison } | null;
}

const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export function defaultCrossTabs(catalogue: readonly QuestionInfo[], scopedToCountry: boolean): { rows: string; columns: string }[] {
  const eligible = catalogue.filter((q) => (q.kind === 'single' || q.kind === 'rating') && !NOT_KEY.has(q.name));
  const named = eligible.filter((q) => KEY_QUESTIONS.includes(q.name));
  const keys = (named.length > 0 ? named : eligible.slice(0, 3)).map((q) => `q.${q.name}`);
  // One country's report has a single country column: a table by country says nothing there.
  const columns = scopedToCountry ? ['authority_type'] : ['authority_type', 'country'];
  return keys.flatMap((rows) => columns.map((c) => ({ rows, columns: c })));
}

/** The filters in words, for the title page. */
export function describeFilters(f: ResultFilters): string[] {
  const names: Record<string, string> = { country: 'Country answered', linkCountry: 'Country of the link', authorityType: 'Authority type', channel: 'Channel', language: 'Language', wave: 'Wave' };
  const lines = LIST_FILTERS.filter(({ key }) => f[key].length > 0).map(({ key }) => `${names[key]}: ${f[key].join(', ')}`);
  for (const q of f.questions) lines.push(`Answer to ${q.question}: ${q.values.join(' or ')}`);
  lines.push(f.status === 'complete' ? 'Complete responses only' : 'Complete and partial responses');
  return lines;
}

async function previousEdition(db: Kysely<Database>, edition: Edition): Promise<Edition | undefined> {
  const older = (await listLatestEditions(db)).filter((e) => e.survey_id === edition.survey_id && e.edition < edition.edition)
    .sort((a, b) => b.edition.localeCompare(a.edition));
  return older[0] ? findEditionById(db, older[0].id) : undefined;
}

async function fieldwork(ctx: ReportContext, r: ReportRequest): Promise<CampaignFieldwork[]> {
  const campaigns = await campaignsOfEdition(ctx.db, r.edition.id, r.filters.campaignId);
  return Promise.all(campaigns.map(async (c) => {
    const [overview, waves] = await Promise.all([countriesOverview(ctx.db, c, ctx.k, ctx.countryNames), listWaves(ctx.db, c.id, r.country)]);
    // A national contact's report shows their own country, not the network's breakdown.
    const rows = overview.rows.filter((row) => r.country === null || row.country === r.country);
    return {
      name: c.name, opens: day(c.opens_at), closes: day(c.closes_at), extendedUntil: c.extended_until ? day(c.extended_until) : null,
      waves: waves.map((w) => ({ day: day(w.wave_on), kind: WAVE_LABELS[w.kind], country: w.country, channel: w.channel })),
      countries: rows.map((row) => ({ country: row.country, name: row.name, complete: row.complete, invited: row.invited, rate: row.rate })),
      total: r.country === null ? { complete: overview.total.complete, invited: overview.total.invited } : null,
    };
  }));
}

export async function gatherReport(ctx: ReportContext, r: ReportRequest): Promise<ReportData> {
  const k = effectiveK(ctx.k);
  const locale = r.language === 'en' ? '' : r.language;
  const progress = ctx.onProgress ?? (() => undefined);
  const catalogue = questionCatalogue(r.edition.definition, locale);
  const opts = { k, viewerMaySeeTexts: r.viewerMaySeeTexts, locale };

  progress('Counting the answers', 0.05);
  const summary = await summarizeEdition(ctx.db, r.edition.definition, r.filters, opts);
  const data: ReportData = {
    request: r, k, summary, catalogue, spreads: new Map(), filterLines: describeFilters(r.filters),
    languages: [], campaigns: await fieldwork(ctx, r), crossTabs: [], comparison: null,
  };
  if (summary.suppressed) return data;

  const numberKeys = summary.questions.filter((q) => !q.suppressed && q.kind === 'number')
    .map((q) => catalogue.find((c) => c.name === q.name)?.key ?? q.name);
  data.spreads = await numberSpreads(ctx.db, r.filters, numberKeys);

  const byLanguage = await responsesByLanguage(ctx.db, r.filters);
  const shown = suppressVector(byLanguage.map((l) => l.n), k);
  data.languages = byLanguage.map((l, i) => ({ language: l.language, count: shown[i] ?? null }));

  progress('Cross-tabulating', 0.25);
  const wanted = [...defaultCrossTabs(catalogue, r.country !== null), ...r.crossTabs];
  const unique = wanted.filter((w, i) => wanted.findIndex((x) => x.rows === w.rows && x.columns === w.columns) === i);
  // Two at a time: a table the tallies cannot answer reads the filtered responses, and the database can run two reads at once.
  const tables: (CrossTabEntry | null)[] = [];
  for (let i = 0; i < unique.length; i += 2) {
    tables.push(...await Promise.all(unique.slice(i, i + 2).map(async (w) => {
      const [rows, columns] = [parseDimension(w.rows), parseDimension(w.columns)];
      if (!rows || !columns) return null;
      return { ...w, table: await crossTabulate(ctx.db, r.edition.definition, rows, columns, r.filters, { k, locale }) };
    })));
  }
  data.crossTabs = tables.filter((x): x is CrossTabEntry => x !== null);

  progress('Comparing with the previous edition', 0.4);
  const before = await previousEdition(ctx.db, r.edition);
  if (before) {
    const filters = { ...r.filters, campaignId: undefined, wave: [] };
    const result = await compareEditions(ctx.db,
      { label: before.edition, definition: before.definition, filters: { ...filters, editionId: before.id } },
      { label: r.edition.edition, definition: r.edition.definition, filters: { ...filters, editionId: r.edition.id } },
      { k, viewerMaySeeTexts: false, locale });
    data.comparison = { before, result };
  }
  return data;
}

