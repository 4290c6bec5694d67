/**
 * Kysely table types. Column names are snake_case as in SQL; dates without a time of day are
 * kept as 'YYYY-MM-DD' strings so that no layer can add a time to a respondent's record.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AnalyticsTables } from './tables/analytics.ts';
import type { CampaignTables } from './tables/campaigns.ts';
import type { ReportTables } from './tables/reports.ts';
import type { StaffTables } from './tables/staff.ts';
import type { TranslationTables } from './tables/translations.ts';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DateOnly = ColumnType<string, string | undefined, string>;
export type Json<T> = ColumnType<T, string, string>;

export interface ServerSecretTable {
  name: string;
  value: string;
}

export interface SurveyTable {
  id: string;
  created_at: Generated<Date>;
}

export interface EditionTable {
  id: string;
  survey_id: string;
  edition: string;
  version: number;
  content_hash: string;
  title: string;
  definition: Json<Record<string, unknown>>;
  source: string;
  published_at: Timestamp;
}

export interface CampaignTable {
  id: string;
  edition_id: string;
  name: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  extended_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  retain_until: DateOnly;
  created_at: Generated<Date>;
  /** Built by the demo replay: every page that shows its figures says so. */
  demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LinkTable {
  id: string;
  token: string;
  campaign_id: string;
  country: string;
  channel: string;
  label: string;
  language: string;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
}

export interface ResponseTable {
  id: string;
  edition_id: string;
  campaign_id: string;
  link_id: string;
  link_country: string;
  country: string | null;
  authority_type: string | null;
  language: string;
  status: 'partial' | 'complete';
  answers: Json<Record<string, unknown>>;
  last_page: number;
  started_on: DateOnly;
  submitted_on: ColumnType<string | null, string | null | undefined, string | null>;
  resume_token_hash: string | null;
  deletion_code_hash: string | null;
  /** The wave the response was attributed to when submitted (stored; re-attribution is explicit). */
  wave_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** True once the answer tallies hold this (complete) response. */
  tallied: ColumnType<boolean, boolean | undefined, boolean>;
  /** True once the row was rewritten at a random place (responses/response-shuffle.ts); any change sets it back. */
  shuffled: ColumnType<boolean, boolean | undefined, boolean>;
  /** The fold batch (tally_event.seq) that folded this response, until the shuffle erases it. */
  fold_seq: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SubmissionKeyTable {
  key_hash: string;
  body_hash: string;
  /** The deletion code sealed under the idempotency key; null for answers stored before codes were sealed. */
  sealed_code: string | null;
  response_id: string;
}

/** Every table: the respondent spine's here, each feature's in tables/<feature>.ts. */
export interface Database extends StaffTables, CampaignTables, AnalyticsTables, TranslationTables, ReportTables {
  server_secret: ServerSecretTable;
  survey: SurveyTable;
  edition: EditionTable;
  campaign: CampaignTable;
  link: LinkTable;
  response: ResponseTable;
  submission_key: SubmissionKeyTable;
}

export type Edition = Selectable<EditionTable>;
export type NewEdition = Insertable<EditionTable>;
export type Campaign = Selectable<CampaignTable>;
export type CampaignUpdate = Updateable<CampaignTable>;
export type Link = Selectable<LinkTable>;
export type ResponseRow = Selectable<ResponseTable>;
