/**
 * Every migration, listed by hand in order (a file-scanning provider fights with build steps).
 * Add new ones at the end with a dated name.
 */
import type { Migration } from 'kysely';
import * as respondentSpine from './2026-11-22-01-respondent-spine.ts';
import * as staffAccounts from './2026-11-22-02-staff-accounts.ts';
import * as campaignWaves from './2026-11-22-03-campaign-waves.ts';
import * as resultsIndexes from './2026-11-22-04-results-indexes.ts';
import * as answerTallies from './2026-12-01-01-answer-tallies.ts';
import * as demoCampaigns from './2026-12-04-40-demo-campaigns.ts';
import * as editionTextVersions from './2026-12-04-60-edition-text-versions.ts';
import * as unlinkableResponses from './2026-12-04-80-unlinkable-responses.ts';
import * as reportJobs from './2026-12-04-90-report-jobs.ts';
import * as responseIndexLog from './2026-12-04-90-response-index-log.ts';
import * as foldAgain from './2026-12-04-95-fold-again.ts';
import * as foldNestedAnswers from './2026-12-04-97-fold-nested-answers.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-22-01-respondent-spine': respondentSpine,
  '2026-11-22-02-staff-accounts': staffAccounts,
  '2026-11-22-03-campaign-waves': campaignWaves,
  '2026-11-22-04-results-indexes': resultsIndexes,
  '2026-12-01-01-answer-tallies': answerTallies,
  '2026-12-04-40-demo-campaigns': demoCampaigns,
  '2026-12-04-60-edition-text-versions': editionTextVersions,
  '2026-12-04-80-unlinkable-responses': unlinkableResponses,
  '2026-12-04-90-report-jobs': reportJobs,
  '2026-12-04-90-response-index-log': responseIndexLog,
  '2026-12-04-95-fold-again': foldAgain,
  '2026-12-04-97-fold-nested-answers': foldNestedAnswers,
};
