/**
 * CSV as RFC 4180 with what Excel needs to open it right: UTF-8 with a byte-order mark, CRLF line
 * ends, fields quoted when they hold a quote, comma or line break, and every text cell that could
 * start a formula neutralised.
 */
import { Readable } from 'node:stream';
import { utf8Chunks } from './export-chunks.ts';
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

/**
 * Lines are produced as the reader asks for them (Readable.from pulls, and waits while the client is
 * slow), packed into buffers of `chunkBytes` (analysis/export-chunks.ts), so memory stays flat.
 */
export function csvStream(table: Table, opts: { chunkBytes?: number } = {}): Readable {
  async function* lines() {
    yield CSV_BOM + csvLine(table.header);
    for await (const row of table.rows) yield csvLine(row);
  }
  return Readable.from(utf8Chunks(lines(), opts.chunkBytes), { objectMode: false });
}
