/** Creating campaigns: the collection of one edition over a window. */
import type { Kysely } from 'kysely';
import type { Campaign, Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { findLatestVersion } from '../surveys/edition-repository.ts';
import { insertCampaign } from './campaign-repository.ts';
import { defaultRetainUntil } from './campaign-window.ts';

export interface CreateCampaignInput {
  surveyId: string;
  edition: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  extendedUntil?: Date | null;
  retainUntil?: string;
  demo?: boolean;
}

export async function createCampaign(db: Kysely<Database>, input: CreateCampaignInput): Promise<Campaign> {
  const edition = await findLatestVersion(db, input.surveyId, input.edition);
  if (!edition) throw new NotFoundError(`There is no edition ${input.surveyId}/${input.edition}.`);
  const errors: Record<string, string[]> = {};
  if (!input.name.trim()) errors.name = ['A campaign needs a name.'];
  if (!(input.closesAt > input.opensAt)) errors.closesAt = ['The closing date must be after the opening date.'];
  if (input.extendedUntil && !(input.extendedUntil > input.closesAt)) errors.extendedUntil = ['An extension must end after the closing date.'];
  const lastDay = input.extendedUntil ?? input.closesAt;
  const retainUntil = input.retainUntil ?? defaultRetainUntil(lastDay);
  if (retainUntil <= lastDay.toISOString().slice(0, 10)) errors.retainUntil = ['Answers must be kept until after the campaign closes.'];
  if (Object.keys(errors).length > 0) throw new ValidationError('The campaign is not valid.', errors);
  return insertCampaign(db, {
    editionId: edition.id,
    name: input.name.trim(),
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    extendedUntil: input.extendedUntil ?? null,
    retainUntil,
    demo: input.demo ?? false,
  });
}
