/** Tables of the campaigns feature (waves, targets, funnel counters); merged into Database in ../schema.ts. */
import type { ColumnType, Generated, Selectable } from 'kysely';

type DateOnly = ColumnType<string, string, string>;

export type WaveKind = 'launch' | 'relaunch' | 'reminder' | 'extension' | 'close';

export interface WaveTable {
  id: string;
  campaign_id: string;
  /** null: every country of the campaign. */
  country: string | null;
  kind: WaveKind;
  wave_on: DateOnly;
  channel: string | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TargetTable {
  id: string;
  campaign_id: string;
  country: string;
  /** '' for the country's overall target. */
  authority_type: Generated<string>;
  invited: number;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Counters per link, day and shard; read as sums. No visitor is recorded. */
export interface LinkFunnelDayTable {
  link_id: string;
  day: DateOnly;
  shard: Generated<number>;
  visits: Generated<number>;
  starts: Generated<number>;
  completions: Generated<number>;
}

export interface CampaignTables {
  wave: WaveTable;
  target: TargetTable;
  link_funnel_day: LinkFunnelDayTable;
}

export type Wave = Selectable<WaveTable>;
export type Target = Selectable<TargetTable>;
