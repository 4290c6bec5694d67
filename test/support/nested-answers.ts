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
