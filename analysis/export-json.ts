/**
 * JSON exports as one array of objects (one per row, keyed by the header), written element by
 * element so that the whole array never sits in memory. Values keep their JSON types (an answer
 * SurveyJS gives as an object or a list stays one, see export-cells.ts); no cell is
 * altered, since JSON is not opened by spreadsheets. With `omitEmpty`, empty cells are left out
 * (a missing key is an unanswered question), which keeps wide questionnaires small.
 */
import { Readable } from 'node:stream';
import type { JsonCell, Table } from './export-cells.ts';
import { utf8Chunks } from './export-chunks.ts';

export function rowObject(header: readonly string[], row: readonly JsonCell[], omitEmpty = false): Record<string, JsonCell> {
  const out: Record<string, JsonCell> = {};
  header.forEach((name, i) => {
    const value = row[i] ?? null;
    if (value !== null || !omitEmpty) out[name] = value;
  });
  return out;
}

export function jsonArrayStream(table: Table<JsonCell>, opts: { chunkBytes?: number; omitEmpty?: boolean } = {}): Readable {
  async function* parts() {
    yield '[';
    let first = true;
    for await (const row of table.rows) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(rowObject(table.header, row, opts.omitEmpty))}`;
      first = false;
    }
    yield `${first ? '' : '\n'}]\n`;
  }
  return Readable.from(utf8Chunks(parts(), opts.chunkBytes), { objectMode: false });
}
