/** Answers to test/fixtures/nested-types.json shared by the validator, route and browser tests. */

/** A complete, valid answer set as survey-core's data holds it after a respondent filled the page. */
export const VALID = {
  partners: { lead: { role: 'buyer', score: 4, budget: 120000 }, other: { role: 'observer', why: 'No budget this year' } },
  lots: [{ kind: ['supplies', 'services'], value: 50000, framework: true, years: 4 }, { kind: ['works'], framework: false }],
  procurements: [{ year: 2021, outcome: 'awarded' }, { year: 2023, outcome: 'cancelled', cancel_reason: 'No bids' }],
  contact: { unit: 'Central purchasing', staff: 12 },
  channel: 'ted',
  effort: 7,
};

/** Three hand-made answer sets; ten responses (3 x A, 3 x B, 4 x C) are counted by hand in test/analysis/nested-aggregates.test.ts. */
export const PATTERN_A = {
  partners: { lead: { role: 'buyer', score: 4, budget: 100 }, other: { role: 'observer', why: 'too small' } },
  lots: [{ kind: ['supplies', 'services'], value: 50, framework: true, years: 4 }, { kind: ['works'], framework: false }],
  procurements: [{ year: 2021, outcome: 'awarded' }, { year: 2023, outcome: 'cancelled', cancel_reason: 'No bids' }],
  contact: { unit: 'Unit A', staff: 10 },
  channel: 'ted',
  effort: 7,
};
export const PATTERN_B = {
  partners: { lead: { role: 'buyer', score: 2, budget: 300 }, other: { role: 'buyer' } },
  lots: [{ kind: ['works'], value: 150, framework: false }],
  procurements: [{ year: 2021, outcome: 'awarded' }],
  contact: { unit: 'Unit B', staff: 20 },
  channel: 'portal',
  effort: 5,
};
export const PATTERN_C = {
  partners: { lead: { role: 'observer', why: 'later' }, other: { role: 'buyer', score: 5 } },
  lots: [{ kind: ['supplies'], value: 200, framework: true, years: 2 }, { kind: ['supplies'], value: 200, framework: false }, { kind: ['services'], value: 100, framework: false }],
  procurements: [{ year: 2022, outcome: 'awarded' }, { year: 2022, outcome: 'awarded' }, { year: 2024, outcome: 'cancelled', cancel_reason: 'Too costly' }],
  contact: { unit: 'Unit C' },
  channel: 'ted',
  effort: 3,
};

/** The ten responses of the hand counts. */
export const TEN_RESPONSES = [PATTERN_A, PATTERN_A, PATTERN_A, PATTERN_B, PATTERN_B, PATTERN_B, PATTERN_C, PATTERN_C, PATTERN_C, PATTERN_C];
