/** Tables of the translations feature; merged into Database in ../schema.ts. */
import type { ColumnType, Generated } from 'kysely';

/** One state of an edition's texts (migrations/2026-12-04-60-edition-text-versions.ts). */
export interface EditionTextVersionTable {
  edition_id: string;
  number: number;
  content_hash: string;
  definition: ColumnType<Record<string, unknown>, string, string>;
  changes: ColumnType<{ id: string; languages: string[] }[], string | undefined, string>;
  source: string;
  published_at: Generated<Date>;
}

export interface TranslationTables {
  edition_text_version: EditionTextVersionTable;
}
