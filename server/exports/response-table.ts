/**
 * The anonymised response export as a table: fixed columns about each response, then one column per
 * answer, choice, ranked item or matrix row as the edition's codebook lists them. Nothing that could
 * lead back to a link or a person: no token, no resume or deletion hash, dates without a time.
 */
import type { Codebook, ExportColumn } from '../../analysis/codebook.ts';
import { answerCells, answerJsonCells, jsonExportColumns, longTableCells, type Cell, type JsonCell, type Table } from '../../analysis/export-cells.ts';
import type { LongTable } from '../../analysis/nested-export-columns.ts';
import type { ExportResponseRow } from './response-export-repository.ts';

const META: [string, (r: ExportResponseRow) => Cell][] = [
  ['response_id', (r) => r.id],
  ['survey', (r) => r.survey_id],
  ['edition', (r) => r.edition],
  ['campaign_id', (r) => r.campaign_id],
  ['campaign', (r) => r.campaign_name],
  ['channel', (r) => r.channel],
  ['link_country', (r) => r.link_country],
  ['answered_country', (r) => r.country],
  ['answered_authority_type', (r) => r.authority_type],
  ['language', (r) => r.language],
  ['status', (r) => r.status],
  ['started_on', (r) => r.started_on],
  ['submitted_on', (r) => r.submitted_on],
];

/** The header: a fixed column that shares its name with a question's column is prefixed with "response_". */
export function responseHeader(cb: Codebook, columns: readonly ExportColumn[] = cb.questions.flatMap((q) => q.exportColumns)): string[] {
  const answerColumns = columns.map((c) => c.name);
  const taken = new Set(answerColumns);
  return [...META.map(([name]) => (taken.has(name) ? `response_${name}` : name)), ...answerColumns];
}

export function responseTable(cb: Codebook, rows: AsyncIterable<ExportResponseRow>): Table {
  const columns = cb.questions.flatMap((q) => q.exportColumns);
  return {
    name: 'responses',
    header: responseHeader(cb),
    rows: (async function* () {
      for await (const r of rows) yield [...META.map(([, get]) => get(r)), ...answerCells(columns, r.answers ?? {})];
    })(),
  };
}

/** The same table for the JSON export: answers SurveyJS gives as objects or lists stay objects and lists. */
export function responseJsonTable(cb: Codebook, rows: AsyncIterable<ExportResponseRow>): Table<JsonCell> {
  const columns = jsonExportColumns(cb);
  return {
    name: 'responses',
    header: responseHeader(cb, columns),
    rows: (async function* () {
      for await (const r of rows) yield [...META.map(([, get]) => get(r)), ...answerJsonCells(columns, r.answers ?? {})];
    })(),
  };
}

/** The dynamic matrices and panels of an edition, each with its long table. */
export function longTables(cb: Codebook): LongTable[] {
  return cb.questions.flatMap((q) => (q.longTable ? [q.longTable] : []));
}

/** One long table: a line per row or panel of each response, read from its own pass over the responses. */
export function longTable(t: LongTable, rows: () => AsyncIterable<ExportResponseRow>): Table {
  return {
    name: t.name,
    header: ['response_id', t.index, ...t.columns.map((c) => c.name)],
    rows: (async function* () {
      for await (const r of rows()) {
        for (const line of longTableCells(t.columns, (r.answers ?? {})[t.name])) yield [r.id, ...line];
      }
    })(),
  };
}
