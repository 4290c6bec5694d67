/** Tables of the analytics feature; merged into Database in ../schema.ts. */

/** Counters of answers of complete responses (migrations/2026-12-01-01-answer-tallies.ts). */
export interface AnswerTallyTable {
  edition_id: string;
  campaign_id: string;
  grain: number;
  link_country: string | null;
  country: string | null;
  authority_type: string | null;
  key: string;
  kind: string;
  value: string;
  sub: string;
  pos: number;
  n: number;
}

export interface AnalyticsTables {
  answer_tally: AnswerTallyTable;
}
