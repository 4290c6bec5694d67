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

/** Free texts of folded responses, by question (the same migration). */
export interface AnswerTextTable {
  response_id: string;
  edition_id: string;
  campaign_id: string;
  link_country: string;
  country: string | null;
  authority_type: string | null;
  key: string;
  text: string;
}

export interface AnalyticsTables {
  answer_tally: AnswerTallyTable;
  answer_text: AnswerTextTable;
}
