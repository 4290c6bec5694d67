/**
 * CSV as RFC 4180 with what Excel needs to open it right: UTF-8 with a byte-order mark, CRLF line
 * ends, fields quoted when they hold a quote, comma or line break, and every text cell that could
 * start a formula neutralised.
 */
import { Readable } from 'node:stream';
import { neutraliseCell, type Cell, type Table } from './export-cells.ts';

export const CSV_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  const safe = neutraliseCell(value);
  if (safe === null) return '';
  const text = String(safe);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Lines are produced as the reader asks for them (Readable.from pulls), so memory stays flat. */
export function csvStream(table: Table, opts: { linesPerChunk?: number } = {}): Readable {
  const per = opts.linesPerChunk ?? 200;
  async function* lines() {
    yield CSV_BOM + csvLine(table.header);
    let chunk = '';
    let n = 0;
    for await (const row of table.rows) {
      chunk += csvLine(row);
      if (++n >= per) {
        yield chunk;
        chunk = '';
        n = 0;
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}
