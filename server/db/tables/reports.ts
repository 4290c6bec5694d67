/** Tables of the reports feature; merged into Database in ../schema.ts. */
import type { ColumnType } from 'kysely';

/** A report being built or ready to download (migrations/2026-12-04-90-report-jobs.ts). */
export interface ReportJobTable {
  id: string;
  staff_user_id: string;
  state: 'running' | 'done' | 'failed';
  /** What the build is doing, in words for the page ("Drawing the charts (12 of 90)"). */
  step: string;
  fraction: ColumnType<number, number | undefined, number>;
  /** Why it failed, for the page. */
  message: string | null;
  filename: string | null;
  body: Buffer | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ReportTables {
  report_job: ReportJobTable;
}
