/** Small builders of the report's Word blocks (paragraphs, tables, pictures) with the docx package. */
import { AlignmentType, BorderStyle, HeadingLevel, ImageRun, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportTable } from '../../analysis/report-tables.ts';

export type Block = Paragraph | Table;

export const heading = (text: string, level: 1 | 2 | 3) =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, keepNext: true });

export const para = (text: string, opts: { italic?: boolean; bold?: boolean; size?: number } = {}) =>
  new Paragraph({ children: [new TextRun({ text, italics: opts.italic, bold: opts.bold, size: opts.size })], spacing: { after: 120 } });

export const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

export const labelled = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)], spacing: { after: 60 } });

const border = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { header?: boolean; bold?: boolean; numeric?: boolean }) {
  return new TableCell({
    borders,
    shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [new Paragraph({
      alignment: opts.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [new TextRun({ text, bold: opts.header || opts.bold, italics: text === 'hidden', size: 18 })],
    })],
  });
}

/** A table with a caption above it; the first column holds labels, the others figures. */
export function table(t: ReportTable): Block[] {
  const rows = [
    new TableRow({ tableHeader: true, children: t.head.map((h, j) => cell(h, { header: true, numeric: j > 0 })) }),
    ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, j) => cell(c, { numeric: j > 0 })) })),
    ...(t.foot ? [new TableRow({ children: t.foot.map((c, j) => cell(c, { bold: true, numeric: j > 0 })) })] : []),
  ];
  return [
    new Paragraph({ children: [new TextRun({ text: t.caption, italics: true, size: 18 })], keepNext: true, spacing: { before: 120, after: 60 } }),
    new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
    new Paragraph({ text: '', spacing: { after: 80 } }),
  ];
}

/** Page width for pictures, in pixels at 96 to the inch (A4 less margins). */
const PAGE_WIDTH = 620;

export function picture(png: Buffer, size: { width: number; height: number }, description: string): Paragraph {
  const width = Math.min(PAGE_WIDTH, size.width);
  const height = Math.round((size.height * width) / size.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: 'Chart', description, title: description } })],
  });
}
