/** Which edition a report is about, from its year (and survey, when several run that year). */
import type { Kysely } from 'kysely';
import type { Database, Edition } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findEditionById, listLatestEditions } from '../surveys/edition-repository.ts';

export async function findReportEdition(db: Kysely<Database>, edition: string, surveyId?: string): Promise<Edition> {
  const matching = (await listLatestEditions(db)).filter((e) => e.edition === edition && (surveyId === undefined || e.survey_id === surveyId));
  if (matching.length === 0) throw new NotFoundError(`There is no edition ${edition}${surveyId ? ` of ${surveyId}` : ''}.`);
  if (matching.length > 1) throw new ValidationError('Several surveys have this edition.', { survey: [`give one of ${matching.map((e) => e.survey_id).join(', ')}`] });
  const found = await findEditionById(db, (matching[0] as { id: string }).id);
  if (!found) throw new NotFoundError();
  return found;
}
