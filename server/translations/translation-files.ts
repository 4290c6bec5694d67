/** Reading and writing a translation file in either format; XLSX is told apart by its zip signature. */
import { readXliff, writeXliff } from './xliff-format.ts';
import { readXlsx, writeXlsx } from './xlsx-format.ts';
import type { TranslationDocument } from './translation-document.ts';

export type TranslationFormat = 'xliff' | 'xlsx';

export const FORMAT_FILES: Record<TranslationFormat, { extension: string; contentType: string }> = {
  xliff: { extension: 'xlf', contentType: 'application/x-xliff+xml; charset=utf-8' },
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

export async function writeTranslationFile(doc: TranslationDocument, format: TranslationFormat): Promise<Buffer> {
  return format === 'xlsx' ? writeXlsx(doc) : Buffer.from(writeXliff(doc), 'utf8');
}

export function detectFormat(bytes: Buffer): TranslationFormat {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'xliff';
}

export async function readTranslationFile(bytes: Buffer): Promise<{ doc: TranslationDocument; format: TranslationFormat }> {
  const format = detectFormat(bytes);
  if (format === 'xlsx') return { doc: await readXlsx(bytes), format };
  return { doc: readXliff(bytes.toString('utf8')), format };
}

/** Both editions in one language weigh about 150 kB as XLIFF and 60 kB as XLSX. */
export const MAX_TRANSLATION_FILE_BYTES = 5 * 1024 * 1024;
