/**
 * JSON exports as one array of objects (one per row, keyed by the header), written element by
 * element so that the whole array never sits in memory. Values keep their JSON types; no cell is
 * altered, since JSON is not opened by spreadsheets. With `omitEmpty`, empty cells are left out
 * (a missing key is an unanswered question), which keeps wide questionnaires small.
 */
import { Readable } from 'node:stream';
import type { Cell, Table } from './export-cells.ts';

export function rowObject(header: readonly string[], row: readonly Cell[], omitEmpty = false): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  header.forEach((name, i) => {
    const value = row[i] ?? null;
    if (value !== null || !omitEmpty) out[name] = value;
  });
  return out;
}

export function jsonArrayStream(table: Table, opts: { rowsPerChunk?: number; omitEmpty?: boolean } = {}): Readable {
  const per = opts.rowsPerChunk ?? 200;
  async function* parts() {
    yield '[';
    let chunk = '';
    let first = true;
    let n = 0;
    for await (const row of table.rows) {
      chunk += `${first ? '\n' : ',\n'}${JSON.stringify(rowObject(table.header, row, opts.omitEmpty))}`;
      first = false;
      if (++n >= per) {
        yield chunk;
        chunk = '';
        n = 0;
      }
    }
    yield `${chunk}${first ? '' : '\n'}]\n`;
  }
  return Readable.from(parts(), { objectMode: false });
}
