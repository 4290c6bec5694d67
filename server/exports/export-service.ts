/**
 * Builds each download as a stream with its file name and media type: codebooks, anonymised
 * responses and aggregated tables, in CSV, XLSX or JSON. Nothing is buffered: rows go from the
 * database cursor through the writer to the client.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { codebookFor, type Codebook } from '../../analysis/codebook.ts';
import { aggregateTable } from '../../analysis/export-aggregates.ts';
import type { Table } from '../../analysis/export-cells.ts';
import { codebookTable } from '../../analysis/export-codebook.ts';
import { csvStream } from '../../analysis/export-csv.ts';
import { jsonArrayStream } from '../../analysis/export-json.ts';
import { sheetName, xlsxStream } from '../../analysis/export-xlsx.ts';
import { filterQueryString } from '../../analysis/filter-query.ts';
import { applyResultFilters } from '../../analysis/filters.ts';
import { summarizeEdition } from '../../analysis/question-aggregates.ts';
import type { Edition } from '../db/schema.ts';
import type { ExportScope } from './export-scope.ts';
import { streamExportRows } from './response-export-repository.ts';
import { longTable, longTables, responseJsonTable, responseTable } from './response-table.ts';
import { NotFoundError } from '../errors.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface Download {
  body: Readable | string;
  filename: string;
  contentType: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export function editionCodebook(edition: Edition): Codebook {
  // Keyed by content hash too: a text fix changes an edition's labels in place.
  return codebookFor(`${edition.id}:${edition.content_hash}`, edition.definition, { surveyId: edition.survey_id, edition: edition.edition });
}

/** jpp-experience-2022-responses-2026-11-22.csv: names say what and when, never who. */
function fileName(edition: Edition, what: string, format: ExportFormat, today: string): string {
  return `${edition.survey_id}-${edition.edition}-${what}-${today}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

function download(tables: Table[], format: ExportFormat, name: string): Download {
  const [first] = tables;
  if (!first) throw new Error('an export needs a table');
  // JSON leaves unanswered questions out: a missing key is an empty cell of the other formats.
  const body = format === 'xlsx' ? xlsxStream(tables) : format === 'json' ? jsonArrayStream(first, { omitEmpty: true }) : csvStream(first);
  return { body, filename: name, contentType: CONTENT_TYPES[format] };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The codebook alone: JSON as one object, CSV and XLSX as a table. */
export function codebookDownload(edition: Edition, format: ExportFormat): Download {
  const cb = editionCodebook(edition);
  const name = fileName(edition, 'codebook', format, today());
  if (format === 'json') return { body: `${JSON.stringify(cb, null, 2)}\n`, filename: name, contentType: CONTENT_TYPES.json };
  return download([codebookTable(cb)], format, name);
}

/** Sheet names as Excel takes them, none twice (a long table may be named like another sheet). */
function uniqueSheets(tables: Table[]): Table[] {
  const taken = new Set<string>();
  return tables.map((t) => {
    let name = sheetName(t.name);
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${sheetName(t.name).slice(0, 27)} (${i})`;
    taken.add(name.toLowerCase());
    return { ...t, name };
  });
}

/**
 * Anonymised responses; in XLSX the long tables of the dynamic matrices and panels follow, then the
 * codebook (CSV and JSON link it separately). `table`: only the long table of that dynamic question,
 * as CSV.
 */
export function responsesDownload(app: FastifyInstance, scope: ExportScope, format: ExportFormat, table?: string): Download {
  const cb = editionCodebook(scope.edition);
  const read = () => streamExportRows(app.db, app.dbKind, (qb) => applyResultFilters(qb, scope.filters).where('response.edition_id', '=', scope.edition.id));
  if (table !== undefined) {
    const wanted = longTables(cb).find((t) => t.name === table);
    if (!wanted) throw new NotFoundError('This edition has no dynamic matrix or panel of that name.');
    return download([longTable(wanted, read)], 'csv', fileName(scope.edition, `responses-${wanted.name}`, 'csv', today()));
  }
  const name = fileName(scope.edition, 'responses', format, today());
  // JSON holds answers as SurveyJS gives them: a matrix or a panel as its object or list, not its text.
  if (format === 'json') return { body: jsonArrayStream(responseJsonTable(cb, read()), { omitEmpty: true }), filename: name, contentType: CONTENT_TYPES.json };
  const tables = format === 'xlsx'
    ? uniqueSheets([responseTable(cb, read()), ...longTables(cb).map((t) => longTable(t, read)), codebookTable(cb)])
    : [responseTable(cb, read())];
  return download(tables, format, name);
}

/** Aggregated tables with suppression; in XLSX the codebook is the second sheet. */
export async function aggregatesDownload(app: FastifyInstance, scope: ExportScope, format: Exclude<ExportFormat, 'json'>): Promise<Download> {
  const summary = await summarizeEdition(app.db, scope.edition.definition, scope.filters, { k: app.config.SUPPRESSION_K, viewerMaySeeTexts: false });
  const table = aggregateTable(summary, {
    surveyId: scope.edition.survey_id,
    edition: scope.edition.edition,
    filters: filterQueryString(scope.filters, { includeEdition: false }),
  });
  const tables = [table, ...(format === 'xlsx' ? [codebookTable(editionCodebook(scope.edition))] : [])];
  return download(tables, format, fileName(scope.edition, 'aggregates', format, today()));
}
